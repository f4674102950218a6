package dev.peloton.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.core.AssetKey;
import dev.peloton.core.engine.state.FailureRecord;
import dev.peloton.core.engine.state.MaterializationRecord;
import dev.peloton.runtime.storage.PostgresAssetStateStorage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Asset and lineage endpoints over HTTP, on state recorded through the real storage. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssetApiTest extends ApiTestSupport {

    private static final AssetKey STAGES = AssetKey.parse("raw/stages");
    private static final AssetKey RESULTS = AssetKey.parse("warehouse/stage_results");

    @Autowired
    PostgresAssetStateStorage state;

    @BeforeAll
    void recordState() {
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        for (int d = 1; d <= 5; d++) {
            state.recordMaterialization(new MaterializationRecord(STAGES, day(d), "s" + d, "1", Map.of(), "run-a",
                    t.plusSeconds(d)));
        }
        for (int d = 1; d <= 3; d++) {
            // Day 3 was computed by code version 0: stale by a code change.
            state.recordMaterialization(new MaterializationRecord(RESULTS, day(d), "r" + d, d == 3 ? "0" : "1",
                    Map.of(STAGES, "s" + d), "run-a", t.plusSeconds(10 + d)));
        }
        // New data upstream of day 2.
        state.recordMaterialization(new MaterializationRecord(STAGES, day(2), "s2b", "1", Map.of(), "run-b",
                t.plusSeconds(20)));
        state.recordFailure(new FailureRecord(RESULTS, day(4), "run-b", "boom on day 4", t.plusSeconds(21)));
        state.recordInProgress(RESULTS, List.of(day(5)), "run-c");
        // big/daily: every 10th of its 100,000 partitions is materialized.
        jdbc.update("INSERT INTO asset_partition_state (asset_key, partition_key, data_version, code_version,"
                + " input_data_versions, materialized_at) SELECT 'big/daily', to_char(date '1800-01-01' + i, 'YYYY-MM-DD'),"
                + " 'v', '1', '{}'::jsonb, now() FROM generate_series(0, 99999, 10) AS i");
    }

    private static String day(int d) {
        return String.format("2023-07-%02d", d);
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.get(field).stringValue().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no element with " + field + "=" + value + " in " + array);
    }

    @Autowired
    AssetService assets;

    @Test
    void theOverviewAnswersWhatDetailAndPartitionsAnswerAndStatusesMatchTheList() {
        for (AssetKey key : List.of(STAGES, RESULTS, AssetKey.parse("big/daily"))) {
            AssetService.AssetOverview overview = assets.overview(key);
            assertThat(overview.detail()).as(key.toString()).isEqualTo(assets.detail(key));
            assertThat(overview.partitions()).as(key.toString()).isEqualTo(assets.partitions(key));
        }
        // The bulk statuses (lineage, asset list) agree with the asset's own: failed and in progress included.
        PartitionStatusSets results = assets.statuses().get(RESULTS);
        assertThat(results.counts()).isEqualTo(assets.detail(RESULTS).staleness().counts());
        assertThat(results.counts()).containsEntry(PartitionStatus.FAILED, 1L)
                .containsEntry(PartitionStatus.IN_PROGRESS, 1L);
    }

    @Test
    void listsEveryAssetWithItsDefinitionAndStatusCounts() {
        Answer a = get("/api/assets");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json()).hasSize(4);
        JsonNode stages = find(a.json(), "key", "raw/stages");
        assertThat(stages.get("group").stringValue()).isEqualTo("raw");
        assertThat(stages.get("description").stringValue()).isEqualTo("The stages of the Tour");
        assertThat(stages.get("owners").get(0).stringValue()).isEqualTo("team-data");
        assertThat(stages.get("tags").get("tier").stringValue()).isEqualTo("gold");
        assertThat(stages.get("kind").stringValue()).isEqualTo("asset");
        assertThat(stages.get("partitions").get("type").stringValue()).isEqualTo("time-window");
        assertThat(stages.get("partitions").get("count").longValue()).isEqualTo(23);
        assertThat(stages.get("statusCounts").get("FRESH").longValue()).isEqualTo(5);
        assertThat(stages.get("statusCounts").get("MISSING").longValue()).isEqualTo(18);
        assertThat(stages.get("status").stringValue()).isEqualTo("MISSING");
        JsonNode summary = find(a.json(), "key", "marts/summary");
        assertThat(summary.get("partitions").get("partitioned").booleanValue()).isFalse();
        assertThat(summary.get("statusCounts").get("MISSING").longValue()).isEqualTo(1);
    }

    @Test
    void detailHasEdgesChecksAndStalenessCausesInWordsAndData() {
        Answer a = get("/api/assets/warehouse/stage_results");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode d = a.json();
        assertThat(d.get("codeVersion").stringValue()).isEqualTo("1");
        assertThat(d.get("upstream").get(0).get("asset").stringValue()).isEqualTo("raw/stages");
        assertThat(d.get("upstream").get(0).get("mapping").stringValue()).isNotBlank();
        assertThat(d.get("downstream").get(0).get("asset").stringValue()).isEqualTo("marts/summary");
        assertThat(d.get("checks").get(0).get("name").stringValue()).isEqualTo("positive");
        assertThat(d.get("checks").get(0).get("blocking").booleanValue()).isTrue();
        JsonNode staleness = d.get("staleness");
        assertThat(staleness.get("counts").get("FRESH").longValue()).isEqualTo(1);
        assertThat(staleness.get("counts").get("STALE").longValue()).isEqualTo(2);
        assertThat(staleness.get("counts").get("FAILED").longValue()).isEqualTo(1);
        assertThat(staleness.get("counts").get("IN_PROGRESS").longValue()).isEqualTo(1);
        assertThat(staleness.get("counts").get("MISSING").longValue()).isEqualTo(18);
        JsonNode code = find(staleness.get("causes"), "kind", "CODE_VERSION_CHANGED");
        assertThat(code.get("partitions").stringValue()).isEqualTo("2023-07-03");
        assertThat(code.get("description").stringValue()).contains("1 partition (2023-07-03)", "code version");
        JsonNode data = find(staleness.get("causes"), "kind", "UPSTREAM_DATA_CHANGED");
        assertThat(data.get("upstream").stringValue()).isEqualTo("raw/stages");
        assertThat(data.get("description").stringValue()).contains("raw/stages has new data");
    }

    @Test
    void partitionsComeAsRunsOfEqualStatusWithCounts() {
        Answer a = get("/api/assets/warehouse/stage_results/partitions");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        List<String> ranges = new ArrayList<>();
        for (JsonNode r : a.json().get("ranges")) {
            ranges.add(r.get("from").stringValue() + ".." + r.get("to").stringValue() + " "
                    + r.get("status").stringValue() + " " + r.get("count").longValue());
        }
        assertThat(ranges).containsExactly("2023-07-01..2023-07-01 FRESH 1", "2023-07-02..2023-07-03 STALE 2",
                "2023-07-04..2023-07-04 FAILED 1", "2023-07-05..2023-07-05 IN_PROGRESS 1",
                "2023-07-06..2023-07-23 MISSING 18");
        assertThat(a.json().get("counts").get("STALE").longValue()).isEqualTo(2);
    }

    @Test
    void oneHundredThousandPartitionsAreRangeEncoded() {
        Answer a = get("/api/assets/big/daily/partitions");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().get("counts").get("FRESH").longValue()).isEqualTo(10_000);
        assertThat(a.json().get("counts").get("MISSING").longValue()).isEqualTo(90_000);
        JsonNode ranges = a.json().get("ranges");
        assertThat(ranges).hasSize(20_000);
        LocalDate start = LocalDate.parse(ApiTestApplication.BIG_START);
        // Reference: partition i is FRESH when i % 10 == 0, else MISSING; runs alternate 1 fresh, 9 missing.
        for (int r = 0; r < ranges.size(); r += 997) {
            JsonNode range = ranges.get(r);
            long first = (r / 2) * 10L + (r % 2 == 0 ? 0 : 1);
            long last = r % 2 == 0 ? first : first + 8;
            assertThat(range.get("from").stringValue()).as("range %d", r).isEqualTo(start.plusDays(first).toString());
            assertThat(range.get("to").stringValue()).as("range %d", r).isEqualTo(start.plusDays(last).toString());
            assertThat(range.get("status").stringValue()).isEqualTo(r % 2 == 0 ? "FRESH" : "MISSING");
        }
    }

    @Test
    void onePartitionHasItsCausesLastMaterializationAndFailure() {
        Answer stale = get("/api/assets/warehouse/stage_results/partitions/2023-07-02");
        assertThat(stale.status()).as(stale.body()).isEqualTo(200);
        assertThat(stale.json().get("status").stringValue()).isEqualTo("STALE");
        JsonNode cause = stale.json().get("causes").get(0);
        assertThat(cause.get("kind").stringValue()).isEqualTo("UPSTREAM_DATA_CHANGED");
        assertThat(cause.get("details").get("recordedInputDataVersion").stringValue()).isEqualTo("s2");
        assertThat(cause.get("details").get("currentInputDataVersion").stringValue()).isEqualTo("s2b");
        assertThat(stale.json().get("lastMaterialization").get("dataVersion").stringValue()).isEqualTo("r2");

        Answer code = get("/api/assets/warehouse/stage_results/partitions/2023-07-03");
        JsonNode c = code.json().get("causes").get(0);
        assertThat(c.get("details").get("recordedCodeVersion").stringValue()).isEqualTo("0");
        assertThat(c.get("description").stringValue()).isEqualTo("code version changed from 0 to 1");

        Answer failed = get("/api/assets/warehouse/stage_results/partitions/2023-07-04");
        assertThat(failed.json().get("status").stringValue()).isEqualTo("FAILED");
        assertThat(failed.json().get("staleness").stringValue()).isEqualTo("MISSING");
        assertThat(failed.json().get("lastFailure").get("error").stringValue()).isEqualTo("boom on day 4");
        assertThat(failed.json().get("lastMaterialization").isNull()).isTrue();
    }

    @Test
    void materializationHistoryIsPagedNewestFirst() {
        Answer first = get("/api/assets/raw/stages/materializations?limit=4");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        List<String> versions = new ArrayList<>();
        first.json().get("materializations").forEach(m -> versions.add(m.get("dataVersion").stringValue()));
        assertThat(versions).containsExactly("s2b", "s5", "s4", "s3");
        long before = first.json().get("nextBefore").longValue();
        Answer second = get("/api/assets/raw/stages/materializations?limit=4&before=" + before);
        List<String> rest = new ArrayList<>();
        second.json().get("materializations").forEach(m -> rest.add(m.get("dataVersion").stringValue()));
        assertThat(rest).containsExactly("s2", "s1");
        assertThat(second.json().get("nextBefore").isNull()).isTrue();

        Answer one = get("/api/assets/raw/stages/materializations?partition=2023-07-02");
        assertThat(one.json().get("materializations")).hasSize(2);
    }

    @Test
    void unknownAssetsAreNotFoundWithCloseMatches() {
        JsonNode p = assertProblem(get("/api/assets/warehouse/stage_result"), 404, "warehouse/stage_result",
                "warehouse/stage_results");
        assertThat(p.get("closeMatches").get(0).stringValue()).isEqualTo("warehouse/stage_results");
        assertProblem(get("/api/assets/warehouse/stage_reslts/partitions"), 404, "warehouse/stage_reslts");
        assertProblem(get("/api/assets/nothing/here/partitions/2023-07-01"), 404, "nothing/here");
        assertProblem(get("/api/assets/bad%20key!"), 400, "bad key!");
    }

    @Test
    void badPartitionKeysNameAssetKeyAndValidRange() {
        assertProblem(get("/api/assets/raw/stages/partitions/2023-08-01"), 400, "raw/stages", "2023-08-01",
                "2023-07-01", "2023-07-23");
        assertProblem(get("/api/assets/raw/stages/materializations?partition=nope"), 400, "'nope'", "raw/stages");
    }

    @Test
    void lineageHasNodesWithStatusAndEdgesWithTheirMapping() {
        Answer a = get("/api/lineage");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("nodes")).hasSize(4);
        JsonNode results = find(a.json().get("nodes"), "key", "warehouse/stage_results");
        assertThat(results.get("group").stringValue()).isEqualTo("warehouse");
        assertThat(results.get("status").stringValue()).isEqualTo("IN_PROGRESS");
        List<String> edges = new ArrayList<>();
        a.json().get("edges").forEach(e -> edges.add(e.get("from").stringValue() + "->" + e.get("to").stringValue()));
        assertThat(edges).containsExactlyInAnyOrder("raw/stages->warehouse/stage_results",
                "warehouse/stage_results->marts/summary");
        assertThat(a.json().get("edges").get(0).get("mapping").stringValue()).isNotBlank();

        Answer some = get("/api/lineage?selection=group:warehouse%20or%20group:marts");
        assertThat(some.json().get("nodes")).hasSize(2);
        assertThat(some.json().get("edges")).hasSize(1);

        JsonNode p = assertProblem(get("/api/lineage?selection=group:warehouse%20and%20("), 400, "position");
        assertThat(p.get("position").intValue()).isPositive();
        assertProblem(get("/api/lineage?selection=warehouse/stage_reslts"), 400, "warehouse/stage_reslts");
    }
}
