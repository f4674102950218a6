package dev.peloton.tdf.automation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.runtime.automation.ScheduleDefinition;
import dev.peloton.runtime.automation.SensorDefinition;
import dev.peloton.tdf.source.PostgresRaceSource;
import dev.peloton.tdf.source.StageRouteFolder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Which definitions the configuration declares, with which settings; no database is opened. */
class TdfAutomationConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(TdfAutomation.class)
            .withBean(StageRouteFolder.class, () -> new StageRouteFolder(Path.of("target", "no-such-route-folder")))
            .withBean(PostgresRaceSource.class,
                    () -> new PostgresRaceSource(new DriverManagerDataSource("jdbc:postgresql://localhost:1/none")));

    @Test
    void declaresTheScheduleAndBothSensorsOnByDefault() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeansOfType(ScheduleDefinition.class).values())
                    .singleElement().satisfies(s -> {
                        assertThat(s.name()).isEqualTo(NightlyRaceDaySchedule.NAME);
                        assertThat(s.defaultOn()).isTrue();
                    });
            assertThat(context.getBeansOfType(SensorDefinition.class).values())
                    .extracting(SensorDefinition::name, SensorDefinition::intervalSeconds, SensorDefinition::defaultOn)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(StageRouteSensor.NAME, 30, true),
                            org.assertj.core.groups.Tuple.tuple(RacePointsSensor.NAME, 60, true));
        });
    }

    @Test
    void settingsChangeIntervalsAndTheStartingState() {
        runner.withPropertyValues("peloton.example.automation.default-on=false",
                "peloton.example.automation.route-sensor-interval-seconds=5",
                "peloton.example.automation.race-sensor-interval-seconds=7").run(context -> {
            assertThat(context.getBean(ScheduleDefinition.class).defaultOn()).isFalse();
            assertThat(context.getBeansOfType(SensorDefinition.class).values())
                    .extracting(SensorDefinition::name, SensorDefinition::intervalSeconds, SensorDefinition::defaultOn)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(StageRouteSensor.NAME, 5, false),
                            org.assertj.core.groups.Tuple.tuple(RacePointsSensor.NAME, 7, false));
        });
    }

    @Test
    void anIntervalBelowOneSecondStopsTheStartNamingTheProperty() {
        runner.withPropertyValues("peloton.example.automation.race-sensor-interval-seconds=0").run(context ->
                assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("peloton.example.automation.race-sensor-interval-seconds")
                        .hasMessageContaining("got 0"));
    }

    @Test
    void theHeadlessBackfillHasNoAutomation() {
        runner.withPropertyValues("peloton.example.headless=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(ScheduleDefinition.class).doesNotHaveBean(SensorDefinition.class);
        });
    }
}
