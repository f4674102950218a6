package dev.peloton.tdf.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleTest {

    @Test
    void predefinedScalesByName() {
        assertThat(Scale.of("tiny")).isSameAs(Scale.TINY);
        assertThat(Scale.of(" SMALL ")).isSameAs(Scale.SMALL);
        assertThat(Scale.of("full")).isSameAs(Scale.FULL);
        assertThat(Scale.SMALL.stages()).hasSize(21);
        assertThat(Scale.FULL.ridersWithData()).isEqualTo(88);
        assertThat(Scale.FULL.sampleIntervalSeconds()).isEqualTo(1);
        assertThat(Scale.TINY.includes(16)).isTrue();
        assertThat(Scale.TINY.includes(2)).isFalse();
    }

    @Test
    void unknownNameListsTheValidOnes() {
        assertThatThrownBy(() -> Scale.of("huge"))
                .hasMessageContaining("unknown scale 'huge'").hasMessageContaining("[tiny, small, full]");
        assertThatThrownBy(() -> Scale.of(null)).hasMessageContaining("unknown scale");
    }

    @Test
    void invalidParametersAreRejectedWithTheValidRange() {
        assertThatThrownBy(() -> new Scale("x", 0, 10, List.of(1), 0, 0)).hasMessageContaining("ridersWithData 0")
                .hasMessageContaining("1..88");
        assertThatThrownBy(() -> new Scale("x", 89, 10, List.of(1), 0, 0)).hasMessageContaining("ridersWithData 89");
        assertThatThrownBy(() -> new Scale("x", 5, 0, List.of(1), 0, 0))
                .hasMessageContaining("sampleIntervalSeconds 0").hasMessageContaining("1..600");
        assertThatThrownBy(() -> new Scale("x", 5, 10, List.of(), 0, 0)).hasMessageContaining("at least one stage");
        assertThatThrownBy(() -> new Scale("x", 5, 10, List.of(22), 0, 0)).hasMessageContaining("stage 22");
        assertThatThrownBy(() -> new Scale("x", 5, 10, List.of(3, 2), 0, 0)).hasMessageContaining("ascending");
        assertThatThrownBy(() -> new Scale("x", 5, 10, List.of(1), -1, 0)).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> new Scale("Bad Name", 5, 10, List.of(1), 0, 0)).hasMessageContaining("'Bad Name'");
    }

    @Test
    void fingerprintNamesEveryParameter() {
        Scale a = new Scale("custom", 5, 10, List.of(1, 2), 1, 1);
        Scale b = new Scale("custom", 5, 10, List.of(1, 3), 1, 1);
        Scale c = new Scale("custom", 5, 5, List.of(1, 2), 1, 1);
        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint()).isNotEqualTo(c.fingerprint());
        assertThat(a.fingerprint()).isEqualTo(new Scale("custom", 5, 10, List.of(1, 2), 1, 1).fingerprint());
    }
}
