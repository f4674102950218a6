package dev.peloton.runtime.io;

import static dev.peloton.runtime.io.IoTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.Asset;
import dev.peloton.core.AssetContext;
import dev.peloton.core.IOManager;
import dev.peloton.core.In;
import dev.peloton.core.Partitions;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.discovery.AssetDiscovery;
import dev.peloton.core.engine.event.CollectingEventSink;
import dev.peloton.core.engine.event.RunEvent;
import dev.peloton.core.engine.event.RunOutcome;
import dev.peloton.core.engine.execution.InProcessExecutor;
import dev.peloton.core.engine.execution.RunResult;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.io.IOManagerRegistry;
import dev.peloton.core.engine.plan.Plan;
import dev.peloton.core.engine.plan.PlanRequest;
import dev.peloton.core.engine.plan.Planner;
import dev.peloton.core.engine.state.InMemoryAssetStateStorage;
import dev.peloton.runtime.io.duckdb.DuckDbIOManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three discovered assets run by the in-process executor, stored in a real DuckDB file. */
class DuckDbGraphEndToEndTest {

    /** Landing rows streamed from Java, a staging query per stage, and a summary over every stage. */
    public static final class RaceAssets {

        @Partitions("stages")
        public static final PartitionsDefinition STAGES = PartitionsDefinition.staticKeys("stage-1", "stage-2");

        @Asset(key = "landing/race", ioManager = "duckdb", partitions = "stages")
        public Rows landingRace(AssetContext context) {
            int stage = Integer.parseInt(context.partitionKey().substring("stage-".length()));
            return Rows.of(List.of(Column.varchar("rider"), Column.bigint("seconds")), out -> {
                out.row("pogacar", 100L * stage);
                out.row("vingegaard", 100L * stage + 7);
                out.row("evenepoel", null);
            });
        }

        @Asset(key = "staging/race", ioManager = "duckdb", partitions = "stages")
        public Sql stagingRace(@In("landing/race") TableRef landingRace) {
            return Sql.of("SELECT rider, seconds FROM " + landingRace + " WHERE seconds IS NOT NULL");
        }

        @Asset(key = "warehouse/gc", ioManager = "duckdb")
        public Sql gc(@In("staging/race") TableRef stagingRace) {
            return Sql.of("SELECT rider, sum(seconds) AS total, rank() OVER (ORDER BY sum(seconds)) AS rank FROM "
                    + stagingRace + " GROUP BY rider");
        }
    }

    @TempDir
    Path dir;

    @Test
    void aDiscoveredGraphRunsThroughDuckDb() throws Exception {
        try (DuckDbIOManager duckdb = new DuckDbIOManager(dir.resolve("warehouse.duckdb"))) {
            Map<String, IOManager> managers = Map.of("duckdb", duckdb);
            AssetGraph graph = AssetDiscovery.scan(RaceAssets.class).toGraph(managers);
            InMemoryAssetStateStorage storage = new InMemoryAssetStateStorage();
            CollectingEventSink sink = new CollectingEventSink();
            Plan plan = Planner.plan(graph, storage, PlanRequest.of("landing/race", "staging/race", "warehouse/gc")
                    .build());
            RunResult result;
            try (InProcessExecutor executor = InProcessExecutor.builder(graph).storage(storage).eventSink(sink)
                    .ioManagers(IOManagerRegistry.of(managers)).build()) {
                result = executor.start(plan).awaitCompletion(Duration.ofSeconds(60)).orElseThrow();
            }

            assertThat(result.outcome()).as("%s", result.failures()).isEqualTo(RunOutcome.SUCCESS);
            assertThat(rows(duckdb, "SELECT rider, total, rank FROM warehouse.gc ORDER BY rank"))
                    .containsExactly(List.of("pogacar", "300", "1"), List.of("vingegaard", "314", "2"));
            assertThat(rows(duckdb, "SELECT partition_key, count(*) FROM staging.race GROUP BY 1 ORDER BY 1"))
                    .containsExactly(List.of("stage-1", "2"), List.of("stage-2", "2"));
            assertThat(sink.events(RunEvent.Materialization.class))
                    .filteredOn(m -> m.asset().toString().equals("landing/race"))
                    .hasSize(2).allSatisfy(m -> assertThat(m.metadata()).containsEntry("row_count", 3L)
                            .containsEntry("table", "landing.race"));
            assertThat(sink.events(RunEvent.Materialization.class))
                    .filteredOn(m -> m.asset().toString().equals("warehouse/gc"))
                    .singleElement().satisfies(m -> assertThat(m.metadata()).containsEntry("row_count", 2L));
        }
    }
}
