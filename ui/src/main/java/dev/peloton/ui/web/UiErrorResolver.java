package dev.peloton.ui.web;

import dev.peloton.core.InvalidPartitionKeyException;
import dev.peloton.core.engine.graph.UnknownAssetException;
import dev.peloton.core.engine.plan.InvalidPlanRequestException;
import dev.peloton.core.engine.selection.InvalidSelectionException;
import dev.peloton.runtime.api.ApiException;
import dev.peloton.runtime.automation.UnknownInstigatorException;
import dev.peloton.runtime.backfill.NoSuchBackfillException;
import dev.peloton.runtime.storage.IllegalRunTransitionException;
import dev.peloton.runtime.storage.NoSuchRunException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns a failed page request (everything outside {@code /api/}) into the error page, with a status and a message
 * in words. It runs before the API's problem-detail handlers, which answer JSON, so a browser never sees those.
 * Anything not recognised here is a server error: Spring Boot's error page shows it without internals.
 */
public class UiErrorResolver implements HandlerExceptionResolver, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(UiErrorResolver.class);

    @Override
    public int getOrder() {
        // After Spring Boot's DefaultErrorAttributes (which only records the error), before the MVC resolvers.
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/")) {
            return null;
        }
        ModelAndView page = switch (ex) {
            case UiException e -> page(e.status(), e.title(), e.getMessage());
            case UnknownAssetException e -> page(HttpStatus.NOT_FOUND, "Unknown asset", e.getMessage());
            case ApiException e -> page(e.status(), e.title(), e.getMessage());
            case InvalidPartitionKeyException e -> page(HttpStatus.BAD_REQUEST, "Invalid partition key",
                    e.getMessage());
            case InvalidSelectionException e -> page(HttpStatus.BAD_REQUEST, "Invalid asset selection",
                    e.getMessage());
            case InvalidPlanRequestException e -> page(HttpStatus.BAD_REQUEST, "Request cannot be planned",
                    e.getMessage());
            case NoSuchRunException e -> page(HttpStatus.NOT_FOUND, "Unknown run", e.getMessage());
            case NoSuchBackfillException e -> page(HttpStatus.NOT_FOUND, "Unknown backfill", e.getMessage());
            case UnknownInstigatorException e -> page(HttpStatus.NOT_FOUND, "Unknown schedule or sensor",
                    e.getMessage());
            case IllegalRunTransitionException e -> page(HttpStatus.CONFLICT, "Run cannot change that way",
                    e.getMessage());
            case NoResourceFoundException e -> page(HttpStatus.NOT_FOUND, "Page not found",
                    "There is no page at " + path);
            case HttpRequestMethodNotSupportedException e -> page(HttpStatus.METHOD_NOT_ALLOWED,
                    "Method not allowed", path + " does not accept " + e.getMethod());
            case MissingServletRequestParameterException e -> page(HttpStatus.BAD_REQUEST, "Missing parameter",
                    "The request to " + path + " needs the parameter '" + e.getParameterName() + "'");
            case IllegalArgumentException e -> page(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
            default -> null;
        };
        if (page != null) {
            LOG.debug("Page {} answered {}: {}", path, page.getStatus(), ex.getMessage());
        }
        return page;
    }

    private static ModelAndView page(HttpStatus status, String title, String message) {
        ModelAndView mav = new ModelAndView("error");
        mav.setStatus(status);
        mav.addObject("status", status.value());
        mav.addObject("error", status.getReasonPhrase());
        mav.addObject("title", title);
        mav.addObject("message", message);
        return mav;
    }
}
