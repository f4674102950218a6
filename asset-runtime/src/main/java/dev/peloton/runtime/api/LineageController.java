package dev.peloton.runtime.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The lineage graph. */
@RestController
public class LineageController {

    private final LineageService lineage;

    public LineageController(LineageService lineage) {
        this.lineage = lineage;
    }

    @Operation(summary = "The assets a selection picks, with their status, and the edges between them")
    @GetMapping("/api/lineage")
    public LineageService.Lineage lineage(@Parameter(description = "asset selection, default * (every asset)")
            @RequestParam(name = "selection", required = false) String selection) {
        return lineage.lineage(selection);
    }
}
