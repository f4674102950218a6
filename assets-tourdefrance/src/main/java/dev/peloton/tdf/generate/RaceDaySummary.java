package dev.peloton.tdf.generate;

import java.time.LocalDate;
import java.util.List;

/**
 * What the race data of one race day holds.
 *
 * @param raceDay        the race day
 * @param stage          its stage
 * @param ridersStarted  riders with data who started the stage
 * @param abandonedBibs  riders with data who abandoned during this stage (they have points up to where they
 *                       stopped, and none on later stages), ascending
 * @param rows           rows in the race data, bad rows included
 * @param duplicateRows  extra rows repeating another row's rider and time
 * @param outOfRangeRows rows with a latitude or longitude out of range
 */
public record RaceDaySummary(LocalDate raceDay, int stage, int ridersStarted, List<Integer> abandonedBibs, long rows,
                             int duplicateRows, int outOfRangeRows) {

    public RaceDaySummary {
        abandonedBibs = List.copyOf(abandonedBibs);
    }

    /** Rows a correct pipeline keeps: all rows less the extra duplicates and the out-of-range rows. */
    public long validRows() {
        return rows - duplicateRows - outOfRangeRows;
    }
}
