package dev.peloton.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A million partitions in one definition: counting, set algebra, "which are missing" and mappings work on ranges,
 * so every result below is a handful of ranges and no key list is ever built.
 */
class MillionPartitionsTest {

    private static final int MILLION = 1_000_000;

    /** 1,000,000 hours from 1900-01-01: about 114 years, with two excluded hours. */
    private static TimeWindowPartitions hours() {
        String end = LocalDateTime.of(1900, 1, 1, 0, 0).plusHours(MILLION + 1L)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HH:mm"));
        return PartitionsDefinition.hourly("1900-01-01-00:00", end).excluding("1950-06-01-12:00", "2000-01-01-00:00");
    }

    @Test
    void hourlyOverACenturyCountsAndFindsWhatIsMissing() {
        TimeWindowPartitions hours = hours();
        assertThat(hours.size()).isEqualTo(MILLION);
        assertThat(hours.keyAt(MILLION - 1)).isEqualTo("2014-01-29-17:00");
        assertThat(hours.indexOf("2014-01-29-17:00")).isEqualTo(MILLION - 1);
        assertThat(hours.indexOf("2000-01-01-01:00")).isEqualTo(hours.indexOf("1999-12-31-23:00") + 1);
        assertThat(hours.describe()).startsWith("1000000 hourly keys from 1900-01-01-00:00 to 2014-01-29-17:00"
                + " (excluding 1950-06-01-12:00, 2000-01-01-00:00)");

        // Materialized: everything but a failed backfill of 2005 and a few hours of 2010.
        PartitionSet y2005 = hours.range(null, "2005-01-01-00:00", "2005-12-31-23:00");
        PartitionSet gaps = hours.range(null, "2010-03-01-04:00", "2010-03-01-06:00");
        PartitionSet materialized = hours.all().minus(y2005).minus(gaps);
        assertThat(materialized.rangeCount()).isEqualTo(3);
        assertThat(materialized.count()).isEqualTo(MILLION - 8760 - 3);

        PartitionSet missing = materialized.complement(hours.size());
        assertThat(missing).isEqualTo(y2005.union(gaps));
        assertThat(missing.rangeCount()).isEqualTo(2);
        assertThat(missing.count()).isEqualTo(8763);
        assertThat(hours.keys(gaps)).containsExactly("2010-03-01-04:00", "2010-03-01-05:00", "2010-03-01-06:00");
        assertThat(materialized.intersects(missing)).isFalse();
        assertThat(materialized.union(missing)).isEqualTo(hours.all());
    }

    @Test
    void mappingsOnAMillionHoursStayAFewRanges() {
        TimeWindowPartitions hours = hours();
        PartitionSet fewRanges = PartitionSet.range(0, 400_000).union(PartitionSet.range(500_000, 700_000))
                .union(PartitionSet.of(999_999));

        PartitionSet previous = PartitionMappings.offset(-1).upstreamOf(fewRanges, hours, hours);
        assertThat(previous.rangeCount()).isEqualTo(3);
        assertThat(previous.count()).isEqualTo(fewRanges.count() - 1);

        PartitionSet lastDay = PartitionMappings.window(24).upstreamOf(fewRanges, hours, hours);
        assertThat(lastDay.rangeCount()).isEqualTo(3);
        assertThat(lastDay.count()).isEqualTo(400_000 + 200_023 + 24);

        TimeWindowPartitions days = PartitionsDefinition.daily("1900-01-01", "2014-01-29");
        PartitionSet daysOfAllHours = PartitionMappings.timeWindow().downstreamOf(hours.all(), hours, days);
        assertThat(daysOfAllHours).isEqualTo(days.all());
        PartitionSet hoursOfSomeDays = PartitionMappings.timeWindow().upstreamOf(PartitionSet.range(0, 10_000)
                .union(PartitionSet.range(20_000, 30_000)), days, hours);
        assertThat(hoursOfSomeDays.rangeCount()).isEqualTo(2);
        assertThat(hoursOfSomeDays.count()).isEqualTo(20_000L * 24);

        // Identity between two different hourly definitions translates ranges, not keys.
        TimeWindowPartitions recent = PartitionsDefinition.hourly("2000-01-01-00:00");
        PartitionSet overlap = PartitionMappings.identity().upstreamOf(recent.all(), recent, hours);
        assertThat(overlap.rangeCount()).isEqualTo(1);
        assertThat(overlap.first()).isEqualTo(hours.indexOf("2000-01-01-01:00"));
        assertThat(overlap.last()).isEqualTo(MILLION - 1);
    }

    @Test
    void aThousandByAThousandMultiDefinition() {
        List<String> stages = IntStream.range(0, 1000).mapToObj(i -> "s" + i).toList();
        List<String> riders = IntStream.range(0, 1000).mapToObj(i -> "r" + i).toList();
        StaticPartitions riderDef = PartitionsDefinition.staticKeys(riders);
        MultiPartitions multi = PartitionsDefinition.multi().dimension("stage", PartitionsDefinition.staticKeys(stages))
                .dimension("rider", riderDef).build();
        assertThat(multi.size()).isEqualTo(MILLION);
        assertThat(multi.keyAt(123_456)).isEqualTo("s123|r456");
        assertThat(multi.indexOf("s999|r999")).isEqualTo(MILLION - 1);

        // Stages 0..499 fully materialized, plus stage 600 for half the riders: the rest is missing.
        PartitionSet materialized = PartitionSet.range(0, 500_000).union(PartitionSet.range(600_000, 600_500));
        PartitionSet missing = materialized.complement(multi.size());
        assertThat(missing.rangeCount()).isEqualTo(2);
        assertThat(missing.count()).isEqualTo(MILLION - 500_500);

        // Which riders have a partition materialized: the projection of a few ranges is a few ranges.
        PartitionMapping byRider = PartitionMappings.dimension("rider");
        assertThat(byRider.downstreamOf(PartitionSet.range(600_000, 600_500), multi, riderDef))
                .isEqualTo(PartitionSet.range(0, 500));
        assertThat(byRider.downstreamOf(materialized, multi, riderDef)).isEqualTo(riderDef.all());
        // Every partition of one rider: one index per stage, so as many ranges as stages.
        PartitionSet ofRider = byRider.upstreamOf(riderDef.parse(null, List.of("r7")), riderDef, multi);
        assertThat(ofRider.count()).isEqualTo(1000);
        assertThat(ofRider.intersect(missing).count()).isEqualTo(499);
    }
}
