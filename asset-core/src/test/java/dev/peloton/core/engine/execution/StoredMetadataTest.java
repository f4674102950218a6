package dev.peloton.core.engine.execution;

import static dev.peloton.core.engine.execution.ExecutorTestSupport.finish;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.key;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.plan;
import static dev.peloton.core.engine.execution.ExecutorTestSupport.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.IOManager;
import dev.peloton.core.InputContext;
import dev.peloton.core.OutputContext;
import dev.peloton.core.engine.event.CollectingEventSink;
import dev.peloton.core.engine.event.RunEvent;
import dev.peloton.core.engine.event.RunOutcome;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.io.IOManagerRegistry;
import dev.peloton.core.engine.io.InMemoryIOManager;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link IOManager#describeStored} metadata reaches the materialization; the asset's own entries win. */
class StoredMetadataTest {

    /** Stores in memory and says how many elements the stored list had. */
    static final class CountingIOManager implements IOManager {
        final InMemoryIOManager memory = new InMemoryIOManager();
        final boolean failDescribing;

        CountingIOManager(boolean failDescribing) {
            this.failDescribing = failDescribing;
        }

        @Override
        public void store(OutputContext context, Object value) {
            memory.store(context, value);
        }

        @Override
        public Object load(InputContext context) {
            return memory.load(context);
        }

        @Override
        public Map<String, Object> describeStored(OutputContext context) {
            if (failDescribing) {
                throw new IllegalStateException("cannot count");
            }
            List<?> stored = (List<?>) memory.get(context.asset(), context.partitionKeys().get(0));
            return Map.of("row_count", (long) stored.size(), "store", "counting");
        }
    }

    @Test
    void storedMetadataIsAttachedAndUserEntriesWin() throws Exception {
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder("rows").ioManager("counting")
                .compute((inputs, ctx) -> {
                    ctx.addMetadata("store", "mine");
                    return Collections.singletonMap(key("rows"), List.of(1, 2, 3));
                }).build()), List.of());
        CollectingEventSink sink = new CollectingEventSink();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).eventSink(sink)
                .ioManagers(IOManagerRegistry.inMemory().with("counting", new CountingIOManager(false))).build()) {
            assertThat(finish(executor.start(plan(step("rows")))).outcome()).isEqualTo(RunOutcome.SUCCESS);
        }
        RunEvent.Materialization m = sink.events(RunEvent.Materialization.class).get(0);
        assertThat(m.metadata()).containsEntry("row_count", 3L).containsEntry("store", "mine");
    }

    @Test
    void aFailingDescriptionDoesNotFailTheStep() throws Exception {
        AssetGraph graph = AssetGraph.of(List.of(AssetDefinition.builder("rows").ioManager("counting")
                .compute((inputs, ctx) -> Collections.singletonMap(key("rows"), List.of(1))).build()), List.of());
        CollectingEventSink sink = new CollectingEventSink();
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).eventSink(sink)
                .ioManagers(IOManagerRegistry.inMemory().with("counting", new CountingIOManager(true))).build()) {
            assertThat(finish(executor.start(plan(step("rows")))).outcome()).isEqualTo(RunOutcome.SUCCESS);
        }
        assertThat(sink.events(RunEvent.Materialization.class)).singleElement()
                .satisfies(m -> assertThat(m.metadata()).doesNotContainKey("row_count"));
        assertThat(sink.events(RunEvent.LogLine.class)).anySatisfy(l -> assertThat(l.message())
                .contains("could not describe", "rows", "cannot count"));
    }
}
