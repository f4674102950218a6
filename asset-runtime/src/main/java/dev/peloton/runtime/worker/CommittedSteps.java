package dev.peloton.runtime.worker;

import dev.peloton.core.AssetKey;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.plan.Plan;
import dev.peloton.core.engine.plan.PlannedStep;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which steps of a run that is resumed after a takeover already committed. The steps table says it for most, but a
 * step's SUCCESS reaches that table with the event log, a few milliseconds after the step committed its
 * materializations: a worker killed in between leaves committed steps that look unfinished. A step whose every
 * asset partition has a materialization recorded by this run committed, and running it again would record a
 * second one.
 */
final class CommittedSteps {

    private final JdbcClient jdbc;
    private final AssetGraph graph;

    CommittedSteps(DataSource dataSource, AssetGraph graph) {
        this.jdbc = JdbcClient.create(dataSource);
        this.graph = graph;
    }

    /** The steps of {@code plan} not in {@code known} whose materializations {@code runId} recorded. */
    Set<String> find(String runId, Plan plan, Set<String> known) {
        Map<String, Set<String>> materialized = new HashMap<>();
        jdbc.sql("SELECT asset_key, partition_key FROM materializations WHERE run_id = :run")
                .param("run", UUID.fromString(runId).toString())
                .query((rs, n) -> materialized.computeIfAbsent(rs.getString(1), k -> new HashSet<>())
                        .add(rs.getString(2)))
                .list();
        Set<String> committed = new HashSet<>();
        if (materialized.isEmpty()) {
            return committed;
        }
        for (PlannedStep step : plan.steps()) {
            if (!known.contains(step.id()) && allMaterialized(step, materialized)) {
                committed.add(step.id());
            }
        }
        return committed;
    }

    private boolean allMaterialized(PlannedStep step, Map<String, Set<String>> materialized) {
        for (AssetKey asset : step.assets()) {
            Set<String> keys = materialized.get(asset.toString());
            if (keys == null || !graph.find(asset).map(d -> keys.containsAll(d.partitions().keys(step.partitions())))
                    .orElse(false)) {
                return false;
            }
        }
        return true;
    }
}
