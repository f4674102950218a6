package dev.peloton.tdf;

import dev.peloton.runtime.storage.StepStorage.StepRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a run's time went, per asset: how many steps, the sum of their durations ({@code busy}: what the steps cost,
 * counting parallel steps twice) and the time during which at least one of them ran ({@code wall}: what they cost the
 * run). Built from the steps' start and end times; steps that never started or ended are left out.
 */
record StepProfile(Map<String, AssetTiming> byAsset) {

    /**
     * One asset's steps.
     *
     * @param asset      the asset key
     * @param steps      steps with a start and an end
     * @param busy       the sum of their durations
     * @param wall       the length of the union of their [start, end] intervals
     * @param firstStart when the first began
     * @param lastEnd    when the last ended
     */
    record AssetTiming(String asset, int steps, Duration busy, Duration wall, Instant firstStart, Instant lastEnd) {
    }

    StepProfile {
        byAsset = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byAsset));
    }

    /** The profile of a run's steps, assets in the order their first step started. */
    static StepProfile of(List<StepRow> steps) {
        Map<String, List<StepRow>> byAsset = new TreeMap<>();
        for (StepRow s : steps) {
            if (s.startedAt() != null && s.endedAt() != null && !s.endedAt().isBefore(s.startedAt())) {
                byAsset.computeIfAbsent(assetOf(s.stepId()), k -> new ArrayList<>()).add(s);
            }
        }
        List<AssetTiming> timings = new ArrayList<>();
        byAsset.forEach((asset, rows) -> timings.add(timing(asset, rows)));
        timings.sort(Comparator.comparing(AssetTiming::firstStart).thenComparing(AssetTiming::asset));
        Map<String, AssetTiming> out = new LinkedHashMap<>();
        timings.forEach(t -> out.put(t.asset(), t));
        return new StepProfile(out);
    }

    /** The asset of a step id: {@code landing/race_points[2023-07-01]} is {@code landing/race_points}. */
    static String assetOf(String stepId) {
        int bracket = stepId.indexOf('[');
        return bracket < 0 ? stepId : stepId.substring(0, bracket);
    }

    private static AssetTiming timing(String asset, List<StepRow> rows) {
        List<StepRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(StepRow::startedAt));
        Duration busy = Duration.ZERO;
        Duration wall = Duration.ZERO;
        Instant spanStart = null;
        Instant spanEnd = null;
        Instant lastEnd = sorted.get(0).endedAt();
        for (StepRow s : sorted) {
            busy = busy.plus(Duration.between(s.startedAt(), s.endedAt()));
            lastEnd = s.endedAt().isAfter(lastEnd) ? s.endedAt() : lastEnd;
            if (spanEnd == null || s.startedAt().isAfter(spanEnd)) {
                if (spanEnd != null) {
                    wall = wall.plus(Duration.between(spanStart, spanEnd));
                }
                spanStart = s.startedAt();
                spanEnd = s.endedAt();
            } else if (s.endedAt().isAfter(spanEnd)) {
                spanEnd = s.endedAt();
            }
        }
        wall = wall.plus(Duration.between(spanStart, spanEnd));
        return new AssetTiming(asset, sorted.size(), busy, wall, sorted.get(0).startedAt(), lastEnd);
    }

    /** The timing of an asset's steps; fails naming the assets profiled when it has none. */
    AssetTiming of(String asset) {
        AssetTiming t = byAsset.get(asset);
        if (t == null) {
            throw new IllegalArgumentException("no finished step of asset '" + asset + "' in the run; assets with"
                    + " steps: " + byAsset.keySet());
        }
        return t;
    }
}
