package dev.peloton.tdf.automation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the example's schedule and sensors, under {@code peloton.example.automation.*}.
 *
 * @param defaultOn                  whether the schedule and sensors start on, the first time the application starts
 *                                   on a database; afterwards their stored on/off state wins (see the UI or
 *                                   {@code AutomationService})
 * @param routeSensorIntervalSeconds how often the route drop folder is looked at
 * @param raceSensorIntervalSeconds  how often PostgreSQL is asked for new race points
 */
@ConfigurationProperties("peloton.example.automation")
public record AutomationProperties(
        @DefaultValue("true") boolean defaultOn,
        @DefaultValue("30") int routeSensorIntervalSeconds,
        @DefaultValue("60") int raceSensorIntervalSeconds) {

    public AutomationProperties {
        if (routeSensorIntervalSeconds < 1) {
            throw new IllegalArgumentException("peloton.example.automation.route-sensor-interval-seconds must be at"
                    + " least 1, got " + routeSensorIntervalSeconds);
        }
        if (raceSensorIntervalSeconds < 1) {
            throw new IllegalArgumentException("peloton.example.automation.race-sensor-interval-seconds must be at"
                    + " least 1, got " + raceSensorIntervalSeconds);
        }
    }
}
