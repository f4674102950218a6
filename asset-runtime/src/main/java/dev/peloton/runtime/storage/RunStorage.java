package dev.peloton.runtime.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Runs and the run queue in PostgreSQL.
 *
 * <p>Workers {@link #claimNext claim} queued runs with {@code FOR UPDATE SKIP LOCKED}, so concurrent claimers
 * never get the same run and never wait on each other. Each claim increments the run's fencing token: a worker
 * passes its token to {@link #transitionFenced} and {@link #heartbeat}, which refuse once the run was handed to
 * someone else. Every status change reads, checks and writes the run under one row lock in one transaction.
 */
public final class RunStorage {

    private static final Set<RunStatus> ACTIVE = RunStatus.ACTIVE;
    private static final int MAX_CLAIM = 1_000;
    private static final Comparator<RunRecord> CLAIM_ORDER = Comparator
            .comparingInt(RunRecord::priority).reversed()
            .thenComparing(RunRecord::createdAt)
            .thenComparing(RunRecord::id);

    private final Jdbc jdbc;
    private final JsonColumns json = new JsonColumns();

    public RunStorage(DataSource dataSource) {
        this.jdbc = Jdbc.on(dataSource);
    }

    private static String columns(String alias) {
        String p = alias.isEmpty() ? "" : alias + ".";
        return p + "id, " + p + "status, " + p + "priority, " + p + "selection::text AS selection, " + p
                + "partitions, " + p + "plan::text AS plan, " + p + "tags::text AS tags, " + p + "backfill_id, " + p
                + "worker_id, " + p + "fencing_token, " + p + "heartbeat_at, " + p + "created_at, " + p
                + "started_at, " + p + "ended_at, " + p + "error";
    }

    /** Enqueues a run as QUEUED and returns its id. */
    public String create(NewRun run) {
        return createAll(List.of(run)).get(0);
    }

    /** Enqueues runs as QUEUED, all or none, in one batch; returns their ids in the same order. */
    public List<String> createAll(List<NewRun> runs) {
        Objects.requireNonNull(runs, "runs");
        List<UUID> ids = new ArrayList<>(runs.size());
        List<Object[]> rows = new ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            NewRun run = Objects.requireNonNull(runs.get(i), "runs[" + i + "]");
            if (run.planJson() != null) {
                json.requireJson(run.planJson(), "The plan of run " + (i + 1) + " of " + runs.size());
            }
            UUID id = RunIds.next();
            ids.add(id);
            rows.add(new Object[] {id, run.priority(), json.writeKeys(run.selection()),
                    PartitionSetCodec.encode(run.partitions()), run.planJson(), json.writeStrings(run.tags()),
                    run.backfillId() == null ? null : RunIds.parse(run.backfillId())});
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        try {
            jdbc.tx().executeWithoutResult(status -> jdbc.template().batchUpdate(
                    "INSERT INTO runs (id, status, priority, selection, partitions, plan, tags, backfill_id)"
                            + " VALUES (?, 'QUEUED', ?, CAST(? AS jsonb), ?, CAST(? AS jsonb), CAST(? AS jsonb), ?)",
                    rows, 500, (ps, row) -> {
                        ps.setObject(1, row[0], Types.OTHER);
                        ps.setInt(2, (Integer) row[1]);
                        ps.setString(3, (String) row[2]);
                        ps.setString(4, (String) row[3]);
                        ps.setString(5, (String) row[4]);
                        ps.setString(6, (String) row[5]);
                        ps.setObject(7, row[6], Types.OTHER);
                    }));
        } catch (DataIntegrityViolationException e) {
            List<String> backfills = runs.stream().map(NewRun::backfillId).filter(Objects::nonNull).distinct()
                    .toList();
            if (backfills.isEmpty()) {
                throw e;
            }
            // The only reference a new run has is its backfill.
            throw new IllegalArgumentException("Could not enqueue runs: backfill id(s) " + backfills
                    + " include one that names no stored backfill; no run was enqueued", e);
        }
        return ids.stream().map(UUID::toString).toList();
    }

    public Optional<RunRecord> find(String runId) {
        return jdbc.client().sql("SELECT " + columns("") + " FROM runs WHERE id = :id")
                .param("id", RunIds.parse(runId))
                .query((rs, n) -> run(rs))
                .optional();
    }

    /** The runs with these ids, in the order given, in one query; throws {@link NoSuchRunException} for a missing one. */
    public List<RunRecord> getAll(List<String> runIds) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        UUID[] ids = runIds.stream().map(RunIds::parse).toArray(UUID[]::new);
        Map<String, RunRecord> found = new java.util.HashMap<>();
        jdbc.template().query(con -> {
            java.sql.PreparedStatement ps = con.prepareStatement("SELECT " + columns("") + " FROM runs WHERE id = ANY(?)");
            ps.setArray(1, con.createArrayOf("uuid", ids));
            return ps;
        }, rs -> {
            RunRecord r = run(rs);
            found.put(r.id(), r);
        });
        List<RunRecord> out = new ArrayList<>(runIds.size());
        for (String id : runIds) {
            RunRecord r = found.get(RunIds.parse(id).toString());
            if (r == null) {
                throw new NoSuchRunException(id);
            }
            out.add(r);
        }
        return out;
    }

    /** The run with this id; throws {@link NoSuchRunException} when there is none. */
    public RunRecord get(String runId) {
        return find(runId).orElseThrow(() -> new NoSuchRunException(runId));
    }

    /**
     * Claims up to {@code limit} queued runs for a worker: highest priority first, then oldest. Each claimed run
     * becomes STARTING with this worker, a fresh heartbeat and its fencing token incremented. Runs locked by
     * another claimer at that moment are skipped, not waited for.
     */
    public List<RunRecord> claimNext(String workerId, int limit) {
        if (workerId == null || workerId.isBlank()) {
            throw new IllegalArgumentException("A worker id must not be blank, got '" + workerId + "'");
        }
        if (limit < 1 || limit > MAX_CLAIM) {
            throw new IllegalArgumentException("Claim limit must be between 1 and " + MAX_CLAIM + ", got " + limit);
        }
        List<RunRecord> claimed = new ArrayList<>(jdbc.client().sql("""
                        WITH next AS (
                            SELECT id FROM runs
                            WHERE status = 'QUEUED'
                            ORDER BY priority DESC, created_at, id
                            LIMIT :limit
                            FOR UPDATE SKIP LOCKED
                        )
                        UPDATE runs r
                        SET status = 'STARTING', worker_id = :worker, fencing_token = r.fencing_token + 1,
                            heartbeat_at = clock_timestamp()
                        FROM next
                        WHERE r.id = next.id
                        RETURNING\s""" + columns("r"))
                .param("limit", limit)
                .param("worker", workerId)
                .query((rs, n) -> run(rs))
                .list());
        claimed.sort(CLAIM_ORDER);
        return claimed;
    }

    /**
     * Moves a run to {@code next} if it is in one of the {@code expected} statuses and the move is legal
     * (see {@link RunStatus#next()}); otherwise throws {@link IllegalRunTransitionException} and leaves it as it
     * was. Returns the run after the change.
     */
    public RunRecord transition(String runId, Set<RunStatus> expected, RunStatus next) {
        return doTransition(runId, null, expected, next, null);
    }

    /** As {@link #transition(String, Set, RunStatus)}, recording {@code error} (why the run failed). */
    public RunRecord transition(String runId, Set<RunStatus> expected, RunStatus next, String error) {
        return doTransition(runId, null, expected, next, error);
    }

    /**
     * As {@link #transition(String, Set, RunStatus, String)}, and only while the run's fencing token is still
     * {@code fencingToken}: a worker whose run was taken over cannot change it any more.
     */
    public RunRecord transitionFenced(String runId, long fencingToken, Set<RunStatus> expected, RunStatus next,
            String error) {
        return doTransition(runId, fencingToken, expected, next, error);
    }

    private RunRecord doTransition(String runId, Long fencingToken, Set<RunStatus> expected, RunStatus next,
            String error) {
        UUID id = RunIds.parse(runId);
        Objects.requireNonNull(next, "next");
        if (expected == null || expected.isEmpty()) {
            throw new IllegalArgumentException("Expected statuses must not be empty (run " + runId + " to " + next
                    + ")");
        }
        Set<RunStatus> expectedSet = EnumSet.copyOf(expected);
        return jdbc.tx().execute(status -> {
            Locked locked = jdbc.client().sql("SELECT status, fencing_token FROM runs WHERE id = :id FOR UPDATE")
                    .param("id", id)
                    .query((rs, n) -> new Locked(RunStatus.valueOf(rs.getString(1)), rs.getLong(2)))
                    .optional()
                    .orElseThrow(() -> new NoSuchRunException(runId));
            if (fencingToken != null && locked.fencingToken() != fencingToken) {
                throw new IllegalRunTransitionException(runId, locked.status(), next, "its fencing token is "
                        + locked.fencingToken() + ", not " + fencingToken + ": it was claimed again since");
            }
            if (!expectedSet.contains(locked.status())) {
                throw new IllegalRunTransitionException(runId, locked.status(), next,
                        "it is " + locked.status() + ", not one of the expected " + expectedSet);
            }
            if (!locked.status().canMoveTo(next)) {
                throw new IllegalRunTransitionException(runId, locked.status(), next, locked.status().isTerminal()
                        ? "it has ended"
                        : "from " + locked.status() + " a run can only go to " + locked.status().next());
            }
            return jdbc.client().sql("""
                            UPDATE runs SET
                                status = :next,
                                started_at = CASE WHEN :running THEN COALESCE(started_at, clock_timestamp())
                                                  ELSE started_at END,
                                ended_at = CASE WHEN :terminal THEN clock_timestamp() ELSE ended_at END,
                                worker_id = CASE WHEN :requeue THEN NULL ELSE worker_id END,
                                heartbeat_at = CASE WHEN :requeue THEN NULL ELSE heartbeat_at END,
                                error = COALESCE(CAST(:error AS text), error)
                            WHERE id = :id
                            RETURNING\s""" + columns(""))
                    .param("next", next.name())
                    .param("running", next == RunStatus.RUNNING)
                    .param("terminal", next.isTerminal())
                    .param("requeue", next == RunStatus.QUEUED)
                    .param("error", error)
                    .param("id", id)
                    .query((rs, n) -> run(rs))
                    .single();
        });
    }

    private record Locked(RunStatus status, long fencingToken) {
    }

    /**
     * Records a heartbeat of the worker holding a run. Returns false, changing nothing, when the run is no longer
     * active or was claimed again (another fencing token): the caller has lost the run and must stop.
     */
    public boolean heartbeat(String runId, long fencingToken) {
        return jdbc.client().sql("UPDATE runs SET heartbeat_at = clock_timestamp() WHERE id = :id"
                        + " AND fencing_token = :token AND status IN ('STARTING', 'RUNNING', 'CANCELING')")
                .param("id", RunIds.parse(runId))
                .param("token", fencingToken)
                .update() == 1;
    }

    /**
     * Active runs (STARTING, RUNNING, CANCELING) whose last heartbeat is older than {@code olderThan}, by the
     * database clock, oldest heartbeat first: the runs of workers that died.
     */
    public List<RunRecord> findStale(Duration olderThan) {
        Objects.requireNonNull(olderThan, "olderThan");
        if (olderThan.isNegative()) {
            throw new IllegalArgumentException("olderThan must not be negative, got " + olderThan);
        }
        return jdbc.client().sql("SELECT " + columns("") + " FROM runs"
                        + " WHERE status IN ('STARTING', 'RUNNING', 'CANCELING')"
                        + " AND heartbeat_at < clock_timestamp() - CAST(:micros AS bigint) * interval '1 microsecond'"
                        + " ORDER BY heartbeat_at")
                .param("micros", olderThan.toNanos() / 1_000)
                .query((rs, n) -> run(rs))
                .list();
    }

    /** One page of runs matching the query, newest first. */
    public RunPage list(RunQuery query) {
        Objects.requireNonNull(query, "query");
        StringBuilder sql = new StringBuilder("SELECT ").append(columns("")).append(" FROM runs WHERE true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (!query.statuses().isEmpty()) {
            sql.append(" AND status IN (:statuses)");
            params.put("statuses", query.statuses().stream().map(Enum::name).sorted().toList());
        }
        if (query.backfillId() != null) {
            sql.append(" AND backfill_id = :backfill");
            params.put("backfill", RunIds.parse(query.backfillId()));
        }
        if (query.asset() != null) {
            sql.append(" AND selection @> CAST(:asset AS jsonb)");
            params.put("asset", json.writeKeys(List.of(query.asset())));
        }
        if (query.createdFrom() != null) {
            sql.append(" AND created_at >= :from");
            params.put("from", Jdbc.timestamp(query.createdFrom()));
        }
        if (query.createdBefore() != null) {
            sql.append(" AND created_at < :before");
            params.put("before", Jdbc.timestamp(query.createdBefore()));
        }
        if (query.after() != null) {
            sql.append(" AND (created_at, id) < (:cursorAt, :cursorId)");
            params.put("cursorAt", Jdbc.timestamp(query.after().createdAt()));
            params.put("cursorId", query.after().id());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
        params.put("limit", query.limit() + 1);
        List<RunRecord> runs = new ArrayList<>(jdbc.client().sql(sql.toString())
                .params(params)
                .query((rs, n) -> run(rs))
                .list());
        Optional<RunCursor> next = Optional.empty();
        if (runs.size() > query.limit()) {
            runs.remove(runs.size() - 1);
            RunRecord last = runs.get(runs.size() - 1);
            next = Optional.of(new RunCursor(last.createdAt(), UUID.fromString(last.id())));
        }
        return new RunPage(runs, next);
    }

    private RunRecord run(ResultSet rs) throws SQLException {
        Object backfill = rs.getObject("backfill_id");
        return new RunRecord(
                rs.getObject("id").toString(),
                RunStatus.valueOf(rs.getString("status")),
                rs.getInt("priority"),
                json.readKeys(rs.getString("selection")),
                PartitionSetCodec.decode(rs.getString("partitions")),
                rs.getString("plan"),
                json.readStrings(rs.getString("tags")),
                backfill == null ? null : backfill.toString(),
                rs.getString("worker_id"),
                rs.getLong("fencing_token"),
                Jdbc.instant(rs, "heartbeat_at"),
                Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "started_at"),
                Jdbc.instant(rs, "ended_at"),
                rs.getString("error"));
    }
}
