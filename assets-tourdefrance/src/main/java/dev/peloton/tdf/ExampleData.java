package dev.peloton.tdf;

import dev.peloton.tdf.generate.RaceCalendar;
import dev.peloton.tdf.generate.Scale;
import dev.peloton.tdf.generate.TdfGenerator;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * Where the example's source data lives: the sheet tabs and route CSVs under {@code directory}, the race points in
 * schema {@code tdf_source} of {@code dataSource}. The landing assets read from here.
 *
 * @param directory  the generated files ({@code sheet/riders.csv}, {@code routes/stage-NN.csv})
 * @param scale      the scale generated
 * @param seed       the seed generated from
 * @param dataSource the PostgreSQL database holding {@code tdf_source.race_points}
 * @param calendar   the 21 race days and their stages
 */
public record ExampleData(Path directory, Scale scale, long seed, DataSource dataSource, RaceCalendar calendar) {

    public Path ridersFile() {
        return TdfGenerator.ridersFile(directory);
    }

    public Path stagesInfoFile() {
        return TdfGenerator.stagesInfoFile(directory);
    }

    public Path routeFile(int stage) {
        return TdfGenerator.routeFile(directory, stage);
    }
}
