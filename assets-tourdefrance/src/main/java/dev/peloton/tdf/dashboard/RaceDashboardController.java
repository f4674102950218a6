package dev.peloton.tdf.dashboard;

import dev.peloton.tdf.assets.RaceResults;
import dev.peloton.tdf.compare.Comparison;
import dev.peloton.tdf.compare.ComparisonException;
import dev.peloton.tdf.compare.ComparisonGif;
import dev.peloton.tdf.compare.RiderComparison;
import dev.peloton.tdf.compare.SegmentRide;
import dev.peloton.tdf.dashboard.RaceDashboard.Dashboard;
import dev.peloton.ui.security.PelotonSecurityProperties;
import dev.peloton.ui.web.UiException;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The race dashboard at {@code /tdf}: a race day's stage results, the classifications after it, the stage winners'
 * speeds and a comparison of two riders on a climb. The comparison's animation is served at {@code /tdf/compare.gif}
 * because {@code /api/**} takes HTTP Basic only, so a browser's {@code <img>} under the UI's login session could not
 * load {@code /api/tdf/compare.gif}.
 */
@Controller
public class RaceDashboardController {

    private final RaceDashboard dashboard;
    private final RiderComparison comparison;
    private final ObjectProvider<PelotonSecurityProperties> security;

    public RaceDashboardController(RaceDashboard dashboard, RiderComparison comparison,
            ObjectProvider<PelotonSecurityProperties> security) {
        this.dashboard = dashboard;
        this.comparison = comparison;
        this.security = security;
    }

    /** The layout's user box; the UI's own model advice covers only the UI module's controllers. */
    @ModelAttribute("securityEnabled")
    boolean securityEnabled() {
        PelotonSecurityProperties s = security.getIfAvailable();
        return s == null || s.enabled();
    }

    @ModelAttribute("userName")
    String userName() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return securityEnabled() && a != null && a.isAuthenticated() && !"anonymousUser".equals(a.getName())
                ? a.getName() : null;
    }

    @GetMapping("/tdf")
    String page(@RequestParam(required = false) String raceDay, @RequestParam(required = false) String bibA,
            @RequestParam(required = false) String bibB, @RequestParam(required = false) String climb, Model model) {
        Dashboard d;
        try {
            d = dashboard.load(raceDay);
        } catch (IllegalArgumentException e) {
            throw UiException.badRequest("Invalid race day", e.getMessage());
        }
        model.addAttribute("d", d);
        model.addAttribute("top", RaceDashboard.TOP);
        model.addAttribute("bibA", bibA == null ? defaultBib(d, 0) : bibA);
        model.addAttribute("bibB", bibB == null ? defaultBib(d, 1) : bibB);
        model.addAttribute("climb", climb == null ? (d.climbs().isEmpty() ? "" : d.climbs().getLast().name()) : climb);
        if (bibA != null && bibB != null && climb != null) {
            String jsonUrl = compareUrl("/api/tdf/compare", d.raceDay(), bibA, bibB, climb);
            model.addAttribute("compareJson", jsonUrl);
            try {
                Comparison c = comparison.compare(d.raceDay(), bibA, bibB, climb, null, null);
                model.addAttribute("comparison", summary(c));
                model.addAttribute("compareGif", compareUrl("/tdf/compare.gif", d.raceDay(), bibA, bibB, climb));
            } catch (ComparisonException e) {
                model.addAttribute("compareError", e.getMessage());
            }
        }
        return "tdf/dashboard";
    }

    @GetMapping(value = "/tdf/compare.gif", produces = MediaType.IMAGE_GIF_VALUE)
    ResponseEntity<byte[]> compareGif(@RequestParam(required = false) String raceDay,
            @RequestParam(required = false) String bibA, @RequestParam(required = false) String bibB,
            @RequestParam(required = false) String climb, @RequestParam(required = false) String fromKm,
            @RequestParam(required = false) String toKm) {
        SegmentRide ride;
        try {
            ride = comparison.load(raceDay, bibA, bibB, climb, fromKm, toKm);
        } catch (ComparisonException e) {
            // The UI's error page, with the comparison's own status and words.
            throw new UiException(HttpStatus.valueOf(e.status()), e.title(), e.getMessage());
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_GIF).body(ComparisonGif.render(ride));
    }

    /** {@code Name A 0:41:07, Name B 0:41:30 (+23 s) on Col du Tourmalet (17.1 km)} */
    static String summary(Comparison c) {
        return String.format(Locale.ROOT, "%s %s, %s %s (%+d s) on %s (%.1f km)", c.riderA().name(),
                RaceResults.hms(Math.round(c.riderA().timeS())), c.riderB().name(),
                RaceResults.hms(Math.round(c.riderB().timeS())), Math.round(c.gapS()), c.segment().climb(),
                c.segment().lengthKm());
    }

    private static String defaultBib(Dashboard d, int place) {
        return d.stageResults().size() > place ? Integer.toString(d.stageResults().get(place).bib()) : "";
    }

    static String compareUrl(String path, String raceDay, String bibA, String bibB, String climb) {
        return UriComponentsBuilder.fromPath(path).queryParam("raceDay", raceDay).queryParam("bibA", bibA)
                .queryParam("bibB", bibB).queryParam("climb", climb).encode().build().toUriString();
    }
}
