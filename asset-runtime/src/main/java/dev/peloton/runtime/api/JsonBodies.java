package dev.peloton.runtime.api;

import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Checks shared by the readers of request bodies: each failure names the field at fault. */
final class JsonBodies {

    private JsonBodies() {
    }

    /**
     * The body as a JSON object with only known fields.
     *
     * @param example a valid body, shown when the body is missing
     */
    static JsonNode object(JsonNode body, Set<String> fields, String example) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ApiException.badField("$", null, "The request needs a JSON object body such as " + example);
        }
        if (!body.isObject()) {
            throw ApiException.badField("$", body.toString(), "The request body must be a JSON object, got "
                    + body.getNodeType().name().toLowerCase());
        }
        for (String name : body.propertyNames()) {
            if (!fields.contains(name)) {
                throw ApiException.badField(name, null, "Unknown field '" + name + "'; known fields are "
                        + fields.stream().sorted().toList());
            }
        }
        return body;
    }

    /** The required {@code selection} field: a non-blank string. */
    static String selection(JsonNode body, String examples) {
        JsonNode selection = body.get("selection");
        if (selection == null || selection.isNull()) {
            throw ApiException.badField("selection", null, "Field 'selection' is required: an asset selection such"
                    + " as " + examples);
        }
        if (!selection.isString() || selection.stringValue().isBlank()) {
            throw ApiException.badField("selection", selection.toString(),
                    "Field 'selection' must be a non-blank string, got " + selection);
        }
        return selection.stringValue();
    }
}
