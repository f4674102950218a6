package dev.peloton.tdf.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimpleJsonTest {

    @Test
    void parsesTheValuesShape() {
        Object v = SimpleJson.parse("t", """
                {"range": "riders!A1:C3", "majorDimension": "ROWS",
                 "values": [["bib", "name"], ["1", "Jos\\u00e9 \\"Pepe\\" Ruiz\\nJr"], []]}""");
        assertThat(v).isEqualTo(Map.of("range", "riders!A1:C3", "majorDimension", "ROWS",
                "values", List.of(List.of("bib", "name"), List.of("1", "José \"Pepe\" Ruiz\nJr"), List.of())));
    }

    @Test
    void parsesOtherValues() {
        assertThat(SimpleJson.parse("t", " [1, -2.5e2, true, false, null, {}, \"\\/\\t\"] "))
                .isEqualTo(java.util.Arrays.asList(1.0, -250.0, true, false, null, Map.of(), "/\t"));
    }

    @Test
    void quoteRoundTrips() {
        String s = "a\"b\\c\nd\re\tf\u0001é";
        assertThat(SimpleJson.parse("t", SimpleJson.quote(s))).isEqualTo(s);
    }

    @Test
    void errorsNameTheSourceAndOffset() {
        assertThatThrownBy(() -> SimpleJson.parse("tab 'x'", "{\"a\": [1, 2}"))
                .hasMessage("tab 'x': invalid JSON at offset 11: expected ',' or ']' but found '}'");
        assertThatThrownBy(() -> SimpleJson.parse("t", "{\"a\" 1}")).hasMessageContaining("offset 5: expected ':'");
        assertThatThrownBy(() -> SimpleJson.parse("t", "[\"abc")).hasMessageContaining("expected a closing quote");
        assertThatThrownBy(() -> SimpleJson.parse("t", "{} x")).hasMessageContaining("unexpected 'x' after the value");
        assertThatThrownBy(() -> SimpleJson.parse("t", "[tru]")).hasMessageContaining("expected 'true'");
        assertThatThrownBy(() -> SimpleJson.parse("t", "\"\\q\"")).hasMessageContaining("bad escape '\\q'");
        assertThatThrownBy(() -> SimpleJson.parse("t", "[1-]")).hasMessageContaining("bad number '1-'");
        assertThatThrownBy(() -> SimpleJson.parse("t", "")).hasMessageContaining("unexpected end");
        assertThatThrownBy(() -> SimpleJson.parse("t", "[".repeat(100))).hasMessageContaining("deeper than 64");
    }
}
