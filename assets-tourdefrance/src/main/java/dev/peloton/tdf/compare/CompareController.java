package dev.peloton.tdf.compare;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Two riders on a segment of a race day: {@code GET /api/tdf/compare} (JSON) and {@code GET /api/tdf/compare.gif}
 * (an animation along the elevation profile). The segment is {@code climb=<name>} or {@code fromKm=..&toKm=..}.
 */
@RestController
@RequestMapping("/api/tdf")
public class CompareController {

    static final String PROBLEM_TYPE_BASE = "https://peloton.dev/problems/tdf/";

    private final RiderComparison comparison;

    public CompareController(RiderComparison comparison) {
        this.comparison = comparison;
    }

    @GetMapping(value = "/compare", produces = MediaType.APPLICATION_JSON_VALUE)
    public Comparison compare(@RequestParam(required = false) String raceDay,
            @RequestParam(required = false) String bibA, @RequestParam(required = false) String bibB,
            @RequestParam(required = false) String climb, @RequestParam(required = false) String fromKm,
            @RequestParam(required = false) String toKm) {
        return comparison.compare(raceDay, bibA, bibB, climb, fromKm, toKm);
    }

    @GetMapping(value = "/compare.gif", produces = MediaType.IMAGE_GIF_VALUE)
    public ResponseEntity<byte[]> compareGif(@RequestParam(required = false) String raceDay,
            @RequestParam(required = false) String bibA, @RequestParam(required = false) String bibB,
            @RequestParam(required = false) String climb, @RequestParam(required = false) String fromKm,
            @RequestParam(required = false) String toKm) {
        SegmentRide ride = comparison.load(raceDay, bibA, bibB, climb, fromKm, toKm);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_GIF).body(ComparisonGif.render(ride));
    }

    /** Problem details also for the GIF endpoint: a client asking for an image still gets to read why it failed. */
    @ExceptionHandler(ComparisonException.class)
    ResponseEntity<ProblemDetail> problem(ComparisonException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status()), e.getMessage());
        p.setType(URI.create(PROBLEM_TYPE_BASE + e.type()));
        p.setTitle(e.title());
        e.properties().forEach(p::setProperty);
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
