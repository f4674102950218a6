package dev.peloton.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Links applications add to the top bar: a label and a path or http(s) URL, checked when the bean is made. */
class UiNavLinkTest {

    @Test
    void aPathOrAnHttpUrlIsALink() {
        assertThat(new UiNavLink(" Race dashboard ", "/tdf").label()).isEqualTo("Race dashboard");
        assertThat(new UiNavLink("Docs", "https://example.org/docs").href()).isEqualTo("https://example.org/docs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tdf", "javascript:alert(1)", "ftp://x", ""})
    void anyOtherHrefIsRefusedNamingTheLink(String href) {
        assertThatThrownBy(() -> new UiNavLink("Race dashboard", href)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UiNavLink 'Race dashboard'").hasMessageContaining("'" + href + "'");
    }

    @Test
    void aLinkNeedsALabel() {
        assertThatThrownBy(() -> new UiNavLink(" ", "/tdf")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label is missing").hasMessageContaining("/tdf");
        assertThatThrownBy(() -> new UiNavLink("Home", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'null'");
    }
}
