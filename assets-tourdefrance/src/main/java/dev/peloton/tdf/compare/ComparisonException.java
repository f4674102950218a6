package dev.peloton.tdf.compare;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A comparison that cannot be made because of its input: answered as an RFC 9457 problem detail with the given
 * status, a type naming the kind of problem, and properties naming the parameter and value at fault.
 */
public class ComparisonException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, Object> properties;

    ComparisonException(int status, String type, String title, String detail, Map<String, ?> properties) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.properties = new LinkedHashMap<>(properties);
    }

    /** 400: a parameter missing or malformed, or values that contradict each other. */
    static ComparisonException badParameter(String parameter, Object value, String detail) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("parameter", parameter);
        props.put("value", value == null ? null : String.valueOf(value));
        return new ComparisonException(400, "invalid-request", "Invalid parameter '" + parameter + "'", detail,
                props);
    }

    /** 404: something named by the request does not exist (rider, climb, data of a day). */
    static ComparisonException notFound(String type, String title, String detail, Map<String, ?> properties) {
        return new ComparisonException(404, type, title, detail, properties);
    }

    /** 422: the request is well formed but the data cannot answer it (a rider who did not ride the segment). */
    static ComparisonException unprocessable(String type, String title, String detail, Map<String, ?> properties) {
        return new ComparisonException(422, type, title, detail, properties);
    }

    /** 409: the warehouse does not hold the tables yet. */
    static ComparisonException notMaterialized(String detail) {
        return new ComparisonException(409, "not-materialized", "Warehouse not materialized", detail, Map.of());
    }

    public int status() {
        return status;
    }

    /** The last part of the problem type URI, such as {@code unknown-rider}. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
