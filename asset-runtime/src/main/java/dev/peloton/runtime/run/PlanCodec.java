package dev.peloton.runtime.run;

import dev.peloton.core.AssetKey;
import dev.peloton.core.engine.plan.Plan;
import dev.peloton.core.engine.plan.PlannedStep;
import dev.peloton.core.engine.plan.SkippedWork;
import dev.peloton.runtime.storage.PartitionSetCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plan as stored with its run: {@code {"steps":[{"id","assets":[..],"partitions":"0-9","dependsOn":[..]}],
 * "skipped":[{"asset","partitions","reason"}],"notes":[..]}}. Partitions keep their range text, so a step over
 * a thousand partitions costs a few characters.
 */
public final class PlanCodec {

    private final JsonMapper mapper = JsonMapper.builder().build();

    public String write(Plan plan) {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Object> steps = new ArrayList<>(plan.steps().size());
        for (PlannedStep s : plan.steps()) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("id", s.id());
            step.put("assets", s.assets().stream().map(AssetKey::toString).toList());
            step.put("partitions", PartitionSetCodec.encode(s.partitions()));
            step.put("dependsOn", s.dependsOn());
            steps.add(step);
        }
        root.put("steps", steps);
        List<Object> skipped = new ArrayList<>(plan.skipped().size());
        for (SkippedWork w : plan.skipped()) {
            Map<String, Object> work = new LinkedHashMap<>();
            work.put("asset", w.asset().toString());
            work.put("partitions", PartitionSetCodec.encode(w.partitions()));
            work.put("reason", w.reason());
            skipped.add(work);
        }
        root.put("skipped", skipped);
        root.put("notes", plan.notes());
        return mapper.writeValueAsString(root);
    }

    /**
     * Reads a stored plan.
     *
     * @throws IllegalArgumentException naming {@code what} when the text is not a plan
     */
    public Plan read(String json, String what) {
        if (json == null) {
            throw new IllegalArgumentException(what + " has no plan");
        }
        try {
            JsonNode root = mapper.readTree(json);
            List<PlannedStep> steps = new ArrayList<>();
            for (JsonNode s : root.path("steps")) {
                steps.add(new PlannedStep(s.path("id").asString(), keys(s.path("assets")),
                        PartitionSetCodec.decode(s.path("partitions").asString()), strings(s.path("dependsOn"))));
            }
            List<SkippedWork> skipped = new ArrayList<>();
            for (JsonNode w : root.path("skipped")) {
                skipped.add(new SkippedWork(AssetKey.parse(w.path("asset").asString()),
                        PartitionSetCodec.decode(w.path("partitions").asString()), w.path("reason").asString()));
            }
            return new Plan(steps, skipped, strings(root.path("notes")));
        } catch (JacksonException e) {
            throw new IllegalArgumentException(what + " has a plan that is not valid JSON: " + e.getOriginalMessage(),
                    e);
        }
    }

    private static List<AssetKey> keys(JsonNode array) {
        List<AssetKey> keys = new ArrayList<>();
        array.forEach(n -> keys.add(AssetKey.parse(n.asString())));
        return keys;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
