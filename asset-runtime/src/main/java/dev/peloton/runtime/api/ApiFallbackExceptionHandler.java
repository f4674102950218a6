package dev.peloton.runtime.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The last resort for the API's own controllers: the engine reports bad input as {@link IllegalArgumentException}
 * (400); anything else is a server error, logged in full and answered without internals.
 */
@RestControllerAdvice(basePackageClasses = ApiFallbackExceptionHandler.class)
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiFallbackExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiFallbackExceptionHandler.class);

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badArgument(IllegalArgumentException e) {
        return ApiExceptionHandler.problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        LOG.error("Unexpected error in the REST API", e);
        return ApiExceptionHandler.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The server failed to answer this request (" + e.getClass().getSimpleName()
                        + "); the server log has the details");
    }
}
