package dev.peloton.runtime.worker;

import dev.peloton.core.engine.execution.StepGate;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The fencing gate: a step commits only while this worker's claim token is the run's current one. The check
 * and the commit share one transaction holding the run's row FOR SHARE, so a takeover (which updates the row)
 * waits for the commit to end, or the check sees the new token and nothing is recorded.
 */
final class FencedStepGate implements StepGate {

    // The worker's logger, so its log lines keep their name whichever class writes them.
    private static final Logger LOG = LoggerFactory.getLogger(RunWorker.class);

    private final ActiveRun run;
    private final JdbcClient jdbc;
    private final TransactionTemplate commitTx;

    FencedStepGate(ActiveRun run, JdbcClient jdbc, TransactionTemplate commitTx) {
        this.run = run;
        this.jdbc = jdbc;
        this.commitTx = commitTx;
    }

    @Override
    public boolean mayCommit(String runId, String stepId) {
        return holds(runId, stepId, "");
    }

    @Override
    public boolean commitIfAllowed(String runId, String stepId, Runnable commit) {
        Boolean committed = commitTx.execute(status -> {
            if (!holds(runId, stepId, " FOR SHARE")) {
                return false;
            }
            commit.run();
            return true;
        });
        return Boolean.TRUE.equals(committed);
    }

    private boolean holds(String runId, String stepId, String lock) {
        boolean holds = !jdbc.sql("SELECT 1 FROM runs WHERE id = :id AND fencing_token = :token"
                        + " AND status IN ('RUNNING', 'CANCELING')" + lock)
                .param("id", UUID.fromString(runId)).param("token", run.token)
                .query(Integer.class).list().isEmpty();
        if (!holds) {
            run.lost = true;
            LOG.warn("Run {} step {}: this worker no longer holds the run; its results are not recorded",
                    runId, stepId);
        }
        return holds;
    }
}
