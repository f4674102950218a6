package dev.peloton.tdf.assets;

import dev.peloton.core.Mapping;
import dev.peloton.core.PartitionMapping;
import dev.peloton.core.PartitionMappings;
import dev.peloton.core.Partitions;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.tdf.generate.RaceCalendar;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.springframework.stereotype.Component;

/**
 * The example's partitions: the 21 race days (1 to 23 July 2023 without the rest days), and the 21 stages, which
 * a static mapping ties to their race days.
 */
@Component
public final class TdfPartitions {

    /** Race days: one partition per stage date, the two rest days left out. */
    @Partitions("race_days")
    public static final PartitionsDefinition RACE_DAYS = PartitionsDefinition.daily("2023-07-01", "2023-07-23")
            .excluding("2023-07-10", "2023-07-17");

    /** Stages {@code 1}..{@code 21}: the stage routes, which are planned before the race and known by number. */
    @Partitions("stages")
    public static final PartitionsDefinition STAGES = PartitionsDefinition.staticKeys(
            IntStream.rangeClosed(1, 21).mapToObj(Integer::toString).toList());

    /** A race day reads the route of the stage raced that day. */
    @Mapping("stage_of_race_day")
    public static final PartitionMapping STAGE_OF_RACE_DAY = PartitionMappings.staticMap(stageOfRaceDay());

    private static Map<String, List<String>> stageOfRaceDay() {
        RaceCalendar calendar = RaceCalendar.tdf2023();
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (LocalDate day : calendar.raceDays()) {
            map.put(day.toString(), List.of(Integer.toString(calendar.stageOn(day))));
        }
        return map;
    }

    /** The stage raced on a race day key ({@code 2023-07-04} is stage 4). */
    static int stageOn(String raceDay) {
        return RaceCalendar.tdf2023().stageOn(raceDay);
    }
}
