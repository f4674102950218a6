package dev.peloton.core.engine.state;

import dev.peloton.core.PartitionSet;

/**
 * The data versions of one asset's partitions by index, with their {@link DataVersions#fingerprint}s and prefix
 * sums of their {@link DataVersions#partitionHash}es: the input data version over any set of partitions costs the
 * number of its ranges, so a window of 100,000 upstream partitions is as cheap as one.
 *
 * <p>Gives exactly the answer of {@link DataVersions#inputDataVersion(PartitionSet, java.util.function.LongFunction)}.
 * Indices past the end (a dynamic definition that grew since the versions were read) count as missing.
 * Immutable once built: fingerprints and prefix sums are computed on first use, and racing threads compute the
 * same arrays.
 */
public final class PartitionVersions {

    private static final long MISSING_FINGERPRINT = DataVersions.fingerprint(DataVersions.MISSING);

    private final String[] versions;
    private volatile long[] fingerprints;
    private volatile long[] prefix;

    private PartitionVersions(String[] versions) {
        this.versions = versions;
    }

    /**
     * @param versionsByIndex the data version of each partition, {@code null} where missing; not copied, so the
     *                        caller must not change it afterwards
     */
    public static PartitionVersions of(String[] versionsByIndex) {
        return new PartitionVersions(versionsByIndex);
    }

    public int size() {
        return versions.length;
    }

    /** The data version at {@code index}, or {@code null} if that partition is missing. */
    public String versionAt(long index) {
        return index >= 0 && index < versions.length ? versions[(int) index] : null;
    }

    /** The fingerprint of the version at {@code index}, or of {@link DataVersions#MISSING} if missing. */
    public long fingerprintAt(long index) {
        return index >= 0 && index < versions.length ? fingerprints()[(int) index] : MISSING_FINGERPRINT;
    }

    /** The fingerprints by index; missing partitions have the fingerprint of {@link DataVersions#MISSING}. */
    public long[] fingerprints() {
        long[] f = fingerprints;
        if (f == null) {
            f = new long[versions.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = versions[i] == null ? MISSING_FINGERPRINT : DataVersions.fingerprint(versions[i]);
            }
            fingerprints = f;
        }
        return f;
    }

    /** Computes the fingerprints and prefix sums now, for example before several threads read them. */
    public void prepare() {
        fingerprints();
        prefixSums();
    }

    /** The input data version over {@code read}, as {@link DataVersions#inputDataVersion} defines it. */
    public String inputDataVersion(PartitionSet read) {
        if (read.count() == 1) {
            return DataVersions.orMissing(versionAt(read.first()));
        }
        return DataVersions.combinedFromSum(sum(read), read.count());
    }

    /** The fingerprint of {@link #inputDataVersion}{@code (read)}, without building its text. */
    public long inputFingerprint(PartitionSet read) {
        if (read.count() == 1) {
            return fingerprintAt(read.first());
        }
        return DataVersions.combinedFingerprint(sum(read), read.count());
    }

    /** Whether {@code recorded} equals {@link #inputDataVersion}{@code (read)}, without allocating. */
    public boolean matches(String recorded, PartitionSet read) {
        if (recorded == null) {
            return false;
        }
        if (read.count() == 1) {
            return recorded.equals(DataVersions.orMissing(versionAt(read.first())));
        }
        return DataVersions.isCombinedFromSum(recorded, sum(read), read.count());
    }

    /** The sum of the partition hashes over {@code read}. */
    public long sum(PartitionSet read) {
        long[] p = prefixSums();
        long sum = 0;
        int n = versions.length;
        for (int r = 0; r < read.rangeCount(); r++) {
            long from = read.rangeStart(r);
            long to = read.rangeEnd(r);
            sum += p[(int) Math.min(to, n)] - p[(int) Math.min(from, n)];
            for (long i = Math.max(from, n); i < to; i++) {
                sum += DataVersions.partitionHash(i, DataVersions.MISSING);
            }
        }
        return sum;
    }

    private long[] prefixSums() {
        long[] p = prefix;
        if (p == null) {
            p = new long[versions.length + 1];
            for (int i = 0; i < versions.length; i++) {
                p[i + 1] = p[i] + DataVersions.partitionHash(i, DataVersions.orMissing(versions[i]));
            }
            prefix = p;
        }
        return p;
    }
}
