package dev.peloton.core;

import dev.peloton.core.engine.discovery.AssetDiscovery;
import dev.peloton.core.engine.event.CollectingEventSink;
import dev.peloton.core.engine.execution.InProcessExecutor;
import dev.peloton.core.engine.execution.RunResult;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.io.IOManagerRegistry;
import dev.peloton.core.engine.io.InMemoryIOManager;
import dev.peloton.core.engine.plan.PartitionSelection;
import dev.peloton.core.engine.plan.Plan;
import dev.peloton.core.engine.plan.PlanRequest;
import dev.peloton.core.engine.plan.Planner;
import dev.peloton.core.engine.selection.AssetSelection;
import dev.peloton.core.engine.staleness.Staleness;
import dev.peloton.core.engine.staleness.StalenessReport;
import dev.peloton.core.engine.staleness.StalenessResolver;
import dev.peloton.core.engine.state.AssetStateStorage;
import dev.peloton.core.engine.state.InMemoryAssetStateStorage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test support: materializes assets in-process with one call, with no Spring and no database.
 *
 * <pre>{@code
 * MaterializeResult result = Materialize.assets(new RaceAssets())
 *         .materialize("+stage_results", "2023-07-04");
 * assertThat(result.success()).isTrue();
 * assertThat(result.<List<Row>>value("stage_results", "2023-07-04")).hasSize(176);
 * }</pre>
 *
 * <p>A {@code Materialize} keeps its state between calls, as a deployment would: values stay in its in-memory IO
 * manager and materializations in its in-memory state, so a second call sees what the first produced, and
 * {@link #staleness} tells what changed since.
 */
public final class Materialize {

    private final AssetGraph graph;
    private final AssetStateStorage state = new InMemoryAssetStateStorage();
    private final InMemoryIOManager values = new InMemoryIOManager();
    private final Map<String, IOManager> ioManagers = new LinkedHashMap<>();
    private final Map<String, Object> resources = new LinkedHashMap<>();
    private boolean memoize;

    private Materialize(AssetGraph graph) {
        this.graph = graph;
    }

    /**
     * Discovers the assets and checks of these classes or instances and validates their graph.
     *
     * @throws dev.peloton.core.engine.graph.InvalidAssetGraphException listing every problem found
     */
    public static Materialize assets(Object... classesOrInstances) {
        return new Materialize(AssetDiscovery.scan(classesOrInstances).toGraph());
    }

    /** Wraps an asset graph built in code. */
    public static Materialize graph(AssetGraph graph) {
        return new Materialize(graph);
    }

    /** Makes {@code value} available to assets as {@link AssetContext#resource}{@code (name, type)}. */
    public Materialize resource(String name, Object value) {
        resources.put(name, value);
        return this;
    }

    /** Uses {@code ioManager} for the assets that name it (values of other assets stay in memory). */
    public Materialize ioManager(String name, IOManager ioManager) {
        ioManagers.put(name, ioManager);
        return this;
    }

    /** Skips steps whose code version and input data versions are unchanged since their last materialization. */
    public Materialize memoize(boolean enabled) {
        this.memoize = enabled;
        return this;
    }

    /**
     * Materializes the selection for the given partition keys (all partitions when none are given).
     *
     * @param selection selection syntax: {@code stage_results}, {@code +stage_results}, {@code group:marts}, ...
     */
    public MaterializeResult materialize(String selection, String... partitionKeys) {
        PartitionSelection partitions = partitionKeys.length == 0 ? PartitionSelection.all()
                : PartitionSelection.keys(partitionKeys);
        return run(request(selection, partitions, false));
    }

    /** Materializes the selection for the partitions from {@code first} to {@code last}, both included. */
    public MaterializeResult materializeRange(String selection, String first, String last) {
        return run(request(selection, PartitionSelection.range(first, last), false));
    }

    /** Materializes only the partitions of the selection that are missing or stale. */
    public MaterializeResult materializeStaleAndMissing(String selection) {
        return run(request(selection, PartitionSelection.all(), true));
    }

    /** The plan {@link #materialize} would run, without running it. */
    public Plan plan(String selection, String... partitionKeys) {
        PartitionSelection partitions = partitionKeys.length == 0 ? PartitionSelection.all()
                : PartitionSelection.keys(partitionKeys);
        return Planner.plan(graph, state, request(selection, partitions, false));
    }

    /** The staleness of every asset now. */
    public StalenessReport staleness() {
        return new StalenessResolver(graph, state).resolve();
    }

    /** The staleness of one asset partition ({@code ""} for an unpartitioned asset), with its causes. */
    public Staleness staleness(String asset, String partitionKey) {
        return staleness().staleness(AssetKey.parse(asset), partitionKey);
    }

    public AssetGraph graph() {
        return graph;
    }

    /** The materializations recorded so far. */
    public AssetStateStorage state() {
        return state;
    }

    private PlanRequest request(String selection, PartitionSelection partitions, boolean onlyStaleAndMissing) {
        java.util.Collection<AssetKey> keys = AssetSelection.parse(selection).resolve(graph);
        return PlanRequest.of(keys).partitions(partitions).onlyStaleAndMissing(onlyStaleAndMissing)
                .memoize(memoize).build();
    }

    private MaterializeResult run(PlanRequest request) {
        Plan plan = Planner.plan(graph, state, request);
        CollectingEventSink events = new CollectingEventSink();
        IOManagerRegistry registry = IOManagerRegistry.of(Map.of(IOManagerRegistry.DEFAULT, values));
        for (Map.Entry<String, IOManager> e : ioManagers.entrySet()) {
            registry = registry.with(e.getKey(), e.getValue());
        }
        try (InProcessExecutor executor = InProcessExecutor.builder(graph).storage(state).ioManagers(registry)
                .eventSink(events).resources(resources).build()) {
            RunResult result = executor.run(plan);
            return new MaterializeResult(plan, result, events.events());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while materializing " + request.assets(), e);
        }
    }
}
