package dev.peloton.runtime.api;

import dev.peloton.runtime.api.RunViews.SubmittedView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Materializing: preview the plan, then queue the run. */
@RestController
public class MaterializeController {

    private final MaterializeService materialize;

    public MaterializeController(MaterializeService materialize) {
        this.materialize = materialize;
    }

    @Operation(summary = "Plans and queues a run; answers 202 with the run id")
    @PostMapping(path = "/api/materialize", consumes = "application/json")
    public ResponseEntity<SubmittedView> materialize(@io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = MaterializeRequest.class)))
            @RequestBody(required = false) JsonNode body) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(materialize.submit(MaterializeRequestReader.read(body)));
    }

    @Operation(summary = "The plan a materialize request would run: steps, skipped work with reasons, notes")
    @PostMapping(path = "/api/plan", consumes = "application/json")
    public MaterializeService.PlanView plan(@io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = MaterializeRequest.class)))
            @RequestBody(required = false) JsonNode body) {
        return materialize.plan(MaterializeRequestReader.read(body));
    }
}
