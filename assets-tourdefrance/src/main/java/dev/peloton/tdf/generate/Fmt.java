package dev.peloton.tdf.generate;

/**
 * Fast fixed-point formatting of numbers into a StringBuilder: no locale, no exponent, trailing zeros kept, the
 * same text on every JVM. Used for the route CSVs and the millions of race-point rows.
 */
final class Fmt {

    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000};

    private Fmt() {
    }

    /** Appends {@code v} rounded half away from zero to {@code decimals} digits (0..7). */
    static StringBuilder fixed(StringBuilder sb, double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("cannot format " + v + " as a number");
        }
        long scale = POW10[decimals];
        long scaled = Math.round(Math.abs(v) * scale);
        if (v < 0 && scaled != 0) {
            sb.append('-');
        }
        sb.append(scaled / scale);
        if (decimals > 0) {
            sb.append('.');
            long frac = scaled % scale;
            for (long p = scale / 10; p > frac && p > 1; p /= 10) {
                sb.append('0');
            }
            sb.append(frac);
        }
        return sb;
    }

    /** The text of {@code v} with {@code decimals} digits. */
    static String fixed(double v, int decimals) {
        return fixed(new StringBuilder(16), v, decimals).toString();
    }
}
