package dev.peloton.tdf.assets;

import dev.peloton.core.AssetCheck;
import dev.peloton.core.CheckResult;
import dev.peloton.core.In;
import dev.peloton.core.Severity;
import dev.peloton.runtime.io.TableRef;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Checks of the climb times: every time positive (an error), every VAM plausible (a warning). */
@Component
public class ClimbChecks {

    /**
     * Plausible VAM (m/h) for a professional on a categorised climb: long climbs are ridden near 1,800 m/h at
     * best, a short steep one all out near 2,100; below 300 m/h a rider walks or the climb's data are wrong.
     */
    public static final int MIN_VAM = 300;
    public static final int MAX_VAM = 2_200;

    private final Warehouse warehouse;

    public ClimbChecks(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    @AssetCheck(asset = "marts/climb_times", name = "climb_time_positive", blocking = true,
            description = "every rider's time from foot to summit is greater than zero")
    public CheckResult climbTimePositive(@In("marts/climb_times") TableRef times) {
        long[] c = warehouse.longs("SELECT count(*), count(*) FILTER (WHERE climb_time_s IS NULL OR climb_time_s <= 0)"
                + " FROM " + times);
        return CheckResult.of(c[1] == 0, c[1] + " of " + c[0] + " climb times are not positive",
                Map.of("climb_times", c[0], "not_positive", c[1]));
    }

    @AssetCheck(asset = "marts/climb_times", name = "vam_plausible",
            description = "every VAM is within " + MIN_VAM + ".." + MAX_VAM + " m/h; a warning otherwise")
    public CheckResult vamPlausible(@In("marts/climb_times") TableRef times) {
        long[] c = warehouse.longs("SELECT count(*), count(*) FILTER (WHERE vam_m_per_h IS NULL OR vam_m_per_h NOT"
                + " BETWEEN " + MIN_VAM + " AND " + MAX_VAM + "), coalesce(min(vam_m_per_h), 0),"
                + " coalesce(max(vam_m_per_h), 0) FROM " + times);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("climb_times", c[0]);
        metadata.put("implausible", c[1]);
        metadata.put("min_vam_m_per_h", c[2]);
        metadata.put("max_vam_m_per_h", c[3]);
        String description = c[1] + " of " + c[0] + " VAMs outside " + MIN_VAM + ".." + MAX_VAM + " m/h (min "
                + c[2] + ", max " + c[3] + ")";
        return c[1] == 0 ? CheckResult.pass(description, metadata)
                : CheckResult.fail(Severity.WARN, description, metadata);
    }
}
