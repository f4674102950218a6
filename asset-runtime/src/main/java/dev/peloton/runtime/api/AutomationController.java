package dev.peloton.runtime.api;

import dev.peloton.runtime.api.AutomationViews.ScheduleView;
import dev.peloton.runtime.api.AutomationViews.SensorView;
import dev.peloton.runtime.api.AutomationViews.TickPageView;
import dev.peloton.runtime.automation.InstigatorKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Schedules and sensors: list, detail, turn on or off, tick history. On and off are two POSTs without a body
 * rather than a PUT of a status, so that a curl line or a UI button is all it takes; both are idempotent.
 */
@RestController
@RequestMapping("/api")
public class AutomationController {

    private final AutomationApiService automation;

    public AutomationController(AutomationApiService automation) {
        this.automation = automation;
    }

    @Operation(summary = "Every schedule with on/off, cron and zone, selection, next tick and last tick outcome")
    @GetMapping("/schedules")
    public List<ScheduleView> schedules() {
        return automation.schedules();
    }

    @Operation(summary = "One schedule; 404 if no schedule has that name")
    @GetMapping("/schedules/{name}")
    public ScheduleView schedule(@PathVariable("name") String name) {
        return automation.schedule(name);
    }

    @Operation(summary = "Turns a schedule on, across the cluster; ticks that fell while it was off are not run")
    @PostMapping("/schedules/{name}/on")
    public ScheduleView scheduleOn(@PathVariable("name") String name) {
        return automation.switchSchedule(name, true);
    }

    @Operation(summary = "Turns a schedule off, across the cluster")
    @PostMapping("/schedules/{name}/off")
    public ScheduleView scheduleOff(@PathVariable("name") String name) {
        return automation.switchSchedule(name, false);
    }

    @Operation(summary = "The ticks of a schedule, newest first, with their outcome, runs, skip reason or error")
    @GetMapping("/schedules/{name}/ticks")
    public TickPageView scheduleTicks(@PathVariable("name") String name,
            @Parameter(description = "nextBefore of the previous page") @RequestParam(name = "before",
                    required = false) String before,
            @Parameter(description = "page size, 1..1000 (default 50)") @RequestParam(name = "limit",
                    required = false) String limit) {
        return ticks(InstigatorKind.SCHEDULE, name, before, limit);
    }

    @Operation(summary = "Every sensor with on/off, interval, cursor, next evaluation and last outcome")
    @GetMapping("/sensors")
    public List<SensorView> sensors() {
        return automation.sensors();
    }

    @Operation(summary = "One sensor; 404 if no sensor has that name")
    @GetMapping("/sensors/{name}")
    public SensorView sensor(@PathVariable("name") String name) {
        return automation.sensor(name);
    }

    @Operation(summary = "Turns a sensor on, across the cluster")
    @PostMapping("/sensors/{name}/on")
    public SensorView sensorOn(@PathVariable("name") String name) {
        return automation.switchSensor(name, true);
    }

    @Operation(summary = "Turns a sensor off, across the cluster")
    @PostMapping("/sensors/{name}/off")
    public SensorView sensorOff(@PathVariable("name") String name) {
        return automation.switchSensor(name, false);
    }

    @Operation(summary = "The evaluations of a sensor, newest first, with their outcome, runs, cursor, skip reason"
            + " or error")
    @GetMapping("/sensors/{name}/ticks")
    public TickPageView sensorTicks(@PathVariable("name") String name,
            @Parameter(description = "nextBefore of the previous page") @RequestParam(name = "before",
                    required = false) String before,
            @Parameter(description = "page size, 1..1000 (default 50)") @RequestParam(name = "limit",
                    required = false) String limit) {
        return ticks(InstigatorKind.SENSOR, name, before, limit);
    }

    private TickPageView ticks(InstigatorKind kind, String name, String before, String limit) {
        int size = Params.intInRange("limit", limit, AutomationApiService.DEFAULT_PAGE, 1,
                AutomationApiService.MAX_PAGE);
        Long beforeId = before == null || before.isEmpty() ? null : Params.positiveLong("before", before);
        return automation.ticks(kind, name, beforeId, size);
    }
}
