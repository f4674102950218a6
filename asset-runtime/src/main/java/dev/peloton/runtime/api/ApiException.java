package dev.peloton.runtime.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A client error found by the API itself (a bad parameter, an unknown id), answered as a problem detail with the
 * given status, title and extra properties (the parameter, the value, the valid range...).
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final String title;
    private final Map<String, Object> properties;

    public ApiException(HttpStatus status, String title, String detail, Map<String, ?> properties) {
        super(detail);
        this.status = status;
        this.title = title;
        this.properties = new LinkedHashMap<>(properties);
    }

    /** A bad request parameter or body field: names the parameter and the value given. */
    public static ApiException badParameter(String parameter, Object value, String detail) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("parameter", parameter);
        props.put("value", value == null ? null : String.valueOf(value));
        return new ApiException(HttpStatus.BAD_REQUEST, "Invalid parameter '" + parameter + "'", detail, props);
    }

    /** A bad field of a JSON request body: names the field (as a JSON path) and the value given. */
    public static ApiException badField(String field, Object value, String detail) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("field", field);
        props.put("value", value == null ? null : String.valueOf(value));
        return new ApiException(HttpStatus.BAD_REQUEST, "Invalid field '" + field + "'", detail, props);
    }

    /** A request that conflicts with the current state (e.g. canceling what has ended). */
    public static ApiException conflict(String title, String detail, Map<String, ?> properties) {
        return new ApiException(HttpStatus.CONFLICT, title, detail, properties);
    }

    public static ApiException notFound(String title, String detail, Map<String, ?> properties) {
        return new ApiException(HttpStatus.NOT_FOUND, title, detail, properties);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
