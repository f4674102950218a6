package dev.peloton.runtime.worker;

import dev.peloton.runtime.run.DefaultRunCoordinator;
import dev.peloton.runtime.storage.EventStorage;
import dev.peloton.runtime.storage.IllegalRunTransitionException;
import dev.peloton.runtime.storage.NewEvent;
import dev.peloton.runtime.storage.RunRecord;
import dev.peloton.runtime.storage.RunStatus;
import dev.peloton.runtime.storage.RunStorage;
import java.time.Duration;
import java.util.EnumSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes over the runs of workers that died: a run whose heartbeat is older than the dead-after duration goes back
 * to QUEUED (a canceling one ends CANCELED), and the next claim gives it a new fencing token, so the old worker
 * can commit nothing more. Every node runs one; they may race, and the conditional update lets one win.
 */
final class RunReaper {

    private static final Logger LOG = LoggerFactory.getLogger(RunReaper.class);

    private final RunStorage runs;
    private final EventStorage events;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Duration deadAfter;
    private final PostgresPoolLimiter pools;

    RunReaper(DataSource dataSource, RunStorage runs, EventStorage events, Duration deadAfter,
            PostgresPoolLimiter pools) {
        this.runs = runs;
        this.events = events;
        this.jdbc = JdbcClient.create(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.deadAfter = deadAfter;
        this.pools = pools;
    }

    /** Re-queues the runs of dead workers; returns how many. */
    int reap() {
        int requeued = 0;
        for (RunRecord run : runs.findStale(deadAfter)) {
            try {
                if (run.status() == RunStatus.CANCELING) {
                    runs.transitionFenced(run.id(), run.fencingToken(), EnumSet.of(RunStatus.CANCELING),
                            RunStatus.CANCELED, "Its worker " + run.workerId() + " stopped heartbeating");
                } else if (requeue(run)) {
                    requeued++;
                }
            } catch (IllegalRunTransitionException e) {
                LOG.debug("Run {} moved on before it could be taken over: {}", run.id(), e.getMessage());
            }
        }
        if (pools != null) {
            pools.releaseAbandoned();
        }
        return requeued;
    }

    private boolean requeue(RunRecord run) {
        Boolean done = tx.execute(status -> {
            // Checked again under the row lock: a heartbeat that arrived meanwhile keeps the run with its worker.
            int updated = jdbc.sql("""
                            UPDATE runs SET status = 'QUEUED', worker_id = NULL, heartbeat_at = NULL
                            WHERE id = :id AND fencing_token = :token AND status IN ('STARTING', 'RUNNING')
                              AND heartbeat_at < clock_timestamp() - CAST(:micros AS bigint) * interval '1 microsecond'
                            """)
                    .param("id", UUID.fromString(run.id())).param("token", run.fencingToken())
                    .param("micros", deadAfter.toNanos() / 1_000)
                    .update();
            if (updated == 0) {
                return false;
            }
            events.append(NewEvent.of(run.id(), RunEventCodec.RUN_REQUEUED, "{\"previousWorker\":"
                    + quote(run.workerId()) + ",\"fencingToken\":" + run.fencingToken() + "}"));
            jdbc.sql("SELECT pg_notify(:channel, :payload)").param("channel", DefaultRunCoordinator.CHANNEL)
                    .param("payload", DefaultRunCoordinator.QUEUED).query((rs, n) -> 1).list();
            return true;
        });
        if (Boolean.TRUE.equals(done)) {
            LOG.warn("Run {} was taken over: its worker {} has not heartbeaten for {}", run.id(), run.workerId(),
                    deadAfter);
            return true;
        }
        return false;
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
