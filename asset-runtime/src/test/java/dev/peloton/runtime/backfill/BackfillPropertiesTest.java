package dev.peloton.runtime.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** peloton.backfills.* binds with its documented defaults and names the property of a bad value. */
class BackfillPropertiesTest {

    private static BackfillProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("peloton.backfills", BackfillProperties.class);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        BackfillProperties p = bind(Map.of());
        assertThat(p.daemonEnabled()).isTrue();
        assertThat(p.batchSize()).isEqualTo(500);
        assertThat(p.pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.limits()).isEqualTo(BackfillService.Limits.defaults());
    }

    @Test
    void valuesAreBound() {
        BackfillProperties p = bind(Map.of("peloton.backfills.batch-size", "20", "peloton.backfills.poll-interval",
                "250ms", "peloton.backfills.max-runs", "50000", "peloton.backfills.daemon-enabled", "false"));
        assertThat(p.batchSize()).isEqualTo(20);
        assertThat(p.pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(p.limits().maxRuns()).isEqualTo(50_000);
        assertThat(p.limits().maxPartitions()).isEqualTo(10_000_000);
        assertThat(p.daemonEnabled()).isFalse();
    }

    @Test
    void badValuesNameTheirProperty() {
        assertThatThrownBy(() -> bind(Map.of("peloton.backfills.batch-size", "0")))
                .isInstanceOf(BindException.class).rootCause()
                .hasMessageContaining("peloton.backfills.batch-size").hasMessageContaining("got 0");
        assertThatThrownBy(() -> bind(Map.of("peloton.backfills.poll-interval", "-1s")))
                .isInstanceOf(BindException.class).rootCause()
                .hasMessageContaining("peloton.backfills.poll-interval");
        assertThatThrownBy(() -> bind(Map.of("peloton.backfills.max-runs", "0")))
                .isInstanceOf(BindException.class).rootCause()
                .hasMessageContaining("peloton.backfills.max-runs must be at least 1, got 0");
        assertThatThrownBy(() -> bind(Map.of("peloton.backfills.max-partitions", "-5")))
                .isInstanceOf(BindException.class).rootCause()
                .hasMessageContaining("peloton.backfills.max-partitions");
    }
}
