package dev.peloton.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.Asset;
import dev.peloton.core.AssetKey;
import dev.peloton.core.IOManager;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.graph.InvalidAssetGraphException;
import dev.peloton.core.engine.io.IOManagerRegistry;
import dev.peloton.core.engine.io.InMemoryIOManager;
import dev.peloton.runtime.PelotonStorageAutoConfiguration;
import dev.peloton.runtime.run.RunCoordinator;
import dev.peloton.runtime.testing.EmbeddedPostgresExtension;
import dev.peloton.runtime.worker.PostgresPoolLimiter;
import dev.peloton.runtime.worker.RunWorker;
import dev.peloton.runtime.testing.TestDatabase;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DelegatingDataSource;

@ExtendWith(EmbeddedPostgresExtension.class)
class PelotonEngineAutoConfigurationTest {

    static class StageAssets {
        @Asset(key = "raw/stages")
        List<String> stages() {
            return List.of("1", "2");
        }

        @Asset(key = "warehouse/stage_results", ioManager = "warehouse")
        int stageResults(@dev.peloton.core.In("raw/stages") List<String> stages) {
            return stages.size();
        }
    }

    static class BrokenAssets {
        @Asset(key = "warehouse/a")
        int a(@dev.peloton.core.In("warehouse/missing") int missing) {
            return missing;
        }

        @Asset(key = "warehouse/b", ioManager = "nowhere")
        int b() {
            return 1;
        }
    }

    @PelotonResource("weather")
    static class WeatherClient {
    }

    static class PlainBean {
    }

    private final ApplicationContextRunner runner;

    PelotonEngineAutoConfigurationTest(TestDatabase db) {
        this.runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PelotonStorageAutoConfiguration.class,
                        PelotonEngineAutoConfiguration.class))
                .withPropertyValues("peloton.workers.enabled=false")
                // Not the pool itself: a context closes the data source beans it has, and the pool is shared.
                .withBean(DataSource.class, () -> new DelegatingDataSource(db.dataSource()));
    }

    @Test
    void discoversAssetsOfBeansWithTheirIoManagersAndResources() {
        runner.withBean(StageAssets.class)
                .withBean(PlainBean.class)
                .withBean("warehouse", IOManager.class, InMemoryIOManager::new)
                .withBean("weatherClient", WeatherClient.class)
                .withBean("otherClient", PlainBean.class)
                .withPropertyValues("peloton.resources.other=otherClient")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    AssetGraph graph = context.getBean(AssetGraph.class);
                    assertThat(graph.definitions()).extracting(d -> d.key().toString())
                            .containsExactly("raw/stages", "warehouse/stage_results");
                    IOManagerRegistry registry = context.getBean(IOManagerRegistry.class);
                    assertThat(registry.names()).containsExactly("default", "warehouse");
                    PelotonResources resources = context.getBean(PelotonResources.class);
                    assertThat(resources.byName()).containsOnlyKeys("weather", "other");
                    assertThat(resources.byName().get("weather")).isSameAs(context.getBean(WeatherClient.class));
                    assertThat(context).hasSingleBean(RunCoordinator.class);
                });
    }

    @Test
    void aWorkerRunsOnEachNodeUnlessSwitchedOff() {
        runner.withBean(StageAssets.class).withBean("warehouse", IOManager.class, InMemoryIOManager::new)
                .withPropertyValues("peloton.workers.enabled=true",
                "peloton.runs.max-concurrent=3", "peloton.pools.warehouse=2").run(context -> {
            assertThat(context).hasNotFailed();
            RunWorker worker = context.getBean(RunWorker.class);
            assertThat(worker.isRunning()).isTrue();
            assertThat(context.getBean(PostgresPoolLimiter.class).limits()).containsEntry("warehouse", 2);
        });
        runner.run(context -> assertThat(context).doesNotHaveBean(RunWorker.class));
    }

    @Test
    void badWorkerSettingsStopTheStartNamingTheProperty() {
        runner.withPropertyValues("peloton.runs.max-concurrent=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("peloton.runs.max-concurrent");
        });
        runner.withPropertyValues("peloton.pools.warehouse=0").run(context ->
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("peloton.pools.warehouse"));
    }

    @Test
    void anInvalidGraphStopsTheStartListingEveryProblem() {
        runner.withBean(BrokenAssets.class).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            while (failure != null && !(failure instanceof InvalidAssetGraphException)) {
                failure = failure.getCause();
            }
            assertThat(failure).isInstanceOf(InvalidAssetGraphException.class);
            assertThat(((InvalidAssetGraphException) failure).problems()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(failure.getMessage()).contains("warehouse/missing").contains("nowhere");
        });
    }

    @Test
    void anApplicationCanSupplyItsOwnGraph() {
        AssetGraph own = AssetGraph.of(List.of());
        runner.withBean(StageAssets.class).withBean(AssetGraph.class, () -> own).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(AssetGraph.class)).isSameAs(own);
            assertThat(context.getBean(AssetGraph.class).contains(AssetKey.parse("raw/stages"))).isFalse();
        });
    }

    @Test
    void programmaticAssetBeansAddToTheDiscoveredOnes() {
        ProgrammaticAssets generated = ProgrammaticAssets.of(List.of(
                AssetDefinition.builder("gen/a").group("gen").input("raw/stages").build(),
                AssetDefinition.builder("gen/b").group("gen").input("gen/a").build()));
        ProgrammaticAssets more = ProgrammaticAssets.of(List.of(AssetDefinition.builder("gen/c").build()));
        runner.withBean(StageAssets.class).withBean("warehouse", IOManager.class, InMemoryIOManager::new)
                .withBean("generated", ProgrammaticAssets.class, () -> generated)
                .withBean("more", ProgrammaticAssets.class, () -> more)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    AssetGraph graph = context.getBean(AssetGraph.class);
                    assertThat(graph.definitions()).extracting(d -> d.key().toString())
                            .containsExactlyInAnyOrder("raw/stages", "warehouse/stage_results", "gen/a", "gen/b",
                                    "gen/c");
                    int a = graph.indexOf(AssetKey.parse("gen/a"));
                    assertThat(graph.upstreamEdges(a)).hasSize(1);
                });
    }

    @Test
    void aProgrammaticAssetClashingWithADiscoveredOneStopsTheStart() {
        runner.withBean(StageAssets.class).withBean("warehouse", IOManager.class, InMemoryIOManager::new)
                .withBean(ProgrammaticAssets.class, () -> ProgrammaticAssets.of(List.of(
                        AssetDefinition.builder("raw/stages").build(),
                        AssetDefinition.builder("gen/x").input("gen/nowhere").build())))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("raw/stages")
                            .hasMessageContaining("gen/nowhere");
                });
    }

    @Test
    void theFailureAnalyzerListsTheProblems() {
        var analysis = new InvalidAssetGraphFailureAnalyzer().analyze(
                new IllegalStateException("wrapped", new InvalidAssetGraphException(List.of("one", "two"))));
        assertThat(analysis.getDescription()).contains("2 problems").contains("- one").contains("- two");
    }
}
