package dev.peloton.runtime.metrics;

import dev.peloton.runtime.backfill.BackfillProgress;
import dev.peloton.runtime.backfill.BackfillRecord;
import dev.peloton.runtime.backfill.BackfillService;
import dev.peloton.runtime.backfill.BackfillStatus;
import dev.peloton.runtime.backfill.PartitionStatus;
import dev.peloton.runtime.storage.RunStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Gauges read from the database, the same on every node: runs per status, the queue's depth and the age of its
 * oldest run, and the progress of active backfills. A background thread refreshes one snapshot every
 * {@code refreshInterval}; scrapes read the snapshot and never query the database, however often they come.
 */
public final class DatabaseGauges implements MeterBinder, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseGauges.class);
    private static final List<BackfillStatus> ACTIVE_BACKFILLS = List.of(BackfillStatus.REQUESTED,
            BackfillStatus.SUBMITTING, BackfillStatus.RUNNING, BackfillStatus.CANCELING);

    /** One read of the database. */
    record Snapshot(Map<RunStatus, Long> runs, double oldestQueuedSeconds, List<BackfillRow> backfills) {
        static final Snapshot EMPTY = new Snapshot(new EnumMap<>(RunStatus.class), 0, List.of());

        long runs(RunStatus status) {
            return runs.getOrDefault(status, 0L);
        }
    }

    record BackfillRow(String id, long requested, long succeeded, long failed) {
    }

    private final JdbcTemplate jdbc;
    private final BackfillService backfills;
    private final Duration refreshInterval;
    private final int maxBackfills;
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private MultiGauge backfillRequested;
    private MultiGauge backfillSucceeded;
    private MultiGauge backfillFailed;
    private MultiGauge scheduleLag;
    private ScheduledExecutorService timer;

    /**
     * @param backfills       where backfill progress comes from, or {@code null} for no backfill gauges
     * @param refreshInterval how old the values may be
     * @param maxBackfills    at most this many active backfills get gauges (the newest), to bound the series
     */
    public DatabaseGauges(DataSource dataSource, BackfillService backfills, Duration refreshInterval,
            int maxBackfills) {
        this.jdbc = new JdbcTemplate(Objects.requireNonNull(dataSource, "dataSource"));
        this.backfills = backfills;
        if (refreshInterval == null || refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("peloton.metrics.refresh-interval must be positive, got "
                    + refreshInterval);
        }
        if (maxBackfills < 0 || maxBackfills > 1_000) {
            throw new IllegalArgumentException("peloton.metrics.max-backfills must be between 0 and 1000, got "
                    + maxBackfills);
        }
        this.refreshInterval = refreshInterval;
        this.maxBackfills = maxBackfills;
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        for (RunStatus status : RunStatus.values()) {
            Gauge.builder(PelotonMeterNames.RUNS, this, g -> g.snapshot.runs(status))
                    .description("Runs in the database per status, across the cluster")
                    .tag("status", status.name())
                    .register(registry);
        }
        Gauge.builder(PelotonMeterNames.QUEUE_DEPTH, this, g -> g.snapshot.runs(RunStatus.QUEUED))
                .description("QUEUED runs in the database, across the cluster")
                .register(registry);
        Gauge.builder(PelotonMeterNames.QUEUE_OLDEST_AGE, this, g -> g.snapshot.oldestQueuedSeconds())
                .description("Age of the oldest QUEUED run, 0 when the queue is empty")
                .baseUnit("seconds")
                .register(registry);
        if (backfills != null) {
            backfillRequested = MultiGauge.builder(PelotonMeterNames.BACKFILL_REQUESTED)
                    .description("Partitions an active backfill asked for").register(registry);
            backfillSucceeded = MultiGauge.builder(PelotonMeterNames.BACKFILL_SUCCEEDED)
                    .description("Partitions of an active backfill that succeeded or were up to date")
                    .register(registry);
            backfillFailed = MultiGauge.builder(PelotonMeterNames.BACKFILL_FAILED)
                    .description("Partitions of an active backfill that failed").register(registry);
        }
        scheduleLag = MultiGauge.builder(PelotonMeterNames.SCHEDULE_LAG)
                .description("How late the latest tick of a schedule started after its scheduled time")
                .baseUnit("seconds").register(registry);
        refresh();
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                    .name("peloton-metrics-refresh").factory());
            long ms = refreshInterval.toMillis();
            timer.scheduleWithFixedDelay(() -> {
                try {
                    refresh();
                } catch (RuntimeException e) {
                    LOG.warn("Could not refresh Peloton's database gauges; they keep their last values", e);
                }
            }, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    /** Reads the database now and updates every gauge. */
    public synchronized void refresh() {
        Map<RunStatus, Long> runs = new EnumMap<>(RunStatus.class);
        double[] oldest = {0};
        // One grouped scan of the (status, created_at) index.
        jdbc.query("SELECT status, count(*), extract(epoch FROM now() - min(created_at)) FROM runs GROUP BY status",
                rs -> {
                    RunStatus status = RunStatus.valueOf(rs.getString(1));
                    runs.put(status, rs.getLong(2));
                    if (status == RunStatus.QUEUED) {
                        oldest[0] = Math.max(0, rs.getDouble(3));
                    }
                });
        List<BackfillRow> rows = backfills == null ? List.of() : backfillRows();
        snapshot = new Snapshot(runs, oldest[0], rows);
        if (backfills != null) {
            backfillRequested.register(rows(rows, BackfillRow::requested), true);
            backfillSucceeded.register(rows(rows, BackfillRow::succeeded), true);
            backfillFailed.register(rows(rows, BackfillRow::failed), true);
        }
        if (scheduleLag != null) {
            scheduleLag.register(scheduleLagRows(), true);
        }
    }

    /** Per schedule, the lag of its latest tick: one index scan of ticks per schedule (unique on kind, name, time). */
    private List<MultiGauge.Row<?>> scheduleLagRows() {
        List<MultiGauge.Row<?>> out = new ArrayList<>();
        jdbc.query("SELECT DISTINCT ON (name) name, greatest(0, extract(epoch FROM started_at - tick_time))"
                        + " FROM ticks WHERE kind = 'SCHEDULE' ORDER BY name, tick_time DESC",
                rs -> {
                    out.add(MultiGauge.Row.of(Tags.of("schedule", rs.getString(1)), rs.getDouble(2)));
                });
        return out;
    }

    private List<BackfillRow> backfillRows() {
        List<BackfillRow> rows = new ArrayList<>();
        for (BackfillStatus status : ACTIVE_BACKFILLS) {
            if (rows.size() >= maxBackfills) {
                break;
            }
            for (BackfillRecord b : backfills.list(status, Math.max(1, maxBackfills - rows.size()), null)) {
                if (rows.size() >= maxBackfills) {
                    break;
                }
                BackfillProgress p = backfills.progress(b.id());
                rows.add(new BackfillRow(b.id(), b.numPartitions(),
                        p.count(PartitionStatus.SUCCEEDED) + p.count(PartitionStatus.SKIPPED),
                        p.count(PartitionStatus.FAILED)));
            }
        }
        return rows;
    }

    private static List<MultiGauge.Row<?>> rows(List<BackfillRow> rows, ToLongFunction<BackfillRow> value) {
        List<MultiGauge.Row<?>> out = new ArrayList<>(rows.size());
        for (BackfillRow r : rows) {
            long v = value.applyAsLong(r);
            out.add(MultiGauge.Row.of(Tags.of("backfill", r.id()), v));
        }
        return out;
    }

    /** The last snapshot (for tests and the health page). */
    Snapshot snapshot() {
        return snapshot;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
