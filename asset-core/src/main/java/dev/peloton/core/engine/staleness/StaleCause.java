package dev.peloton.core.engine.staleness;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Why one asset partition is stale. Each cause names what changed and, where it applies, the upstream asset. */
public sealed interface StaleCause {

    StaleCauseKind kind();

    /** The cause in one sentence, for the UI and logs. */
    String describe();

    /** The asset's code version is not the one its materialization was produced with. */
    record CodeVersionChanged(String recordedCodeVersion, String currentCodeVersion) implements StaleCause {
        @Override
        public StaleCauseKind kind() {
            return StaleCauseKind.CODE_VERSION_CHANGED;
        }

        @Override
        public String describe() {
            return "code version changed from " + recordedCodeVersion + " to " + currentCodeVersion;
        }
    }

    /**
     * The upstream partitions read have a different combined data version than when they were read.
     *
     * @param upstream           the upstream asset
     * @param upstreamPartitions the upstream partitions read (indices of its definition)
     * @param upstreamKeys       those partitions in words
     * @param recordedVersion    the input data version recorded with the materialization
     * @param currentVersion     the input data version over the same partitions now
     */
    record UpstreamDataChanged(AssetKey upstream, PartitionSet upstreamPartitions, String upstreamKeys,
            String recordedVersion, String currentVersion) implements StaleCause {
        @Override
        public StaleCauseKind kind() {
            return StaleCauseKind.UPSTREAM_DATA_CHANGED;
        }

        @Override
        public String describe() {
            return "upstream " + where(upstream, upstreamKeys) + " has new data (input data version "
                    + recordedVersion + " is now " + currentVersion + ")";
        }
    }

    /**
     * The set of upstream assets differs from the one recorded with the materialization.
     *
     * @param added   upstream assets the asset depends on now but did not then
     * @param removed upstream assets it depended on then but does not now
     */
    record DependenciesChanged(Set<AssetKey> added, Set<AssetKey> removed) implements StaleCause {
        public DependenciesChanged {
            added = Set.copyOf(added);
            removed = Set.copyOf(removed);
        }

        @Override
        public StaleCauseKind kind() {
            return StaleCauseKind.DEPENDENCIES_CHANGED;
        }

        @Override
        public String describe() {
            StringBuilder sb = new StringBuilder("dependencies changed:");
            if (!added.isEmpty()) {
                sb.append(" added ").append(sorted(added));
            }
            if (!removed.isEmpty()) {
                sb.append(added.isEmpty() ? " " : ", ").append("removed ").append(sorted(removed));
            }
            return sb.toString();
        }
    }

    /**
     * Upstream partitions read are stale themselves.
     *
     * @param upstream           the upstream asset
     * @param upstreamPartitions the stale upstream partitions read
     * @param upstreamKeys       those partitions in words
     * @param rootCauses         where the staleness begins, nearest first (never empty)
     */
    record UpstreamStale(AssetKey upstream, PartitionSet upstreamPartitions, String upstreamKeys,
            List<RootCause> rootCauses) implements StaleCause {
        public UpstreamStale {
            rootCauses = List.copyOf(rootCauses);
        }

        @Override
        public StaleCauseKind kind() {
            return StaleCauseKind.UPSTREAM_STALE;
        }

        /** The asset of the first root cause. */
        public AssetKey rootAsset() {
            return rootCauses.get(0).asset();
        }

        /** The kind of the first root cause. */
        public RootCauseKind rootKind() {
            return rootCauses.get(0).kind();
        }

        @Override
        public String describe() {
            return "upstream " + where(upstream, upstreamKeys) + " is stale because "
                    + rootCauses.stream().map(RootCause::describe).collect(Collectors.joining("; "));
        }
    }

    /**
     * Upstream partitions read were never materialized. The root cause is the upstream itself, kind
     * {@link RootCauseKind#MISSING}.
     */
    record UpstreamMissing(AssetKey upstream, PartitionSet upstreamPartitions, String upstreamKeys)
            implements StaleCause {
        @Override
        public StaleCauseKind kind() {
            return StaleCauseKind.UPSTREAM_MISSING;
        }

        public AssetKey rootAsset() {
            return upstream;
        }

        public RootCauseKind rootKind() {
            return RootCauseKind.MISSING;
        }

        public List<RootCause> rootCauses() {
            return List.of(new RootCause(upstream, upstreamPartitions, upstreamKeys, RootCauseKind.MISSING));
        }

        @Override
        public String describe() {
            return "upstream " + where(upstream, upstreamKeys) + " is missing";
        }
    }

    private static String where(AssetKey asset, String keys) {
        return keys.isEmpty() ? asset.toString() : asset + "[" + keys + "]";
    }

    private static String sorted(Set<AssetKey> keys) {
        return keys.stream().sorted().map(AssetKey::toString).collect(Collectors.joining(", "));
    }
}
