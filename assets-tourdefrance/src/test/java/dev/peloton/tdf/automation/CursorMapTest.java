package dev.peloton.tdf.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CursorMapTest {

    @Test
    void encodesOneSortedLinePerEntry() {
        CursorMap cursor = CursorMap.of(Map.of("stage-06.csv", "bb", "stage-01.csv", "aa"));
        assertThat(cursor.encode()).isEqualTo("stage-01.csv\taa\nstage-06.csv\tbb");
        assertThat(CursorMap.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void nullAndEmptyAreTheEmptyCursor() {
        assertThat(CursorMap.decode(null).entries()).isEmpty();
        assertThat(CursorMap.decode("").entries()).isEmpty();
        assertThat(CursorMap.empty().encode()).isEmpty();
    }

    @Test
    void escapesSeparatorsInsideKeysAndValues() {
        CursorMap cursor = CursorMap.of(Map.of("a\tb", "line1\nline2\\x\r", "plain", ""));
        assertThat(cursor.encode()).doesNotContain("a\tb").contains("a\\tb\tline1\\nline2\\\\x\\r");
        assertThat(CursorMap.decode(cursor.encode())).isEqualTo(cursor);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 2023, 987654321})
    void anyMapRoundTrips(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String alphabet = "ab=;:\t\n\r\\ -9é";
        for (int round = 0; round < 200; round++) {
            Map<String, String> map = new TreeMap<>();
            int n = random.nextInt(6);
            for (int i = 0; i < n; i++) {
                map.put(text(random, alphabet), text(random, alphabet));
            }
            CursorMap decoded = CursorMap.decode(CursorMap.of(map).encode());
            assertThat(decoded.entries()).as("seed %d round %d: %s", seed, round, map).isEqualTo(map);
        }
    }

    private static String text(SplittableRandom random, String alphabet) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    @Test
    void aCursorNotWrittenByEncodeIsRejectedWithItsLine() {
        assertThatThrownBy(() -> CursorMap.decode("stage-01.csv\taa\nno-tab-here"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2").hasMessageContaining("'no-tab-here'");
        assertThatThrownBy(() -> CursorMap.decode("a\tb\tc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> CursorMap.decode("a\tb\\q"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown escape '\\q'");
        assertThatThrownBy(() -> CursorMap.decode("a\tb\\"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lone backslash");
    }
}
