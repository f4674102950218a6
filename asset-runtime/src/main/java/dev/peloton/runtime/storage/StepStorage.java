package dev.peloton.runtime.storage;

import java.sql.Types;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The steps of runs and where each one is. Workers write them in the same transaction as the events that moved
 * them (see the run worker's event sink); a run that is resumed or re-executed reads which steps succeeded.
 */
public final class StepStorage {

    /** The statuses a step row can have. */
    public enum StepState { PENDING, RUNNING, UP_FOR_RETRY, SUCCESS, FAILURE, SKIPPED, CANCELED }

    /**
     * One change of a step.
     *
     * @param attempt the attempt, or 0 to keep the stored one
     * @param error   why it failed, or {@code null}
     */
    public record StepChange(String runId, String stepId, StepState state, int attempt, Instant at, String error) {
        public StepChange {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(stepId, "stepId");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A step as stored. */
    public record StepRow(String stepId, StepState state, int attempt, Instant startedAt, Instant endedAt,
            String error) {
    }

    private final Jdbc jdbc;

    public StepStorage(DataSource dataSource) {
        this.jdbc = Jdbc.on(dataSource);
    }

    /** Applies changes in order, in one batch (inside the caller's transaction when there is one). */
    public void apply(List<StepChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        jdbc.template().batchUpdate("""
                        INSERT INTO steps AS s (run_id, step_id, status, attempt, started_at, ended_at, error)
                        VALUES (?, ?, ?, GREATEST(?, 1), CASE WHEN ? THEN ? END, CASE WHEN ? THEN ? END, ?)
                        ON CONFLICT (run_id, step_id) DO UPDATE SET
                            status = EXCLUDED.status,
                            attempt = CASE WHEN ? > 0 THEN EXCLUDED.attempt ELSE s.attempt END,
                            started_at = COALESCE(EXCLUDED.started_at, s.started_at),
                            ended_at = EXCLUDED.ended_at,
                            error = EXCLUDED.error""",
                changes, 500, (ps, c) -> {
                    boolean starts = c.state() == StepState.RUNNING;
                    boolean ends = c.state() != StepState.RUNNING && c.state() != StepState.UP_FOR_RETRY
                            && c.state() != StepState.PENDING;
                    ps.setObject(1, RunIds.parse(c.runId()), Types.OTHER);
                    ps.setString(2, c.stepId());
                    ps.setString(3, c.state().name());
                    ps.setInt(4, c.attempt());
                    ps.setBoolean(5, starts);
                    ps.setObject(6, Jdbc.timestamp(c.at()));
                    ps.setBoolean(7, ends);
                    ps.setObject(8, Jdbc.timestamp(c.at()));
                    ps.setString(9, c.error());
                    ps.setInt(10, c.attempt());
                });
    }

    /** The ids of the steps of a run that succeeded. */
    public Set<String> succeeded(String runId) {
        return new HashSet<>(jdbc.client().sql("SELECT step_id FROM steps WHERE run_id = :id AND status = 'SUCCESS'")
                .param("id", RunIds.parse(runId))
                .query(String.class)
                .list());
    }

    /** Every step of a run that has a row, by step id. */
    public List<StepRow> list(String runId) {
        return jdbc.client().sql("SELECT step_id, status, attempt, started_at, ended_at, error FROM steps"
                        + " WHERE run_id = :id ORDER BY started_at NULLS LAST, step_id")
                .param("id", RunIds.parse(runId))
                .query((rs, n) -> new StepRow(rs.getString(1), StepState.valueOf(rs.getString(2)), rs.getInt(3),
                        Jdbc.instant(rs, "started_at"), Jdbc.instant(rs, "ended_at"), rs.getString(6)))
                .list();
    }
}
