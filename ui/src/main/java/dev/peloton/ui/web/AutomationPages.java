package dev.peloton.ui.web;

import dev.peloton.runtime.api.AutomationApiService;
import dev.peloton.runtime.api.AutomationViews.TickPageView;
import dev.peloton.runtime.automation.InstigatorKind;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Schedules and sensors: their state and next tick, the tick history of each, and switching them (ADMIN). */
@Controller
public class AutomationPages {

    static final int TICKS_PER_PAGE = 50;

    private final AutomationApiService automation;

    public AutomationPages(AutomationApiService automation) {
        this.automation = automation;
    }

    @GetMapping("/schedules")
    String list(Model model) {
        model.addAttribute("schedules", automation.schedules());
        model.addAttribute("sensors", automation.sensors());
        return "schedules";
    }

    @GetMapping("/schedules/{name}")
    String schedule(@PathVariable("name") String name,
            @RequestParam(name = "before", required = false) String before, Model model) {
        model.addAttribute("schedule", automation.schedule(name));
        return ticks(InstigatorKind.SCHEDULE, name, before, model);
    }

    @GetMapping("/sensors/{name}")
    String sensor(@PathVariable("name") String name,
            @RequestParam(name = "before", required = false) String before, Model model) {
        model.addAttribute("sensor", automation.sensor(name));
        return ticks(InstigatorKind.SENSOR, name, before, model);
    }

    private String ticks(InstigatorKind kind, String name, String before, Model model) {
        Long beforeId = null;
        if (before != null && !before.isBlank()) {
            try {
                beforeId = Long.parseLong(before.trim());
            } catch (NumberFormatException e) {
                throw UiException.badRequest("Invalid page cursor", "Parameter 'before' must be a tick id (a whole"
                        + " number), got '" + before + "'");
            }
        }
        TickPageView page = automation.ticks(kind, name, beforeId, TICKS_PER_PAGE);
        model.addAttribute("kind", kind.name().toLowerCase(Locale.ROOT));
        model.addAttribute("name", name);
        model.addAttribute("page", page);
        return "ticks";
    }

    @PostMapping("/schedules/{name}/{state}")
    String switchSchedule(@PathVariable("name") String name, @PathVariable("state") String state) {
        automation.switchSchedule(name, on(state));
        return "redirect:/schedules";
    }

    @PostMapping("/sensors/{name}/{state}")
    String switchSensor(@PathVariable("name") String name, @PathVariable("state") String state) {
        automation.switchSensor(name, on(state));
        return "redirect:/schedules";
    }

    private static boolean on(String state) {
        return switch (state) {
            case "on" -> true;
            case "off" -> false;
            default -> throw UiException.badRequest("Invalid switch", "A schedule or sensor is switched 'on' or"
                    + " 'off', got '" + state + "'");
        };
    }
}
