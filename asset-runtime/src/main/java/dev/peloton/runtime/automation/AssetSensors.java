package dev.peloton.runtime.automation;

import dev.peloton.core.AssetKey;
import dev.peloton.core.engine.plan.PartitionSelection;
import dev.peloton.runtime.run.RunRequest;
import java.util.List;

/** Sensors that react to materializations. */
public final class AssetSensors {

    /** How many materializations one evaluation handles; the rest wait for the next one. */
    static final int BATCH = 100;

    private AssetSensors() {
    }

    /**
     * A sensor that requests a run of {@code selection} after each new materialization of {@code upstream}: for
     * the materialized partition when it has one, for every partition otherwise. Its cursor is the id of the last
     * materialization seen; on its first evaluation it reacts to the latest materialization only, not to the
     * whole history. Run keys are {@code materialization:<id>}, so one materialization never starts two runs.
     */
    public static SensorDefinition onMaterialization(String name, int intervalSeconds, AssetKey upstream,
            String selection) {
        RunRequest base = RunRequest.of(selection);
        return SensorDefinition.of(name, intervalSeconds, context -> {
            SensorData data = context.data();
            long after;
            if (context.cursor() == null) {
                after = Math.max(0, data.lastMaterializationId(upstream) - 1);
            } else {
                after = parseCursor(name, context.cursor());
            }
            List<MaterializationEvent> events = data.materializationsAfter(upstream, after, BATCH);
            if (events.isEmpty()) {
                return SensorResult.skip("no new materialization of " + upstream + " since materialization "
                        + after, Long.toString(after));
            }
            SensorResult.Builder result = SensorResult.builder();
            for (MaterializationEvent event : events) {
                PartitionSelection partitions = event.partitionKey().isEmpty()
                        ? PartitionSelection.all() : PartitionSelection.keys(event.partitionKey());
                result.run("materialization:" + event.id(), base.withPartitions(partitions));
            }
            return result.cursor(Long.toString(events.getLast().id())).build();
        });
    }

    private static long parseCursor(String sensor, String cursor) {
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Sensor '" + sensor + "' has a cursor '" + cursor
                    + "' that is not a materialization id", e);
        }
    }
}
