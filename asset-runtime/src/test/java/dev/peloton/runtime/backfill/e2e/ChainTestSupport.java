package dev.peloton.runtime.backfill.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** Queries the end-to-end tests share: materializations per asset partition and the runs of a backfill. */
final class ChainTestSupport {

    static final List<String> ASSETS = List.of("chain/raw", "chain/clean", "chain/report");

    private ChainTestSupport() {
    }

    /** Asserts that every asset of the chain was materialized exactly once for every day in {@code from..to}. */
    static void assertMaterializedExactlyOnce(JdbcTemplate jdbc, String from, String to, int days) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT asset_key, partition_key, count(*) AS n"
                + " FROM materializations WHERE asset_key LIKE 'chain/%' AND partition_key BETWEEN ? AND ?"
                + " GROUP BY asset_key, partition_key ORDER BY asset_key, partition_key", from, to);
        assertThat(rows).as("asset partitions materialized in %s..%s", from, to).hasSize(ASSETS.size() * days);
        for (Map<String, Object> row : rows) {
            assertThat(((Number) row.get("n")).longValue()).as("materializations of %s %s", row.get("asset_key"),
                    row.get("partition_key")).isEqualTo(1);
        }
    }

    /** How many runs of the backfill are in each status. */
    static Map<String, Long> runStatuses(JdbcTemplate jdbc, String backfillId) {
        Map<String, Long> out = new java.util.TreeMap<>();
        jdbc.queryForList("SELECT status, count(*) AS n FROM runs WHERE backfill_id = ?::uuid GROUP BY status",
                backfillId).forEach(r -> out.put((String) r.get("status"), ((Number) r.get("n")).longValue()));
        return out;
    }

    static long unfinishedRuns(JdbcTemplate jdbc, String backfillId) {
        return jdbc.queryForObject("SELECT count(*) FROM runs WHERE backfill_id = ?::uuid"
                + " AND status NOT IN ('SUCCESS', 'FAILURE', 'CANCELED')", Long.class, backfillId);
    }
}
