package dev.peloton.runtime.api;

import dev.peloton.core.engine.plan.PartitionSelection;
import dev.peloton.core.engine.plan.StepGranularity;
import dev.peloton.runtime.run.RunRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a materialize or plan request body into a {@link RunRequest}; each mistake names its field. The backfill
 * reader shares its readers of partitions, flags, priority and tags.
 */
final class MaterializeRequestReader {

    static final int MAX_KEYS = 100_000;
    static final int MAX_CHUNK = 1_000_000;
    static final int MAX_TAGS = 100;
    private static final Set<String> FIELDS = Set.of("selection", "partitions", "onlyStaleAndMissing", "memoize",
            "granularity", "priority", "tags", "runKey");

    private MaterializeRequestReader() {
    }

    static RunRequest read(JsonNode body) {
        JsonBodies.object(body, FIELDS, "{\"selection\": \"warehouse/stage_results\"}");
        String selection = JsonBodies.selection(body, "\"warehouse/stage_results\" or \"group:marts\"");
        return new RunRequest(selection, partitions(body.get("partitions")),
                bool(body, "onlyStaleAndMissing"), bool(body, "memoize"), granularity(body.get("granularity")),
                priority(body.get("priority")), tags(body.get("tags")), null, runKey(body.get("runKey")));
    }

    static PartitionSelection partitions(JsonNode node) {
        if (node == null || node.isNull()) {
            return PartitionSelection.all();
        }
        if (node.isString()) {
            if (node.stringValue().equals("all")) {
                return PartitionSelection.all();
            }
            throw ApiException.badField("partitions", node.stringValue(), "Field 'partitions' must be \"all\","
                    + " {\"keys\": [...]} or {\"range\": {\"from\": ..., \"to\": ...}}, got \"" + node.stringValue()
                    + "\"");
        }
        if (!node.isObject() || node.size() != 1 || !(node.has("keys") || node.has("range"))) {
            throw ApiException.badField("partitions", node.toString(), "Field 'partitions' must be \"all\","
                    + " {\"keys\": [...]} or {\"range\": {\"from\": ..., \"to\": ...}}, got " + node);
        }
        if (node.has("keys")) {
            JsonNode keys = node.get("keys");
            if (!keys.isArray() || keys.isEmpty()) {
                throw ApiException.badField("partitions.keys", keys.toString(),
                        "Field 'partitions.keys' must be a non-empty array of partition keys, got " + keys);
            }
            if (keys.size() > MAX_KEYS) {
                throw ApiException.badField("partitions.keys", keys.size() + " keys", "Field 'partitions.keys'"
                        + " holds " + keys.size() + " keys; at most " + MAX_KEYS + " are accepted: use a range");
            }
            List<String> out = new ArrayList<>(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                JsonNode k = keys.get(i);
                if (!k.isString()) {
                    throw ApiException.badField("partitions.keys[" + i + "]", k.toString(),
                            "Field 'partitions.keys[" + i + "]' must be a string, got " + k);
                }
                out.add(k.stringValue());
            }
            return PartitionSelection.keys(out);
        }
        JsonNode range = node.get("range");
        if (!range.isObject()) {
            throw ApiException.badField("partitions.range", range.toString(),
                    "Field 'partitions.range' must be an object {\"from\": ..., \"to\": ...}, got " + range);
        }
        return PartitionSelection.range(string(range, "from", "partitions.range.from"),
                string(range, "to", "partitions.range.to"));
    }

    private static String string(JsonNode parent, String name, String path) {
        JsonNode v = parent.get(name);
        if (v == null || !v.isString() || v.stringValue().isEmpty()) {
            throw ApiException.badField(path, v == null ? null : v.toString(),
                    "Field '" + path + "' must be a non-empty partition key string, got " + v);
        }
        return v.stringValue();
    }

    static boolean bool(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw ApiException.badField(name, v.toString(), "Field '" + name + "' must be true or false, got " + v);
        }
        return v.booleanValue();
    }

    private static StepGranularity granularity(JsonNode node) {
        if (node == null || node.isNull()) {
            return StepGranularity.perPartition();
        }
        if (node.isString()) {
            switch (node.stringValue()) {
                case "perPartition", "per-partition" -> {
                    return StepGranularity.perPartition();
                }
                case "wholeRange", "whole-range" -> {
                    return StepGranularity.wholeRange();
                }
                default -> {
                    // reported below
                }
            }
        } else if (node.isObject() && node.size() == 1 && node.has("chunks")) {
            JsonNode n = node.get("chunks");
            if (n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 1 && n.longValue() <= MAX_CHUNK) {
                return StepGranularity.chunks(n.intValue());
            }
            throw ApiException.badField("granularity.chunks", n.toString(), "Field 'granularity.chunks' must be a"
                    + " whole number between 1 and " + MAX_CHUNK + ", got " + n);
        }
        throw ApiException.badField("granularity", node.toString(), "Field 'granularity' must be \"perPartition\","
                + " \"wholeRange\" or {\"chunks\": n}, got " + node);
    }

    static int priority(JsonNode node) {
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw ApiException.badField("priority", node.toString(),
                    "Field 'priority' must be a whole number (a 32-bit integer), got " + node);
        }
        return node.intValue();
    }

    static Map<String, String> tags(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject() || node.size() > MAX_TAGS) {
            throw ApiException.badField("tags", node.toString(), "Field 'tags' must be an object of at most "
                    + MAX_TAGS + " string values, got " + node);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : node.propertyNames()) {
            JsonNode v = node.get(name);
            if (!v.isString()) {
                throw ApiException.badField("tags." + name, v.toString(),
                        "Field 'tags." + name + "' must be a string, got " + v);
            }
            out.put(name, v.stringValue());
        }
        return out;
    }

    private static String runKey(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString() || node.stringValue().isBlank() || node.stringValue().length() > 500) {
            throw ApiException.badField("runKey", node.toString(),
                    "Field 'runKey' must be a non-blank string of at most 500 characters, got " + node);
        }
        return node.stringValue();
    }
}
