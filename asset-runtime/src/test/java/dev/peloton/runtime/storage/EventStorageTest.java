package dev.peloton.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.core.AssetKey;
import dev.peloton.runtime.testing.EmbeddedPostgresExtension;
import dev.peloton.runtime.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ExtendWith(EmbeddedPostgresExtension.class)
class EventStorageTest {

    private static final Instant T0 = Instant.parse("2024-07-04T10:00:00.000001Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TestDatabase db;
    private EventStorage events;
    private String runA;
    private String runB;

    EventStorageTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void emptyLog() {
        db.truncate("event_log");
        events = new EventStorage(db.dataSource());
        runA = RunIds.next().toString();
        runB = RunIds.next().toString();
    }

    private static NewEvent event(String runId, int i) {
        return new NewEvent(runId, "step-" + (i % 7), "TYPE_" + (i % 3), T0.plusMillis(i), null, null,
                "{\"i\": " + i + ", \"text\": \"line \\\"" + i + "\\\"\"}");
    }

    @Test
    void aBigAppendLandsInOneTransactionAndPagesBackInOrder() {
        List<NewEvent> batch = new ArrayList<>();
        for (int i = 0; i < 1_234; i++) {
            batch.add(event(i % 2 == 0 ? runA : runB, i));
        }
        events.append(batch);

        assertThat(events.count(runA)).isEqualTo(617);
        assertThat(events.count(runB)).isEqualTo(617);
        // Every row was written by the same transaction: the append is one unit, whatever its size.
        assertThat(db.jdbc().queryForObject("SELECT count(DISTINCT xmin::text) FROM event_log", Long.class))
                .isEqualTo(1);

        List<EventRecord> paged = new ArrayList<>();
        long after = 0;
        List<EventRecord> page;
        int pages = 0;
        while (!(page = events.page(runA, after, 100)).isEmpty()) {
            assertThat(page.size()).isLessThanOrEqualTo(100);
            paged.addAll(page);
            after = page.get(page.size() - 1).sequence();
            pages++;
        }
        assertThat(pages).isEqualTo(7);
        assertThat(paged).hasSize(617);
        for (int k = 0; k < paged.size(); k++) {
            EventRecord e = paged.get(k);
            int i = 2 * k;
            assertThat(e.runId()).isEqualTo(runA);
            assertThat(e.stepId()).isEqualTo("step-" + (i % 7));
            assertThat(e.type()).isEqualTo("TYPE_" + (i % 3));
            assertThat(e.timestamp()).isEqualTo(T0.plusMillis(i));
            JsonNode payload = JSON.readTree(e.payloadJson());
            assertThat(payload.get("i").asInt()).isEqualTo(i);
            assertThat(payload.get("text").asString()).isEqualTo("line \"" + i + "\"");
            if (k > 0) {
                assertThat(e.sequence()).isGreaterThan(paged.get(k - 1).sequence());
            }
        }
    }

    @Test
    void appendIsAllOrNothingAndNamesTheBadEvent() {
        List<NewEvent> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(event(runA, i));
        }
        batch.set(7, new NewEvent(runA, null, "STEP_OUTPUT", T0, null, null, "{not json"));

        assertThatThrownBy(() -> events.append(batch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload of event 8 of 10 (type STEP_OUTPUT, run " + runA + ") is not valid JSON");
        assertThat(events.count(runA)).isZero();
    }

    @Test
    void eventsAboutAnAssetPartitionRoundTripAndPageByAsset() {
        AssetKey asset = AssetKey.of("warehouse", "stage_results");
        events.append(List.of(
                NewEvent.of(runA, "MATERIALIZATION", "{\"dataVersion\": \"v1\"}").withStep("s1")
                        .withAsset(asset, "2024-07-04").at(T0),
                NewEvent.of(runA, "MATERIALIZATION", "{}").withAsset(asset, "2024-07-05").at(T0),
                NewEvent.of(null, "ASSET_REPORTED", null).withAsset(asset, "2024-07-04").at(T0.plusSeconds(1))));

        List<EventRecord> forPartition = events.pageForAsset(asset, "2024-07-04", 0, 10);
        assertThat(forPartition).extracting(EventRecord::type).containsExactly("MATERIALIZATION", "ASSET_REPORTED");
        EventRecord first = forPartition.get(0);
        assertThat(first.runId()).isEqualTo(runA);
        assertThat(first.stepId()).isEqualTo("s1");
        assertThat(first.asset()).isEqualTo(asset);
        assertThat(first.partitionKey()).isEqualTo("2024-07-04");
        assertThat(JSON.readTree(first.payloadJson()).get("dataVersion").asString()).isEqualTo("v1");
        EventRecord outsideRuns = forPartition.get(1);
        assertThat(outsideRuns.runId()).isNull();
        assertThat(outsideRuns.payloadJson()).isEqualTo("{}");
        assertThat(events.pageForAsset(asset, "2024-07-04", first.sequence(), 10)).containsExactly(outsideRuns);
    }

    @Test
    void pagingAfterTheLastEventIsEmpty() {
        events.append(List.of(event(runA, 1), event(runA, 2)));
        List<EventRecord> all = events.page(runA, 0, 10);

        assertThat(all).hasSize(2);
        assertThat(events.page(runA, all.get(1).sequence(), 10)).isEmpty();
        assertThat(events.page(runB, 0, 10)).isEmpty();
    }

    @Test
    void deleteOlderThanRemovesOnlyOldEvents() {
        events.append(List.of(
                event(runA, 0).at(Instant.parse("2024-01-01T00:00:00Z")),
                event(runA, 1).at(Instant.parse("2024-03-01T00:00:00Z")),
                event(runA, 2).at(Instant.parse("2024-06-01T00:00:00Z"))));

        assertThat(events.deleteOlderThan(Instant.parse("2024-04-01T00:00:00Z"))).isEqualTo(2);
        assertThat(events.page(runA, 0, 10)).extracting(EventRecord::timestamp)
                .containsExactly(Instant.parse("2024-06-01T00:00:00Z"));
    }

    @Test
    void badEventsAndPagesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> NewEvent.of(runA, " ", "{}")).hasMessageContaining("needs a type");
        assertThatThrownBy(() -> NewEvent.of(runA, "T".repeat(65), "{}")).hasMessageContaining("longer than 64");
        assertThatThrownBy(() -> NewEvent.of("run-1", "T", "{}")).hasMessageContaining("Invalid run id 'run-1'");
        assertThatThrownBy(() -> events.page(runA, 0, 0)).hasMessageContaining("between 1 and 10000, got 0");
        assertThatThrownBy(() -> events.page(runA, -1, 10)).hasMessageContaining("afterSequence must be >= 0");
    }
}
