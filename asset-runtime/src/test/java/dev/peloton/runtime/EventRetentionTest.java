package dev.peloton.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.peloton.runtime.storage.EventRecord;
import dev.peloton.runtime.storage.EventStorage;
import dev.peloton.runtime.storage.NewEvent;
import dev.peloton.runtime.storage.RunIds;
import dev.peloton.runtime.testing.EmbeddedPostgresExtension;
import dev.peloton.runtime.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedPostgresExtension.class)
class EventRetentionTest {

    private static final Instant NOW = Instant.parse("2024-07-31T00:00:00Z");

    private final TestDatabase db;
    private EventStorage events;
    private String runId;

    EventRetentionTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void threeEventsOfDifferentAges() {
        db.truncate("event_log");
        events = new EventStorage(db.dataSource());
        runId = RunIds.next().toString();
        events.append(List.of(
                NewEvent.of(runId, "OLD", "{}").at(NOW.minus(Duration.ofDays(40))),
                NewEvent.of(runId, "BORDER", "{}").at(NOW.minus(Duration.ofDays(30)).plusSeconds(1)),
                NewEvent.of(runId, "NEW", "{}").at(NOW.minus(Duration.ofDays(1)))));
    }

    @Test
    void deletesEventsOlderThanTheRetention() {
        EventRetention retention = new EventRetention(events, Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(retention.deleteExpired()).isEqualTo(1);
        assertThat(events.page(runId, 0, 10)).extracting(EventRecord::type).containsExactly("BORDER", "NEW");
        assertThat(retention.deleteExpired()).isZero();
    }

    @Test
    void runsOnStartAndStopsOnStop() {
        EventRetention retention = new EventRetention(events, Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC));
        retention.start();
        try {
            assertThat(retention.isRunning()).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> events.count(runId) == 2);
        } finally {
            retention.stop();
        }
        assertThat(retention.isRunning()).isFalse();
    }

    @Test
    void retentionMustBePositive() {
        assertThatThrownBy(() -> new EventRetention(events, Duration.ZERO, Clock.systemUTC()))
                .hasMessageContaining("must be positive");
    }
}
