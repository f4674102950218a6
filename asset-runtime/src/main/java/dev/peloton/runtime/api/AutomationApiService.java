package dev.peloton.runtime.api;

import dev.peloton.runtime.api.AutomationViews.ScheduleView;
import dev.peloton.runtime.api.AutomationViews.SensorView;
import dev.peloton.runtime.api.AutomationViews.Switch;
import dev.peloton.runtime.api.AutomationViews.TickPageView;
import dev.peloton.runtime.api.AutomationViews.TickView;
import dev.peloton.runtime.automation.AutomationService;
import dev.peloton.runtime.automation.InstigatorKind;
import dev.peloton.runtime.automation.InstigatorStatus;
import dev.peloton.runtime.automation.TickPage;
import dev.peloton.runtime.automation.TickRecord;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;

/**
 * Schedules and sensors for the REST API and the UI: the {@link AutomationService} with its answers as views.
 * Names are checked for their shape before anything is looked up, so a name that cannot exist is a 400 that says
 * which characters are allowed, and a well-formed unknown one is a 404 that lists the declared names.
 */
public class AutomationApiService {

    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 1_000;

    private final ObjectProvider<AutomationService> automation;

    public AutomationApiService(ObjectProvider<AutomationService> automation) {
        this.automation = automation;
    }

    private AutomationService service() {
        AutomationService s = automation.getIfAvailable();
        if (s == null) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Schedules and sensors unavailable",
                    "This node runs no schedules or sensors (peloton.automation.enabled=false)", Map.of());
        }
        return s;
    }

    public List<ScheduleView> schedules() {
        return service().schedules().stream().map(AutomationApiService::schedule).toList();
    }

    public List<SensorView> sensors() {
        return service().sensors().stream().map(AutomationApiService::sensor).toList();
    }

    public ScheduleView schedule(String name) {
        return schedule(service().status(InstigatorKind.SCHEDULE, checkName(InstigatorKind.SCHEDULE, name)));
    }

    public SensorView sensor(String name) {
        return sensor(service().status(InstigatorKind.SENSOR, checkName(InstigatorKind.SENSOR, name)));
    }

    /** Turns on or off (idempotent) and answers the new state. */
    public ScheduleView switchSchedule(String name, boolean on) {
        setOn(InstigatorKind.SCHEDULE, name, on);
        return schedule(name);
    }

    public SensorView switchSensor(String name, boolean on) {
        setOn(InstigatorKind.SENSOR, name, on);
        return sensor(name);
    }

    private void setOn(InstigatorKind kind, String name, boolean on) {
        AutomationService s = service();
        checkName(kind, name);
        if (on) {
            s.turnOn(kind, name);
        } else {
            s.turnOff(kind, name);
        }
    }

    public TickPageView ticks(InstigatorKind kind, String name, Long beforeId, int limit) {
        TickPage page = service().ticks(kind, checkName(kind, name), beforeId, limit);
        return new TickPageView(kind.name().toLowerCase(Locale.ROOT), name,
                page.ticks().stream().map(AutomationApiService::tick).toList(), page.beforeId());
    }

    private static String checkName(InstigatorKind kind, String name) {
        if (!AutomationService.isValidName(name)) {
            String what = kind.name().toLowerCase(Locale.ROOT);
            throw ApiException.badParameter("name", name, "Invalid " + what + " name '" + name + "': a " + what
                    + " name has 1 to 150 letters, digits, '_', '-' or '.'");
        }
        return name;
    }

    private static ScheduleView schedule(InstigatorStatus s) {
        return new ScheduleView(s.name(), s.on() ? Switch.ON : Switch.OFF, s.cron(),
                s.zone() == null ? null : s.zone().getId(), s.selection(), s.nextTickAt(), s.lastTickAt(),
                s.lastTick() == null ? null : tick(s.lastTick()));
    }

    private static SensorView sensor(InstigatorStatus s) {
        return new SensorView(s.name(), s.on() ? Switch.ON : Switch.OFF, s.intervalSeconds(), s.cursor(),
                s.nextTickAt(), s.lastTickAt(), s.lastTick() == null ? null : tick(s.lastTick()));
    }

    private static TickView tick(TickRecord t) {
        return new TickView(t.id(), t.tickTime(), t.status(), t.runIds(), t.skipReason(), t.error(), t.cursor(),
                t.startedAt(), t.endedAt());
    }
}
