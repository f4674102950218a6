package dev.peloton.runtime.backfill;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of backfills, under {@code peloton.backfills.*}.
 *
 * @param daemonEnabled whether this node runs a backfill daemon (submits backfills' runs and settles them); every
 *                      node may, since nodes share the work through row locks
 * @param batchSize     runs queued per transaction while submitting a backfill
 * @param pollInterval  how often the daemon looks for work when nothing wakes it (new backfills wake it at once;
 *                      a backfill whose last run ended is marked COMPLETED or FAILED at the next poll)
 * @param maxPartitions the most partitions one backfill may cover
 * @param maxRuns       the most runs one backfill may start
 */
@ConfigurationProperties("peloton.backfills")
public record BackfillProperties(
        @DefaultValue("true") boolean daemonEnabled,
        @DefaultValue("500") int batchSize,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("10000000") long maxPartitions,
        @DefaultValue("100000") long maxRuns) {

    public BackfillProperties {
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("peloton.backfills.batch-size must be between 1 and 100000, got "
                    + batchSize);
        }
        if (pollInterval == null || pollInterval.isZero() || pollInterval.isNegative()) {
            throw new IllegalArgumentException("peloton.backfills.poll-interval must be a positive duration, got "
                    + pollInterval);
        }
        // The limits check their own range, naming these properties (the fields are not set yet: pass the values).
        new BackfillService.Limits(maxPartitions, maxRuns);
    }

    public BackfillService.Limits limits() {
        return new BackfillService.Limits(maxPartitions, maxRuns);
    }
}
