package dev.peloton.runtime.io.parquet;

import java.nio.charset.StandardCharsets;

/**
 * Turns partition keys into safe file names: letters, digits, {@code -}, {@code _} and inner dots stay as they are;
 * every other byte (of UTF-8) is percent-encoded, as are a leading dot and {@code %} itself. So {@code 2023-07-04}
 * stays readable, {@code 2023-07-04|pogacar} becomes {@code 2023-07-04%7Cpogacar}, and {@code ..}, {@code a/b} or
 * quotes can never leave the asset's directory or break the SQL that names the file. The encoding is reversible.
 */
public final class PartitionFileNames {

    /** Leaves room for the {@code .parquet} suffix and a temporary-file suffix within 255 bytes. */
    static final int MAX_LENGTH = 200;

    /** The file name of the unpartitioned value. */
    public static final String UNPARTITIONED = "data";

    private PartitionFileNames() {
    }

    /** The encoded name (without {@code .parquet}) of {@code partitionKey}; {@code ""} is the unpartitioned value. */
    public static String encode(String partitionKey) {
        if (partitionKey == null) {
            throw new IllegalArgumentException("A partition key must not be null");
        }
        if (partitionKey.isEmpty()) {
            return UNPARTITIONED;
        }
        StringBuilder sb = new StringBuilder(partitionKey.length() + 8);
        byte[] bytes = partitionKey.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-'
                    || b == '_' || (b == '.' && i > 0);
            if (plain) {
                sb.append((char) b);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        if (sb.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Partition key '" + partitionKey + "' is too long for a file name: "
                    + sb.length() + " characters once encoded, at most " + MAX_LENGTH);
        }
        return sb.toString();
    }

    /** The partition key of an encoded name. */
    public static String decode(String name) {
        if (name.equals(UNPARTITIONED)) {
            return "";
        }
        byte[] out = new byte[name.length()];
        int n = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%') {
                if (i + 2 >= name.length()) {
                    throw new IllegalArgumentException("'" + name + "' is not an encoded partition key: '%' at "
                            + i + " needs two hex digits");
                }
                out[n++] = (byte) Integer.parseInt(name.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
