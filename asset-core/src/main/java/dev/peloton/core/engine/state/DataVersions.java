package dev.peloton.core.engine.state;

import dev.peloton.core.AssetKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * How data versions are derived and combined.
 *
 * <p>A materialization without a user-given data version gets {@link #derive}: a hash of its code version and
 * its input data versions. The input data version of one upstream asset is {@link #combine}d over the upstream
 * partitions read: the version itself for one partition, otherwise an order-independent sum of per-partition
 * hashes, so that a window of partitions is a difference of two prefix sums and never a walk over the window.
 */
public final class DataVersions {

    /** Stands for an upstream partition that has no materialization yet. */
    public static final String MISSING = "missing";

    private static final String SUM_PREFIX = "sum:";

    private DataVersions() {
    }

    /** The data version derived from a code version and input data versions (order of the map does not matter). */
    public static String derive(String codeVersion, Map<AssetKey, String> inputDataVersions) {
        StringBuilder sb = new StringBuilder(64).append(codeVersion).append('\u0000');
        for (Map.Entry<AssetKey, String> e : new TreeMap<>(inputDataVersions).entrySet()) {
            sb.append(e.getKey()).append('=').append(e.getValue()).append('\u0000');
        }
        return sha256Hex(sb.toString(), 16);
    }

    /** The 64-bit hash of one upstream partition's version at its index: the unit that {@link #combine} sums. */
    public static long partitionHash(long index, String dataVersion) {
        long h = 0xcbf29ce484222325L ^ index * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < dataVersion.length(); i++) {
            h ^= dataVersion.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /**
     * The combined input data version of several upstream partitions from the sum of their
     * {@link #partitionHash}es and their count. One partition is written as its own version instead.
     */
    public static String combinedFromSum(long sum, long count) {
        return SUM_PREFIX + count + ":" + Long.toHexString(sum);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public static String sha256Hex(String text, int bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
