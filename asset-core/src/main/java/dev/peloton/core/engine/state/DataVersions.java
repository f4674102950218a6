package dev.peloton.core.engine.state;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * How data versions are derived and combined.
 *
 * <p>A materialization without a user-given data version gets {@link #derive}: a hash of its code version and
 * its input data versions. The input data version of one upstream asset ({@link #inputDataVersion}) is combined
 * over the upstream partitions read: the version itself for one partition, otherwise an order-independent sum of
 * per-partition hashes, so that a window of partitions is a difference of two prefix sums and never a walk over
 * the window ({@link PartitionVersions}).
 *
 * <p>The executor records materializations with {@link #inputDataVersions} and staleness compares against the
 * same rule, so the two can never disagree about what "unchanged inputs" means.
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

    /**
     * The input data version of one upstream asset over the partitions {@code upstreamRead} that a downstream
     * partition reads: for exactly one partition, its data version (or {@link #MISSING}); for zero or several,
     * {@link #combinedFromSum} of their {@link #partitionHash}es (a missing partition hashes as {@link #MISSING}).
     *
     * <p>Walks the partitions read; for big windows read through {@link PartitionVersions#inputDataVersion}, which
     * gives the same answer from prefix sums.
     *
     * @param versionAt the data version of the upstream partition at an index, or {@code null} if it is missing
     */
    public static String inputDataVersion(PartitionSet upstreamRead, LongFunction<String> versionAt) {
        if (upstreamRead.count() == 1) {
            return orMissing(versionAt.apply(upstreamRead.first()));
        }
        long sum = 0;
        for (int r = 0; r < upstreamRead.rangeCount(); r++) {
            for (long i = upstreamRead.rangeStart(r); i < upstreamRead.rangeEnd(r); i++) {
                sum += partitionHash(i, orMissing(versionAt.apply(i)));
            }
        }
        return combinedFromSum(sum, upstreamRead.count());
    }

    /**
     * The input data versions to record for one materialized partition: one entry per upstream asset (value inputs
     * and {@code deps} alike), each {@link #inputDataVersion} over the upstream partitions that the edges' mappings
     * say {@code partitionKey} reads, with the upstream data versions as {@code storage} has them now.
     *
     * @param partitionKey the partition materialized, {@code ""} for an unpartitioned asset
     */
    public static Map<AssetKey, String> inputDataVersions(AssetGraph graph, AssetKey asset, String partitionKey,
            AssetStateStorage storage) {
        int a = graph.indexOf(asset);
        AssetDefinition definition = graph.get(asset);
        long p = definition.partitions().requireIndex(asset, partitionKey);
        Map<AssetKey, String> out = new LinkedHashMap<>();
        for (UpstreamInput input : UpstreamInput.of(graph, a)) {
            PartitionsDefinition upDef = input.upstreamDefinition();
            PartitionSet read = input.reads(PartitionSet.range(p, p + 1));
            out.put(input.upstreamKey(), inputDataVersion(read, i -> storage.latest(input.upstreamKey(),
                    upDef.keyAt(i)).map(MaterializationRecord::dataVersion).orElse(null)));
        }
        return out;
    }

    /** {@link #derive} with the input data versions of {@link #inputDataVersions}. */
    public static String deriveFor(AssetGraph graph, AssetKey asset, String partitionKey,
            AssetStateStorage storage) {
        return derive(graph.get(asset).codeVersion(), inputDataVersions(graph, asset, partitionKey, storage));
    }

    static String orMissing(String version) {
        return version == null ? MISSING : version;
    }

    /** The 64-bit hash of one upstream partition's version at its index: the unit that the combination sums. */
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

    /**
     * Whether {@code recorded} is {@code combinedFromSum(sum, count)}, without building that string: staleness
     * compares millions of recorded input versions against sums and must not allocate for each.
     */
    public static boolean isCombinedFromSum(String recorded, long sum, long count) {
        if (recorded == null || !recorded.startsWith(SUM_PREFIX)) {
            return false;
        }
        int colon = recorded.indexOf(':', SUM_PREFIX.length());
        if (colon < 0) {
            return false;
        }
        // Compare digit by digit against the canonical rendering, so "sum:01:.." never equals "sum:1:..".
        return matchesDecimal(recorded, SUM_PREFIX.length(), colon, count)
                && matchesHex(recorded, colon + 1, recorded.length(), sum);
    }

    private static boolean matchesDecimal(String s, int from, int to, long value) {
        if (value < 0) {
            return false;
        }
        int digits = 1;
        for (long v = value / 10; v > 0; v /= 10) {
            digits++;
        }
        if (to - from != digits) {
            return false;
        }
        long v = value;
        for (int i = to - 1; i >= from; i--) {
            if (s.charAt(i) != (char) ('0' + v % 10)) {
                return false;
            }
            v /= 10;
        }
        return true;
    }

    private static boolean matchesHex(String s, int from, int to, long value) {
        int digits = value == 0 ? 1 : (64 - Long.numberOfLeadingZeros(value) + 3) / 4;
        if (to - from != digits) {
            return false;
        }
        long v = value;
        for (int i = to - 1; i >= from; i--) {
            if (s.charAt(i) != Character.forDigit((int) (v & 0xF), 16)) {
                return false;
            }
            v >>>= 4;
        }
        return true;
    }

    /**
     * A 64-bit fingerprint of a data version or input data version, for comparing millions of them as primitives:
     * a pure function of the text, so equal texts have equal fingerprints, and different texts collide with a
     * probability of about 2^-64. A combined version ({@link #combinedFromSum}) fingerprints as
     * {@link #combinedFingerprint} of its sum and count, so that a current window's fingerprint comes from prefix
     * sums without building its text.
     */
    public static long fingerprint(String version) {
        if (version.startsWith(SUM_PREFIX)) {
            int colon = version.indexOf(':', SUM_PREFIX.length());
            int countDigits = colon - SUM_PREFIX.length();
            int sumDigits = version.length() - colon - 1;
            if (colon > 0 && countDigits >= 1 && countDigits <= 18 && sumDigits >= 1 && sumDigits <= 16) {
                try {
                    long count = Long.parseLong(version, SUM_PREFIX.length(), colon, 10);
                    long sum = Long.parseUnsignedLong(version, colon + 1, version.length(), 16);
                    if (isCombinedFromSum(version, sum, count)) {
                        return combinedFingerprint(sum, count);
                    }
                } catch (NumberFormatException notCombined) {
                    // Falls through: a user-given version that merely starts like a combined one.
                }
            }
        }
        long h = 0x84222325cbf29ce4L;
        for (int i = 0; i < version.length(); i++) {
            h ^= version.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h ^ version.length());
    }

    /** The {@link #fingerprint} of {@code combinedFromSum(sum, count)}, without building the text. */
    public static long combinedFingerprint(long sum, long count) {
        return mix(sum ^ mix(count * 0x9E3779B97F4A7C15L + 0x632be59bd9b4e019L));
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
