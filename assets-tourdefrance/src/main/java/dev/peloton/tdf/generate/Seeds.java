package dev.peloton.tdf.generate;

import java.util.SplittableRandom;

/**
 * Derives independent random streams from the data set's seed, one per purpose and key (stage, bib...).
 * Each part of the data depends only on its own stream, so generating fewer stages or riders (a smaller scale)
 * does not change what the others look like.
 *
 * <p>Gaussians use StrictMath so that a seed gives the same data on every JVM and CPU.
 */
final class Seeds {

    private Seeds() {
    }

    /** A random stream for one purpose and keys, e.g. {@code random(seed, "route", stage)}. */
    static SplittableRandom random(long seed, String purpose, long... keys) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ purpose.hashCode());
        for (long k : keys) {
            h = mix(h + 0x9E3779B97F4A7C15L * (k + 1));
        }
        return new SplittableRandom(h);
    }

    /** SplitMix64's finaliser: a bijective, well-mixing function of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A standard normal draw (Box-Muller, StrictMath). */
    static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        if (u1 < 1e-300) {
            u1 = 1e-300;
        }
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }

    /**
     * A cheap approximately normal draw (sum of four uniforms, mean 0, variance 1, bounded by +-3.46) for
     * per-point sensor noise, where millions of draws are needed and tails do not matter.
     */
    static double noise(SplittableRandom r) {
        return (r.nextDouble() + r.nextDouble() + r.nextDouble() + r.nextDouble() - 2.0) * 1.7320508075688772;
    }
}
