package dev.peloton.runtime.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the asset endpoints answer: plain records, written as JSON as they are. */
public final class AssetViews {

    private AssetViews() {
    }

    /**
     * @param partitioned whether the asset has more than its one implicit partition
     * @param type        unpartitioned, static, time-window, dynamic or multi
     * @param description the keys in words ("31 daily keys from 2023-07-01 to 2023-07-31")
     * @param count       the number of partitions (1 when unpartitioned)
     */
    public record PartitionsSummary(boolean partitioned, String type, String description, long count) {
    }

    /** One asset in the asset list. */
    public record AssetSummary(String key, String group, String description, List<String> owners,
            Map<String, String> tags, String kind, PartitionsSummary partitions, PartitionStatus status,
            Map<PartitionStatus, Long> statusCounts) {
    }

    /** An edge seen from one end: the asset at the other end, the partition mapping, the parameter. */
    public record EdgeView(String asset, String mapping, String parameter) {
    }

    public record CheckView(String name, String description, boolean blocking) {
    }

    /** Where a chain of stale upstream partitions begins. */
    public record RootCauseView(String asset, String kind, long partitionCount, String partitions,
            String description) {
    }

    /**
     * A staleness cause, in words ({@code description}) and as data.
     *
     * @param kind           CODE_VERSION_CHANGED, UPSTREAM_DATA_CHANGED, DEPENDENCIES_CHANGED, UPSTREAM_STALE or
     *                       UPSTREAM_MISSING
     * @param upstream       the upstream asset concerned, or null
     * @param partitionCount how many partitions (of the asset for a summary, of the upstream for one partition)
     * @param partitions     those partitions in words
     * @param details        kind-specific values (code versions, input data versions, added/removed assets)
     */
    public record CauseView(String kind, String description, String upstream, long partitionCount,
            String partitions, List<RootCauseView> rootCauses, Map<String, Object> details) {
    }

    public record StalenessSummary(PartitionStatus worst, Map<PartitionStatus, Long> counts,
            List<CauseView> causes) {
    }

    public record AssetDetail(String key, String group, String description, List<String> owners,
            Map<String, String> tags, String kind, String codeVersion, String codeVersionSource, String ioManager,
            String pool, String origin, PartitionsSummary partitions, List<EdgeView> upstream,
            List<EdgeView> downstream, List<CheckView> checks, StalenessSummary staleness) {
    }

    /** Consecutive partitions {@code from..to} (keys, both included) with one status. */
    public record StatusRange(String from, String to, PartitionStatus status, long count) {
    }

    public record PartitionStatusView(String asset, PartitionsSummary partitions, Map<PartitionStatus, Long> counts,
            List<StatusRange> ranges) {
    }

    public record MaterializationView(Long id, String partition, String dataVersion, String codeVersion,
            Map<String, String> inputDataVersions, String runId, Instant materializedAt) {
    }

    public record FailureView(String runId, String error, Instant failedAt) {
    }

    public record PartitionDetail(String asset, String partition, long index, PartitionStatus status,
            String staleness, List<CauseView> causes, MaterializationView lastMaterialization,
            FailureView lastFailure) {
    }

    /** @param nextBefore pass as {@code before} for the next (older) page; null on the last page */
    public record MaterializationPage(String asset, String partition, List<MaterializationView> materializations,
            Long nextBefore) {
    }
}
