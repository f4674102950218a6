package dev.peloton.tdf.assets;

import dev.peloton.core.AssetCheck;
import dev.peloton.core.CheckResult;
import dev.peloton.core.In;
import dev.peloton.runtime.io.TableRef;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Data-quality checks of the example's assets, evaluated right after each materialization. */
@Component
public class TdfChecks {

    /** Bibs go in team blocks of ten, 1..218 for 22 teams (the last rider of the last team is 218). */
    public static final int MAX_BIB = 218;

    private final Warehouse warehouse;

    public TdfChecks(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    @AssetCheck(asset = "staging/riders", name = "bib_in_range", blocking = true,
            description = "every rider has a bib between 1 and 218, and no bib is used twice")
    public CheckResult bibInRange(@In("staging/riders") TableRef riders) {
        long[] c = warehouse.longs("SELECT count(*), count(*) FILTER (WHERE bib IS NULL OR bib NOT BETWEEN 1 AND "
                + MAX_BIB + "), count(*) - count(DISTINCT bib) FROM " + riders);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("riders", c[0]);
        metadata.put("bibs_out_of_range", c[1]);
        metadata.put("bibs_repeated", c[2]);
        return CheckResult.of(c[1] == 0 && c[2] == 0, c[1] + " bibs outside 1.." + MAX_BIB + ", " + c[2]
                + " bibs repeated, of " + c[0] + " riders", metadata);
    }

    @AssetCheck(asset = "staging/race_points", name = "coordinates_in_range", blocking = true,
            description = "every point's latitude is within -90..90 and longitude within -180..180")
    public CheckResult coordinatesInRange(@In("staging/race_points") TableRef points) {
        long[] c = warehouse.longs("SELECT count(*), count(*) FILTER (WHERE lat IS NULL OR lon IS NULL"
                + " OR lat NOT BETWEEN -90 AND 90 OR lon NOT BETWEEN -180 AND 180) FROM " + points);
        return CheckResult.of(c[1] == 0, c[1] + " of " + c[0] + " points have a position out of range",
                Map.of("points", c[0], "out_of_range", c[1]));
    }

    @AssetCheck(asset = "staging/race_points", name = "one_point_per_rider_and_time", blocking = true,
            description = "no rider has two points at the same time")
    public CheckResult onePointPerRiderAndTime(@In("staging/race_points") TableRef points) {
        long[] c = warehouse.longs("SELECT count(*), count(*) - count(DISTINCT (bib, time)) FROM " + points);
        return CheckResult.of(c[1] == 0, c[1] + " of " + c[0] + " points repeat a rider and time",
                Map.of("points", c[0], "duplicates", c[1]));
    }
}
