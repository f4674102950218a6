package dev.peloton.runtime.storage;

import dev.peloton.core.AssetKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Converts the small structured values that storage keeps in {@code jsonb} columns. */
final class JsonColumns {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
    };

    private final JsonMapper mapper;

    JsonColumns(JsonMapper mapper) {
        this.mapper = mapper;
    }

    JsonColumns() {
        this(JsonMapper.builder().build());
    }

    String writeVersions(Map<AssetKey, String> versions) {
        Map<String, String> byKey = new LinkedHashMap<>(versions.size() * 2);
        versions.forEach((k, v) -> byKey.put(k.toString(), v));
        return mapper.writeValueAsString(byKey);
    }

    Map<AssetKey, String> readVersions(String json) {
        if (json == null) {
            return Map.of();
        }
        Map<String, String> byKey = mapper.readValue(json, STRING_MAP);
        Map<AssetKey, String> versions = new HashMap<>(byKey.size() * 2);
        byKey.forEach((k, v) -> versions.put(AssetKey.parse(k), v));
        return versions;
    }

    String writeStrings(Map<String, String> map) {
        return mapper.writeValueAsString(map);
    }

    Map<String, String> readStrings(String json) {
        return json == null ? Map.of() : mapper.readValue(json, STRING_MAP);
    }

    String writeKeys(List<AssetKey> keys) {
        List<String> strings = new ArrayList<>(keys.size());
        keys.forEach(k -> strings.add(k.toString()));
        return mapper.writeValueAsString(strings);
    }

    List<AssetKey> readKeys(String json) {
        List<String> strings = mapper.readValue(json, STRING_LIST);
        List<AssetKey> keys = new ArrayList<>(strings.size());
        strings.forEach(s -> keys.add(AssetKey.parse(s)));
        return keys;
    }

    /**
     * Checks that {@code json} is one JSON value, so that a bad payload fails with a message that names
     * {@code what} instead of a database error about a cast.
     */
    void requireJson(String json, String what) {
        try {
            mapper.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
