package dev.peloton.runtime.api;

import dev.peloton.core.InvalidPartitionKeyException;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.graph.KeySuggestions;
import dev.peloton.core.engine.graph.UnknownAssetException;
import dev.peloton.core.engine.plan.InvalidPlanRequestException;
import dev.peloton.core.engine.selection.InvalidSelectionException;
import dev.peloton.runtime.automation.UnknownInstigatorException;
import dev.peloton.runtime.backfill.InvalidBackfillException;
import dev.peloton.runtime.backfill.NoSuchBackfillException;
import dev.peloton.runtime.storage.IllegalRunTransitionException;
import dev.peloton.runtime.storage.NoSuchRunException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * Turns the engine's and storage's exceptions into RFC 9457 problem details ({@code application/problem+json}):
 * each names what was wrong (asset, partition key, selection token, run id, field) in {@code detail} and as
 * properties. Also answers Spring MVC's own client errors (unreadable JSON, unsupported media type, ...) as
 * problem details.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    static final String TYPE_BASE = "https://peloton.dev/problems/";

    private final ObjectProvider<AssetGraph> graph;

    public ApiExceptionHandler(ObjectProvider<AssetGraph> graph) {
        this.graph = graph;
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create(TYPE_BASE + type));
        p.setTitle(title);
        return p;
    }

    @ExceptionHandler(ApiException.class)
    ProblemDetail api(ApiException e) {
        String type = switch (e.status()) {
            case NOT_FOUND -> "not-found";
            case SERVICE_UNAVAILABLE -> "unavailable";
            case CONFLICT -> "conflict";
            default -> "invalid-request";
        };
        ProblemDetail p = problem(e.status(), type, e.title(), e.getMessage());
        e.properties().forEach(p::setProperty);
        return p;
    }

    @ExceptionHandler(UnknownAssetException.class)
    ProblemDetail unknownAsset(UnknownAssetException e) {
        AssetGraph g = graph.getIfAvailable();
        List<String> close = g == null ? List.of() : KeySuggestions.closest(e.key().toString(),
                g.definitions().stream().map(d -> d.key().toString()).toList(), 5);
        ProblemDetail p = problem(HttpStatus.NOT_FOUND, "unknown-asset", "Unknown asset", e.getMessage()
                + (close.isEmpty() ? "" : "; close matches: " + String.join(", ", close)));
        p.setProperty("asset", e.key().toString());
        p.setProperty("closeMatches", close);
        return p;
    }

    @ExceptionHandler(InvalidPartitionKeyException.class)
    ProblemDetail invalidPartition(InvalidPartitionKeyException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-partition-key", "Invalid partition key",
                e.getMessage());
        p.setProperty("partitionKey", e.partitionKey());
        return p;
    }

    @ExceptionHandler(InvalidSelectionException.class)
    ProblemDetail invalidSelection(InvalidSelectionException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-selection", "Invalid asset selection",
                e.getMessage());
        p.setProperty("selection", e.selection());
        p.setProperty("token", e.token());
        p.setProperty("position", e.position());
        return p;
    }

    @ExceptionHandler(InvalidPlanRequestException.class)
    ProblemDetail invalidPlan(InvalidPlanRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-plan-request", "Request cannot be planned", e.getMessage());
    }

    @ExceptionHandler(NoSuchRunException.class)
    ProblemDetail noSuchRun(NoSuchRunException e) {
        ProblemDetail p = problem(HttpStatus.NOT_FOUND, "unknown-run", "Unknown run", e.getMessage());
        p.setProperty("runId", e.runId());
        return p;
    }

    @ExceptionHandler(NoSuchBackfillException.class)
    ProblemDetail noSuchBackfill(NoSuchBackfillException e) {
        ProblemDetail p = problem(HttpStatus.NOT_FOUND, "unknown-backfill", "Unknown backfill", e.getMessage());
        p.setProperty("backfillId", e.backfillId());
        return p;
    }

    @ExceptionHandler(UnknownInstigatorException.class)
    ProblemDetail unknownInstigator(UnknownInstigatorException e) {
        String kind = e.kind() == null ? "schedule or sensor" : e.kind().name().toLowerCase(Locale.ROOT);
        ProblemDetail p = problem(HttpStatus.NOT_FOUND, "unknown-" + (e.kind() == null ? "instigator" : kind),
                "Unknown " + kind, e.getMessage());
        if (e.kind() != null) {
            p.setProperty(kind, e.name());
            p.setProperty("known", e.known());
        }
        return p;
    }

    @ExceptionHandler(InvalidBackfillException.class)
    ProblemDetail invalidBackfill(InvalidBackfillException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-backfill", "Backfill cannot be carried out as asked",
                e.getMessage());
    }

    @ExceptionHandler(IllegalRunTransitionException.class)
    ProblemDetail illegalTransition(IllegalRunTransitionException e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "illegal-run-transition", "Run cannot change that way",
                e.getMessage());
        p.setProperty("runId", e.runId());
        p.setProperty("runStatus", e.current().name());
        p.setProperty("requested", e.requested().name());
        return p;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = "The request body is not valid JSON";
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON", detail);
        Throwable cause = ex.getCause();
        if (cause instanceof JacksonException je) {
            TokenStreamLocation at = je.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            p.setDetail(detail + where + ": " + je.getOriginalMessage());
            if (at != null) {
                p.setProperty("line", at.getLineNr());
                p.setProperty("column", at.getColumnNr());
            }
        } else if (ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")) {
            p.setDetail("The request needs a JSON body");
        }
        return handleExceptionInternal(ex, p, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex.getPropertyName();
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid parameter '" + name + "'",
                "Parameter '" + name + "' has an invalid value '" + ex.getValue() + "'");
        p.setProperty("parameter", name);
        return handleExceptionInternal(ex, p, headers, HttpStatus.BAD_REQUEST, request);
    }
}
