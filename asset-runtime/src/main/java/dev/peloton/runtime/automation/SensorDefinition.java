package dev.peloton.runtime.automation;

import java.util.Objects;

/**
 * A sensor: every {@code intervalSeconds}, evaluate a function with the stored cursor; it returns run requests
 * with run keys, a new cursor, or a skip reason. Declare one as a bean, or with {@link Sensor} on a method.
 * Built-in kinds: {@link AssetSensors#onMaterialization} and {@link RunStatusSensors#onFailure}.
 *
 * @param name            unique among sensors; letters, digits, {@code _ - .}
 * @param intervalSeconds seconds between evaluations (at least 1)
 * @param defaultOn       whether a new sensor starts on; afterwards its on/off state is what was last set
 * @param evaluator       the evaluation
 */
public record SensorDefinition(String name, int intervalSeconds, boolean defaultOn, SensorEvaluator evaluator) {

    public SensorDefinition {
        Names.check("sensor", name);
        if (intervalSeconds < 1) {
            throw new InvalidAutomationException("Sensor '" + name + "' must be evaluated at least every second,"
                    + " got an interval of " + intervalSeconds + " seconds");
        }
        Objects.requireNonNull(evaluator, () -> "Sensor '" + name + "' has no evaluation function");
    }

    public static SensorDefinition of(String name, int intervalSeconds, SensorEvaluator evaluator) {
        return new SensorDefinition(name, intervalSeconds, true, evaluator);
    }

    public SensorDefinition withDefaultOn(boolean on) {
        return new SensorDefinition(name, intervalSeconds, on, evaluator);
    }
}
