package dev.peloton.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Random time-window definitions against {@link NaiveTimeWindows}, which steps through the calendar one window at a time. */
class TimeWindowPartitionsPropertyTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 19, 2023, 190307, 5550123})
    void keysIndicesAndWindowsMatchTheCalendar(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 60; round++) {
            RandomTimeWindows r = RandomTimeWindows.next(random);
            String where = "seed " + seed + " round " + round + ": " + r.definition() + " excluded " + r.excluded();
            TimeWindowPartitions def = r.definition();
            NaiveTimeWindows naive = r.naive();

            assertThat(def.size()).as(where).isEqualTo(naive.size());
            assertThat(def.keys(def.all())).as(where).containsExactlyElementsOf(naive.keys());
            for (int i = 0; i < naive.size(); i++) {
                assertThat(def.indexOf(naive.keys().get(i))).as(where).isEqualTo(i);
                TimeWindowPartitions.TimeWindow w = def.timeWindowAt(i);
                assertThat(w.start()).as(where + " window " + i).isEqualTo(naive.startInstant(i));
                assertThat(w.end()).as(where + " window " + i).isEqualTo(naive.endInstant(i));
                if (w.end().isAfter(w.start())) {
                    assertThat(def.indexContaining(w.start())).as(where).isEqualTo(i);
                    assertThat(def.indexContaining(w.end().minusNanos(1))).as(where).isEqualTo(i);
                }
            }
            for (String key : r.excluded()) {
                assertThat(def.indexOf(key)).as(where + " excluded " + key).isEqualTo(-1);
            }
            // Random index sets go to window numbers and back unchanged.
            PartitionSet set = RandomSets.of(random, def.size());
            assertThat(def.indicesOfWindowNumbers(def.windowNumbers(set))).as(where).isEqualTo(set);
            assertThat(def.windowNumbers(set).count()).as(where).isEqualTo(set.count());
        }
    }
}
