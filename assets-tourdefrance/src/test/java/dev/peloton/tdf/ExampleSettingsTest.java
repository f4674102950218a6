package dev.peloton.tdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.tdf.generate.Scale;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ExampleSettingsTest {

    private static ExampleProperties bind(java.util.Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("peloton.example", ExampleProperties.class);
    }

    @Test
    void defaultsAreTheSmallScaleWithGenerationAndAWebServer() {
        ExampleProperties p = bind(java.util.Map.of());
        assertThat(p.scaleDefinition()).isEqualTo(Scale.SMALL);
        assertThat(p.seed()).isEqualTo(2023);
        assertThat(p.generate()).isTrue();
        assertThat(p.headless()).isFalse();
        assertThat(p.bench()).isFalse();
        assertThat(p.sheet().isLocal()).isTrue();
    }

    @Test
    void scaleIsReadCaseInsensitively() {
        assertThat(bind(java.util.Map.of("peloton.example.scale", "TINY")).scaleDefinition()).isEqualTo(Scale.TINY);
        assertThat(bind(java.util.Map.of("peloton.example.scale", "full")).scaleDefinition()).isEqualTo(Scale.FULL);
    }

    @Test
    void anUnknownScaleNamesThePropertyAndTheValidScales() {
        assertThatThrownBy(() -> new ExampleProperties("huge", 1, true, false, false, 4, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("peloton.example.scale")
                .hasMessageContaining("'huge'")
                .hasMessageContaining("[tiny, small, full]");
    }

    @Test
    void theSourcePoolNeedsAtLeastOneConnection() {
        assertThat(bind(java.util.Map.of("peloton.example.source-connections", "2")).sourceConnections()).isEqualTo(2);
        assertThatThrownBy(() -> new ExampleProperties("small", 1, true, false, false, 0, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("peloton.example.source-connections must be at least 1, got 0");
    }

    @Test
    void aConfiguredSpreadsheetIsNotLocal() {
        ExampleProperties p = bind(java.util.Map.of("peloton.example.sheet.spreadsheet-id", "1AbC"));
        assertThat(p.sheet().isLocal()).isFalse();
    }

    @Test
    void theBackfillWordOrTheHeadlessPropertyTurnsOffTheWebServer() {
        assertThat(TourDeFranceApplication.isHeadless("backfill")).isTrue();
        assertThat(TourDeFranceApplication.isHeadless("--peloton.example.scale=tiny",
                "--peloton.example.headless=true")).isTrue();
        assertThat(TourDeFranceApplication.isHeadless("--peloton.example.scale=tiny")).isFalse();
        assertThat(TourDeFranceApplication.isHeadless("--peloton.example.headless=false")).isFalse();
        assertThat(TourDeFranceApplication.application("backfill").getWebApplicationType())
                .isEqualTo(WebApplicationType.NONE);
        assertThat(TourDeFranceApplication.application().getWebApplicationType())
                .isEqualTo(WebApplicationType.SERVLET);
    }
}
