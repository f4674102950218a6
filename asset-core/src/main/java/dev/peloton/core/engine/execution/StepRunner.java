package dev.peloton.core.engine.execution;

import dev.peloton.core.AssetKey;
import dev.peloton.core.CheckResult;
import dev.peloton.core.IOManager;
import dev.peloton.core.InputContext;
import dev.peloton.core.OutputContext;
import dev.peloton.core.PartitionMapping;
import dev.peloton.core.PartitionMappings;
import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.Severity;
import dev.peloton.core.engine.event.RunEvent;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetDependency;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.graph.CheckDefinition;
import dev.peloton.core.engine.io.InMemoryIOManager;
import dev.peloton.core.engine.state.DataVersions;
import dev.peloton.core.engine.state.MaterializationRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one attempt of a step: for each invocation (the whole range for an asset that handles ranges, otherwise
 * one partition at a time, in order) it loads the inputs, calls the compute, stores the outputs, asks the step
 * gate, records the materializations and evaluates the checks. Partitions committed by an earlier attempt are not
 * computed again.
 */
final class StepRunner {

    /** Receives the stored values of assets kept by an in-memory IO manager, for the run result. */
    interface ValueCollector {
        void collect(AssetKey asset, String partitionKey, Object value);
    }

    private final ExecutionEnvironment env;
    private final AssetGraph graph;
    private final String runId;
    private final StepGate gate;
    private final ResolvedStep step;
    private final int attempt;
    private final AttemptControl control;
    private final ValueCollector values;
    private final Logger log;
    private final InputDataVersions inputVersions;
    private PartitionSet committed;
    private String blockingCheckId;
    private String blockingReason;

    StepRunner(ExecutionEnvironment env, String runId, StepGate gate, ResolvedStep step, int attempt,
            AttemptControl control, PartitionSet committed, ValueCollector values) {
        this.env = env;
        this.graph = env.graph();
        this.runId = runId;
        this.gate = gate;
        this.step = step;
        this.attempt = attempt;
        this.control = control;
        this.committed = committed;
        this.values = values;
        this.inputVersions = new InputDataVersions(env.storage());
        this.log = new EventLogger(LoggerFactory.getLogger("peloton.asset." + step.primary().key()), env.sink(),
                env.clock(), runId, step.id(), env.eventLevel());
    }

    /** The partitions committed so far, by this attempt and the earlier ones. */
    PartitionSet committed() {
        return committed;
    }

    AttemptOutcome run(BooleanSupplier stopping) {
        long start = System.nanoTime();
        PartitionSet todo = step.partitionSet().minus(committed);
        Iterator<PartitionSet> invocations = invocations(todo);
        while (invocations.hasNext()) {
            if (!control.enter(AttemptControl.Phase.COMPUTING)) {
                return new AttemptOutcome.Canceled();
            }
            AttemptOutcome stop = invoke(invocations.next(), stopping);
            if (stop != null) {
                return stop;
            }
        }
        return new AttemptOutcome.Succeeded(Duration.ofNanos(System.nanoTime() - start), blockingCheckId,
                blockingReason);
    }

    private Iterator<PartitionSet> invocations(PartitionSet todo) {
        if (step.handlesRanges()) {
            return todo.isEmpty() ? List.<PartitionSet>of().iterator() : List.of(todo).iterator();
        }
        PrimitiveIterator.OfLong indices = todo.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return indices.hasNext();
            }

            @Override
            public PartitionSet next() {
                if (!indices.hasNext()) {
                    throw new NoSuchElementException();
                }
                return PartitionSet.of(indices.nextLong());
            }
        };
    }

    /** One compute call over {@code invocation}; null when it committed, else how the attempt ends. */
    private AttemptOutcome invoke(PartitionSet invocation, BooleanSupplier stopping) {
        PartitionsDefinition partitions = step.partitions();
        List<String> keys = partitions.keys(invocation);
        StepAssetContext context = new StepAssetContext(runId, step.id(), attempt, step.primary().key(),
                step.selected(), partitions.isPartitioned(), partitions.isPartitioned() ? keys : List.of(), log,
                env.resources(), stopping, null);
        long start = System.nanoTime();
        Map<AssetKey, Object> outputs = null;
        Map<AssetKey, Map<String, Object>> storedMetadata;
        Throwable failure = null;
        try {
            Map<String, Object> inputs = loadInputs(invocation);
            outputs = step.compute().compute(inputs, context);
            if (outputs == null) {
                throw new StepExecutionException("The compute of step '" + step.id()
                        + "' returned null instead of its values by asset key");
            }
        } catch (Throwable t) {
            failure = t;
        }
        boolean proceed = control.enter(AttemptControl.Phase.COMMITTING);
        // An interrupt sent to stop the computation must not leak into storing, committing or the event sink.
        Thread.interrupted();
        if (!proceed) {
            return new AttemptOutcome.Canceled();
        }
        if (failure != null) {
            return new AttemptOutcome.Failed(failure);
        }
        try {
            storedMetadata = store(outputs, keys);
        } catch (Throwable t) {
            return new AttemptOutcome.Failed(t);
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        AttemptOutcome refused = askGate();
        if (refused != null) {
            return refused;
        }
        try {
            commit(invocation, context, duration, storedMetadata);
        } catch (Throwable t) {
            return new AttemptOutcome.Failed(t);
        }
        committed = committed.union(invocation);
        evaluateChecks(invocation, stopping);
        return null;
    }

    private Map<String, Object> loadInputs(PartitionSet invocation) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (AssetGraph.Edge edge : step.inputs()) {
            AssetDefinition upstream = graph.definition(edge.upstream());
            AssetDefinition downstream = graph.definition(edge.downstream());
            PartitionSet read = edge.mapping().upstreamOf(invocation, downstream.partitions(), upstream.partitions());
            AssetDependency dependency = edge.dependency();
            inputs.put(dependency.parameterName(), load(upstream, read, dependency, downstream.key()));
        }
        return inputs;
    }

    private Object load(AssetDefinition upstream, PartitionSet read, AssetDependency dependency, AssetKey reader) {
        List<String> keys = upstream.partitions().keys(read);
        Class<?> type = dependency.parameterType() == null ? Object.class : dependency.parameterType();
        InputContext input = new InputContext(upstream.key(), upstream.partitions(), keys, type, reader);
        try {
            return io(upstream).load(input);
        } catch (Exception e) {
            throw new StepExecutionException("Step '" + step.id() + "' could not load parameter '"
                    + dependency.parameterName() + "' of '" + reader + "' from asset '" + upstream.key() + "'"
                    + describePartitions(upstream.partitions(), keys) + " with IO manager '" + upstream.ioManager()
                    + "': " + Failures.summary(e), e);
        }
    }

    /** Stores the outputs; returns what each IO manager said about the values it stored. */
    private Map<AssetKey, Map<String, Object>> store(Map<AssetKey, Object> outputs, List<String> keys)
            throws Exception {
        Map<AssetKey, Map<String, Object>> described = new LinkedHashMap<>();
        for (AssetDefinition definition : step.definitions()) {
            boolean stored = storesValue(definition);
            if (!outputs.containsKey(definition.key())) {
                if (!stored) {
                    continue;
                }
                throw new StepExecutionException("The compute of step '" + step.id() + "' returned no value for asset '"
                        + definition.key() + "' (it returned values for " + outputs.keySet() + ")");
            }
            if (!stored) {
                continue;
            }
            OutputContext output = new OutputContext(definition.key(), definition.partitions(), keys, runId);
            try {
                io(definition).store(output, outputs.get(definition.key()));
            } catch (Exception e) {
                throw new StepExecutionException("Step '" + step.id() + "' could not store asset '" + definition.key()
                        + "'" + describePartitions(definition.partitions(), keys) + " with IO manager '"
                        + definition.ioManager() + "': " + Failures.summary(e), e);
            }
            described.put(definition.key(), describeStored(definition, output));
        }
        return described;
    }

    private Map<String, Object> describeStored(AssetDefinition definition, OutputContext output) {
        try {
            Map<String, Object> metadata = io(definition).describeStored(output);
            return metadata == null ? Map.of() : metadata;
        } catch (Exception e) {
            // Metadata is a courtesy: the value is stored, so the step goes on without it.
            log.warn("IO manager '{}' could not describe the stored value of asset '{}': {}",
                    definition.ioManager(), definition.key(), Failures.summary(e));
            return Map.of();
        }
    }

    private AttemptOutcome askGate() {
        try {
            if (gate.mayCommit(runId, step.id())) {
                return null;
            }
            return new AttemptOutcome.Refused(new StepCommitRefusedException("Run '" + runId + "': the step gate"
                    + " refused to let step '" + step.id() + "' commit its results", null));
        } catch (Exception e) {
            return new AttemptOutcome.Refused(new StepCommitRefusedException("Run '" + runId + "': the step gate"
                    + " failed while deciding whether step '" + step.id() + "' may commit: " + Failures.summary(e),
                    e));
        }
    }

    private void commit(PartitionSet invocation, StepAssetContext context, Duration duration,
            Map<AssetKey, Map<String, Object>> storedMetadata) {
        String userVersion = context.userDataVersion();
        Map<String, Object> userMetadata = context.metadataSnapshot();
        Instant now = env.clock().instant();
        int[] indices = step.assetIndices();
        for (int a = 0; a < indices.length; a++) {
            AssetDefinition definition = step.definitions().get(a);
            Map<String, Object> metadata = withStored(storedMetadata.get(definition.key()), userMetadata);
            IOManager io = io(definition);
            InMemoryIOManager memory = io instanceof InMemoryIOManager m && storesValue(definition) ? m : null;
            PrimitiveIterator.OfLong it = invocation.iterator();
            while (it.hasNext()) {
                long index = it.nextLong();
                String key = definition.partitions().keyAt(index);
                Map<AssetKey, String> inputs = inputVersions.of(graph, indices[a], index);
                String dataVersion = userVersion != null ? userVersion
                        : DataVersions.derive(definition.codeVersion(), inputs);
                env.storage().recordMaterialization(new MaterializationRecord(definition.key(), key, dataVersion,
                        definition.codeVersion(), inputs, runId, now));
                env.sink().accept(new RunEvent.Materialization(runId, now, step.id(), definition.key(), key,
                        dataVersion, definition.codeVersion(), inputs, metadata, duration));
                if (memory != null) {
                    values.collect(definition.key(), key, memory.get(definition.key(), key));
                }
            }
            // An output of this step read by another output of it must be read again.
            inputVersions.forget(definition.key());
        }
    }

    private static Map<String, Object> withStored(Map<String, Object> stored, Map<String, Object> user) {
        if (stored == null || stored.isEmpty()) {
            return user;
        }
        Map<String, Object> merged = new LinkedHashMap<>(stored);
        merged.putAll(user);
        return java.util.Collections.unmodifiableMap(merged);
    }

    private void evaluateChecks(PartitionSet invocation, BooleanSupplier stopping) {
        for (AssetDefinition definition : step.definitions()) {
            List<CheckDefinition> checks = graph.checksOf(definition.key());
            if (checks.isEmpty()) {
                continue;
            }
            PrimitiveIterator.OfLong it = invocation.iterator();
            while (it.hasNext()) {
                long index = it.nextLong();
                for (CheckDefinition check : checks) {
                    RunEvent.CheckEvaluated event = evaluate(check, definition, index, stopping);
                    env.sink().accept(event);
                    if (event.blocks() && blockingCheckId == null) {
                        blockingCheckId = check.id();
                        blockingReason = event.description();
                    }
                }
            }
        }
    }

    private RunEvent.CheckEvaluated evaluate(CheckDefinition check, AssetDefinition definition, long index,
            BooleanSupplier stopping) {
        PartitionsDefinition partitions = definition.partitions();
        String key = partitions.keyAt(index);
        StepAssetContext context = new StepAssetContext(runId, step.id(), attempt, definition.key(),
                Set.of(definition.key()), partitions.isPartitioned(),
                partitions.isPartitioned() ? List.of(key) : List.of(), log, env.resources(), stopping, check.id());
        CheckResult result;
        try {
            Map<String, Object> inputs = new LinkedHashMap<>();
            PartitionSet self = PartitionSet.of(index);
            for (AssetDependency dependency : check.dependencies()) {
                if (!dependency.passesValue()) {
                    continue;
                }
                AssetDefinition upstream = graph.get(dependency.upstream());
                PartitionSet read = upstream.key().equals(definition.key()) ? self
                        : mappingOf(dependency, upstream, definition).upstreamOf(self, partitions,
                                upstream.partitions());
                inputs.put(dependency.parameterName(), load(upstream, read, dependency, definition.key()));
            }
            result = check.compute().evaluate(inputs, context);
            if (result == null) {
                result = CheckResult.fail("Check '" + check.id() + "' returned no result (null)");
            }
        } catch (Throwable t) {
            result = new CheckResult(false, Severity.ERROR, "Check '" + check.id() + "' threw "
                    + Failures.summary(t), Map.of("error", Failures.stackTrace(t)));
        }
        return new RunEvent.CheckEvaluated(runId, env.clock().instant(), step.id(), check.id(), definition.key(), key,
                result.passed(), result.severity(), result.description(), result.metadata(), check.blocking());
    }

    private static PartitionMapping mappingOf(AssetDependency dependency, AssetDefinition upstream,
            AssetDefinition downstream) {
        return dependency.mapping() != null ? dependency.mapping()
                : PartitionMappings.defaultFor(upstream.partitions(), downstream.partitions());
    }

    private IOManager io(AssetDefinition definition) {
        return env.ioManagers().get(definition.ioManager());
    }

    private static boolean storesValue(AssetDefinition definition) {
        return definition.valueType() != void.class && definition.valueType() != Void.class;
    }

    private static String describePartitions(PartitionsDefinition partitions, List<String> keys) {
        if (!partitions.isPartitioned()) {
            return "";
        }
        if (keys.size() == 1) {
            return " partition '" + keys.get(0) + "'";
        }
        if (keys.isEmpty()) {
            return " (no partition)";
        }
        return " partitions " + keys.get(0) + ".." + keys.get(keys.size() - 1) + " (" + keys.size() + " keys)";
    }
}
