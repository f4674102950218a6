package dev.peloton.runtime.automation;

import dev.peloton.core.Asset;
import dev.peloton.core.Partitions;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.TimeWindowPartitions;

/** Assets for the automation tests: the race days of the 2023 Tour (two rest days) and an unpartitioned summary. */
public class TourAssets {

    @Partitions("race_days")
    public static final TimeWindowPartitions RACE_DAYS = PartitionsDefinition.daily("2023-07-01", "2023-07-23")
            .excluding("2023-07-10", "2023-07-17").inZone("Europe/Paris");

    @Asset(key = "race/stage", partitions = "race_days")
    public int stage() {
        return 1;
    }

    @Asset(key = "race/stage_report", partitions = "race_days")
    public int stageReport(@dev.peloton.core.In("race/stage") int stage) {
        return stage + 1;
    }

    @Asset(key = "race/summary")
    public int summary() {
        return 2;
    }

    @Asset(key = "race/standings")
    public int standings(@dev.peloton.core.In("race/summary") int summary) {
        return summary + 1;
    }
}
