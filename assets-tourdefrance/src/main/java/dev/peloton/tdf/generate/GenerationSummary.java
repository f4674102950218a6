package dev.peloton.tdf.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What {@link TdfGenerator#generate} produced or found already done.
 *
 * @param directory    where the sheet tabs and route CSVs are
 * @param scale        the scale
 * @param seed         the seed
 * @param plan         riders with data, counts per race day, abandons, bad points
 * @param filesWritten false when the files of this seed and scale were already there (marker file) and kept
 * @param daysLoaded   race days whose points were (re)loaded into PostgreSQL by this call
 * @param daysSkipped  race days that already held this generation and were left alone
 */
public record GenerationSummary(Path directory, Scale scale, long seed, RacePlan plan, boolean filesWritten,
                                List<LocalDate> daysLoaded, List<LocalDate> daysSkipped) {

    public GenerationSummary {
        daysLoaded = List.copyOf(daysLoaded);
        daysSkipped = List.copyOf(daysSkipped);
    }

    /** Counts per generated race day. */
    public List<RaceDaySummary> raceDays() {
        return plan.raceDays();
    }

    /** Every bad point injected. */
    public List<BadPoint> badPoints() {
        return plan.badPoints();
    }

    /** Stage -> bibs of the riders with data who abandoned during it. */
    public Map<Integer, List<Integer>> abandonsByStage() {
        return plan.abandonsByStage();
    }

    /** The {@code riders} tab. */
    public Path ridersFile() {
        return TdfGenerator.ridersFile(directory);
    }

    /** The {@code stages_info} tab. */
    public Path stagesInfoFile() {
        return TdfGenerator.stagesInfoFile(directory);
    }

    /** The route CSV of a generated stage. */
    public Path routeFile(int stage) {
        if (!scale.includes(stage)) {
            throw new IllegalArgumentException("stage " + stage + " has no route at scale '" + scale.name()
                    + "'; generated stages: " + scale.stages());
        }
        return TdfGenerator.routeFile(directory, stage);
    }
}
