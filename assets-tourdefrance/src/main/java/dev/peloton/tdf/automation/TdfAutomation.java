package dev.peloton.tdf.automation;

import dev.peloton.runtime.automation.ScheduleDefinition;
import dev.peloton.runtime.automation.SensorDefinition;
import dev.peloton.tdf.source.PostgresRaceSource;
import dev.peloton.tdf.source.StageRouteFolder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The example's automation: the nightly race-day schedule and the two sensors on its sources (the route drop
 * folder and the race points in PostgreSQL). Each requests runs through Peloton's run queue like any other run.
 * The headless backfill has none of them: it runs one backfill and exits, and a sensor's run queued meanwhile
 * would only wait in the queue for the next start.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "peloton.example.headless", havingValue = false, matchIfMissing = true)
@EnableConfigurationProperties(AutomationProperties.class)
public class TdfAutomation {

    /**
     * Everything partitioned by race day: the landed GPS points and everything built from them (staging points,
     * stage results, climb times, the classifications), and the stage metrics, which are built from the routes.
     */
    public static final String RACE_DAY_ASSETS = "landing/race_points+ or marts/stage_metrics";

    /**
     * The stage routes and everything built from them. Asked for one stage key, the planner runs the stage-keyed
     * route assets for that stage and, through the {@code stage_of_race_day} mapping, the race-day assets of the
     * day that stage is raced (and the classifications of the days after it, which add it up).
     */
    public static final String STAGE_ROUTE_ASSETS = "landing/stage_routes+";

    @Bean
    ScheduleDefinition nightlyRaceDaySchedule(AutomationProperties properties) {
        return NightlyRaceDaySchedule.definition(properties.defaultOn());
    }

    @Bean
    SensorDefinition stageRouteFilesSensor(StageRouteFolder routes, AutomationProperties properties) {
        return new SensorDefinition(StageRouteSensor.NAME, properties.routeSensorIntervalSeconds(),
                properties.defaultOn(), new StageRouteSensor(routes));
    }

    @Bean
    SensorDefinition racePointRowsSensor(PostgresRaceSource race, AutomationProperties properties) {
        return new SensorDefinition(RacePointsSensor.NAME, properties.raceSensorIntervalSeconds(),
                properties.defaultOn(), new RacePointsSensor(race));
    }
}
