package dev.peloton.runtime.api;

import dev.peloton.runtime.backfill.BackfillOptions;
import dev.peloton.runtime.backfill.BackfillPolicy;
import dev.peloton.runtime.backfill.BackfillRequest;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads a backfill request body into a {@link BackfillRequest}; each mistake names its field. */
final class BackfillRequestReader {

    private static final Set<String> FIELDS = Set.of("selection", "partitions", "policy", "onlyStaleAndMissing",
            "priority", "tags");
    private static final String POLICIES = "\"perPartition\", \"singleRun\" or {\"chunks\": k}";

    private BackfillRequestReader() {
    }

    static BackfillRequest read(JsonNode body) {
        JsonBodies.object(body, FIELDS, "{\"selection\": \"+marts/standings\", \"partitions\": {\"range\":"
                + " {\"from\": \"2023-07-01\", \"to\": \"2023-07-23\"}}}");
        String selection = JsonBodies.selection(body, "\"+marts/standings\" or \"group:warehouse\"");
        Map<String, String> tags = MaterializeRequestReader.tags(body.get("tags"));
        for (String key : tags.keySet()) {
            if (key.startsWith("peloton/")) {
                throw ApiException.badField("tags." + key, tags.get(key), "Tag '" + key + "' is reserved: tags"
                        + " starting with 'peloton/' are set by Peloton itself");
            }
        }
        BackfillOptions options = new BackfillOptions(MaterializeRequestReader.bool(body, "onlyStaleAndMissing"),
                MaterializeRequestReader.priority(body.get("priority")), tags);
        return new BackfillRequest(selection, MaterializeRequestReader.partitions(body.get("partitions")),
                policy(body.get("policy")), options);
    }

    /** {@code "perPartition"}, {@code "singleRun"}, {@code {"chunks": k}}; the object forms of the first two too. */
    private static BackfillPolicy policy(JsonNode node) {
        if (node == null || node.isNull()) {
            return BackfillPolicy.onePerPartition();
        }
        String name = null;
        if (node.isString()) {
            name = node.stringValue();
        } else if (node.isObject() && node.size() == 1) {
            name = node.propertyNames().iterator().next();
        }
        if (name != null) {
            switch (name) {
                case "perPartition", "per-partition" -> {
                    if (node.isString() || flag(node.get(name))) {
                        return BackfillPolicy.onePerPartition();
                    }
                }
                case "singleRun", "single-run" -> {
                    if (node.isString() || flag(node.get(name))) {
                        return BackfillPolicy.singleRun();
                    }
                }
                case "chunks" -> {
                    if (node.isObject()) {
                        return chunks(node.get("chunks"));
                    }
                }
                default -> {
                    // reported below
                }
            }
        }
        throw ApiException.badField("policy", node.toString(), "Field 'policy' must be " + POLICIES + ", got "
                + node);
    }

    /** The value of {@code {"singleRun": ...}}: true, an empty object or null all mean "this policy". */
    private static boolean flag(JsonNode v) {
        return v == null || v.isNull() || (v.isBoolean() && v.booleanValue()) || (v.isObject() && v.isEmpty());
    }

    private static BackfillPolicy chunks(JsonNode n) {
        if (n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 1
                && n.longValue() <= MaterializeRequestReader.MAX_CHUNK) {
            return BackfillPolicy.chunks(n.intValue());
        }
        throw ApiException.badField("policy.chunks", n.toString(), "Field 'policy.chunks' must be a whole number of"
                + " partitions per run between 1 and " + MaterializeRequestReader.MAX_CHUNK + ", got " + n);
    }
}
