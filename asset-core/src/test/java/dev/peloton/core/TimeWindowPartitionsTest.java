package dev.peloton.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeWindowPartitionsTest {

    private static final AssetKey STAGE_RESULTS = AssetKey.of("tdf", "stage_results");

    private static TimeWindowPartitions raceDays() {
        return PartitionsDefinition.daily("2023-07-01", "2023-07-23").excluding("2023-07-10", "2023-07-17")
                .inZone("Europe/Paris");
    }

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    @Test
    void theRaceDaysOfTheTourAreTwentyOneKeys() {
        TimeWindowPartitions days = raceDays();
        assertThat(days.size()).isEqualTo(21);
        assertThat(days.keyAt(0)).isEqualTo("2023-07-01");
        assertThat(days.keyAt(8)).isEqualTo("2023-07-09");
        assertThat(days.keyAt(9)).isEqualTo("2023-07-11");
        assertThat(days.keyAt(20)).isEqualTo("2023-07-23");
        assertThat(days.indexOf("2023-07-11")).isEqualTo(9);
        assertThat(days.indexOf("2023-07-18")).isEqualTo(15);
        assertThat(days.indexOf("2023-07-10")).isEqualTo(-1);
        assertThat(days.indexOf("2023-06-30")).isEqualTo(-1);
        assertThat(days.indexOf("2023-07-24")).isEqualTo(-1);
        assertThat(days.keys(days.all())).hasSize(21).doesNotContain("2023-07-10", "2023-07-17");
        assertThat(days.excludedKeys()).containsExactly("2023-07-10", "2023-07-17");
        assertThat(days.describe()).isEqualTo("21 daily keys from 2023-07-01 to 2023-07-23 (excluding 2023-07-10, "
                + "2023-07-17), time zone Europe/Paris");
        assertThat(days.range(STAGE_RESULTS, "2023-07-09", "2023-07-11")).isEqualTo(PartitionSet.range(8, 10));
    }

    @Test
    void badKeysNameTheAssetTheKeyAndTheValidRange() {
        TimeWindowPartitions days = raceDays();
        assertThatThrownBy(() -> days.requireIndex(STAGE_RESULTS, "2023-7-4"))
                .isInstanceOf(InvalidPartitionKeyException.class)
                .hasMessage("Partition key '2023-7-4' is not a partition of asset tdf/stage_results: it does not match"
                        + " the key format yyyy-MM-dd, for example 2023-07-01. Valid keys are " + days.describe())
                .extracting(e -> ((InvalidPartitionKeyException) e).partitionKey()).isEqualTo("2023-7-4");
        assertThatThrownBy(() -> days.requireIndex(STAGE_RESULTS, "2023-07-10"))
                .hasMessageContaining("'2023-07-10'").hasMessageContaining("it is excluded");
        assertThatThrownBy(() -> days.requireIndex(STAGE_RESULTS, "2023-06-30"))
                .hasMessageContaining("it is before the first key 2023-07-01");
        assertThatThrownBy(() -> days.requireIndex(STAGE_RESULTS, "2023-07-24"))
                .hasMessageContaining("it is after the last key 2023-07-23");
        assertThatThrownBy(() -> days.requireIndex(STAGE_RESULTS, "2023-02-30"))
                .hasMessageContaining("does not match the key format yyyy-MM-dd");
        assertThatThrownBy(() -> days.requireIndex(STAGE_RESULTS, "2023-07-04T00:00"))
                .hasMessageContaining("does not match the key format yyyy-MM-dd");
        assertThatThrownBy(() -> days.requireIndex(STAGE_RESULTS, null)).hasMessageContaining("the key is null");
        assertThatThrownBy(() -> days.range(STAGE_RESULTS, "2023-07-20", "2023-07-02"))
                .hasMessageContaining("is reversed");
    }

    @Test
    void hourlyKeysUseDagstersFormat() {
        TimeWindowPartitions hours = PartitionsDefinition.hourly("2023-07-01", "2023-07-02-23:00");
        assertThat(hours.size()).isEqualTo(48);
        assertThat(hours.keyAt(0)).isEqualTo("2023-07-01-00:00");
        assertThat(hours.keyAt(47)).isEqualTo("2023-07-02-23:00");
        assertThat(hours.indexOf("2023-07-02-01:00")).isEqualTo(25);
        assertThatThrownBy(() -> hours.requireIndex(null, "2023-07-01-10:30"))
                .hasMessageContaining("it is not the start of an hour; the hour containing it is 2023-07-01-10:00");
        assertThat(hours.timeWindow("2023-07-01-10:00"))
                .isEqualTo(new TimeWindowPartitions.TimeWindow(Instant.parse("2023-07-01T10:00:00Z"),
                        Instant.parse("2023-07-01T11:00:00Z")));
    }

    @Test
    void weeksStartOnSundayUnlessToldAndStartIsRoundedUp() {
        TimeWindowPartitions weeks = PartitionsDefinition.weekly("2023-07-01", "2023-07-31");
        assertThat(weeks.keys(weeks.all()))
                .containsExactly("2023-07-02", "2023-07-09", "2023-07-16", "2023-07-23", "2023-07-30");
        assertThatThrownBy(() -> weeks.requireIndex(null, "2023-07-04"))
                .hasMessageContaining("it is not the start of a week (weeks start on Sunday); the week containing it"
                        + " is 2023-07-02");
        TimeWindowPartitions mondays = weeks.weekStartingOn(DayOfWeek.MONDAY);
        assertThat(mondays.keys(mondays.all()))
                .containsExactly("2023-07-03", "2023-07-10", "2023-07-17", "2023-07-24", "2023-07-31");
        assertThat(mondays.describe()).contains("weeks starting on Monday");
        assertThatThrownBy(() -> raceDays().weekStartingOn(DayOfWeek.MONDAY))
                .hasMessageContaining("applies to weekly partitions, not daily");
    }

    @Test
    void monthsAndCustomKeyFormats() {
        TimeWindowPartitions months = PartitionsDefinition.monthly("2023-01-01", "2023-12-01").withKeyFormat("yyyy-MM");
        assertThat(months.size()).isEqualTo(12);
        assertThat(months.keyAt(6)).isEqualTo("2023-07");
        assertThat(months.indexOf("2023-07")).isEqualTo(6);
        assertThat(months.indexOf("2023-07-01")).isEqualTo(-1);
        assertThat(months.describe()).contains("key format yyyy-MM");
        assertThatThrownBy(() -> PartitionsDefinition.daily("2023-07-01", "2023-07-05").withKeyFormat("yyyy-MM"))
                .hasMessageContaining("Key format 'yyyy-MM' cannot name daily windows");
        assertThatThrownBy(() -> PartitionsDefinition.daily("2023-07-01").withKeyFormat("yyyy-MM-dd-qqqqqqq"))
                .hasMessageContaining("is not a valid java.time.format.DateTimeFormatter pattern");
    }

    @Test
    void badDefinitionsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> PartitionsDefinition.daily("2023-7-01"))
                .hasMessageContaining("The start '2023-7-01' of daily partitions is neither in the key format yyyy-MM-dd");
        assertThatThrownBy(() -> PartitionsDefinition.daily("2023-07-10", "2023-07-01"))
                .hasMessageContaining("daily partitions end before they start");
        assertThatThrownBy(() -> PartitionsDefinition.daily("2023-07-01", "2023-07-02").excluding("2023-07-01",
                "2023-07-02")).hasMessageContaining("leaves no partition");
        assertThatThrownBy(() -> raceDays().excluding("2023-08-01"))
                .hasMessageContaining("Cannot exclude '2023-08-01' from 21 daily keys")
                .hasMessageContaining("it is after the last key 2023-07-23");
        assertThatThrownBy(() -> raceDays().excluding("July 4th"))
                .hasMessageContaining("does not match the key format yyyy-MM-dd");
        assertThatThrownBy(() -> raceDays().inZone("Mars/Olympus_Mons"))
                .hasMessageContaining("Unknown time zone 'Mars/Olympus_Mons'");
        assertThatThrownBy(() -> PartitionsDefinition.daily(null)).hasMessageContaining("start");
    }

    @Test
    void openEndedDefinitionsGrowAsWindowsEnd() {
        TimeWindowPartitions days = PartitionsDefinition.daily("2023-07-01").withClock(at("2023-07-04T10:00:00Z"));
        assertThat(days.size()).isEqualTo(3);
        assertThat(days.keyAt(2)).isEqualTo("2023-07-03");
        assertThat(days.indexOf("2023-07-04")).isEqualTo(-1);
        assertThatThrownBy(() -> days.requireIndex(null, "2023-07-04"))
                .hasMessageContaining("its day has not ended yet: the latest key is 2023-07-03");
        assertThat(days.describe()).isEqualTo("3 daily keys from 2023-07-01 to 2023-07-03, open-ended: one more"
                + " as each day ends, time zone UTC");

        TimeWindowPartitions later = days.withClock(at("2023-07-23T00:00:00Z"));
        assertThat(later.size()).isEqualTo(22);
        assertThat(later.indexOf("2023-07-03")).isEqualTo(days.indexOf("2023-07-03"));
        assertThat(later).isEqualTo(days);

        assertThat(days.withEndOffset(1).size()).isEqualTo(4);
        TimeWindowPartitions future = PartitionsDefinition.daily("2030-01-01").withClock(at("2023-07-04T10:00:00Z"));
        assertThat(future.size()).isZero();
        assertThat(future.describe()).startsWith("no daily keys yet: the first, 2030-01-01, comes once its day has ended");
        // A future key may be excluded ahead of time.
        assertThat(days.excluding("2023-08-15").withClock(at("2023-09-01T00:00:00Z")).indexOf("2023-08-15"))
                .isEqualTo(-1);
    }

    @Test
    void timeZonesPlaceWindowsAndInstantsMapToKeys() {
        TimeWindowPartitions days = raceDays();
        assertThat(days.timeWindow("2023-07-04")).isEqualTo(new TimeWindowPartitions.TimeWindow(
                Instant.parse("2023-07-03T22:00:00Z"), Instant.parse("2023-07-04T22:00:00Z")));
        assertThat(days.keyContaining(Instant.parse("2023-07-04T21:59:59Z"))).contains("2023-07-04");
        assertThat(days.keyContaining(Instant.parse("2023-07-04T22:00:00Z"))).contains("2023-07-05");
        assertThat(days.keyContaining(Instant.parse("2023-07-10T12:00:00Z"))).isEmpty();
        assertThat(days.indexContaining(Instant.parse("2023-06-01T00:00:00Z"))).isEqualTo(-1);
        // A schedule ticking at midnight in Paris materializes the day that just ended.
        assertThat(days.keyAt(days.lastIndexEndedBy(Instant.parse("2023-07-04T22:00:00Z")))).isEqualTo("2023-07-04");
        assertThat(days.keyAt(days.lastIndexEndedBy(Instant.parse("2023-07-11T12:00:00Z")))).isEqualTo("2023-07-09");
        assertThat(days.lastIndexEndedBy(Instant.parse("2023-07-01T12:00:00Z"))).isEqualTo(-1);
    }

    @Test
    void daylightSavingKeepsOneKeyPerLocalHour() {
        TimeWindowPartitions hours = PartitionsDefinition.hourly("2023-03-26", "2023-03-26-23:00").inZone("Europe/Paris");
        assertThat(hours.size()).isEqualTo(24);
        // 02:00 does not exist on that day in Paris: its window is empty.
        TimeWindowPartitions.TimeWindow skipped = hours.timeWindow("2023-03-26-02:00");
        assertThat(skipped.start()).isEqualTo(skipped.end());
        assertThat(hours.keyContaining(Instant.parse("2023-03-26T01:30:00Z"))).contains("2023-03-26-03:00");

        TimeWindowPartitions autumn = PartitionsDefinition.hourly("2023-10-29", "2023-10-29-23:00").inZone("Europe/Paris");
        assertThat(autumn.size()).isEqualTo(24);
        TimeWindowPartitions.TimeWindow repeated = autumn.timeWindow("2023-10-29-02:00");
        assertThat(java.time.Duration.between(repeated.start(), repeated.end())).hasHours(2);
    }

    @Test
    void equalDefinitionsCompareEqual() {
        assertThat(raceDays()).isEqualTo(PartitionsDefinition.daily("2023-07-01", "2023-07-23")
                .inZone(ZoneId.of("Europe/Paris")).excluding("2023-07-17").excluding("2023-07-10", "2023-07-17"));
        assertThat(raceDays().hashCode()).isEqualTo(PartitionsDefinition.daily("2023-07-01", "2023-07-23")
                .excluding("2023-07-10", "2023-07-17").inZone("Europe/Paris").hashCode());
        assertThat(PartitionsDefinition.daily("2023-07-01")).isEqualTo(PartitionsDefinition.daily("2023-07-01T00:00"));
        assertThat(PartitionsDefinition.daily("2023-07-01", "2023-07-23"))
                .isEqualTo(PartitionsDefinition.daily("2023-07-01", "2023-07-23").inZone("UTC"))
                .isEqualTo(PartitionsDefinition.daily("2023-07-01", "2023-07-23").inZone(ZoneOffset.UTC))
                .isNotEqualTo(PartitionsDefinition.daily("2023-07-01"))
                .isNotEqualTo(PartitionsDefinition.daily("2023-07-01", "2023-07-23").inZone("Europe/Paris"))
                .isNotEqualTo(PartitionsDefinition.daily("2023-07-01", "2023-07-23").excluding("2023-07-10"))
                .isNotEqualTo(PartitionsDefinition.weekly("2023-07-01", "2023-07-23"))
                .isNotEqualTo(PartitionsDefinition.daily("2023-07-01", "2023-07-23").withKeyFormat("yyyyMMdd"));
    }

    @Test
    void windowNumbersAreTheCalendarViewOfIndices() {
        TimeWindowPartitions days = raceDays();
        PartitionSet numbers = days.windowNumbers(days.all());
        assertThat(numbers.rangeCount()).isEqualTo(3);
        assertThat(numbers.count()).isEqualTo(21);
        assertThat(days.indicesOfWindowNumbers(numbers)).isEqualTo(days.all());
        long first = days.firstWindowNumber();
        assertThat(days.windowStart(first)).isEqualTo(java.time.LocalDateTime.parse("2023-07-01T00:00"));
        assertThat(days.indexOfWindowNumber(first + 9)).isEqualTo(-1);
        assertThat(days.countBefore(first + 10)).isEqualTo(9);
        assertThat(days.countBefore(Long.MAX_VALUE - 1)).isEqualTo(21);
        assertThatThrownBy(() -> days.keyAt(21)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("outside 0..20");
        assertThat(List.of(days.granularity(), days.zone().getId(), days.keyFormat(), days.firstKey()))
                .containsExactly(TimeWindowPartitions.Granularity.DAILY, "Europe/Paris", "yyyy-MM-dd", "2023-07-01");
        assertThat(days.lastKey()).contains("2023-07-23");
    }
}
