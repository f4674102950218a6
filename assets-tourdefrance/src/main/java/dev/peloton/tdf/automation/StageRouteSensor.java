package dev.peloton.tdf.automation;

import dev.peloton.core.engine.plan.PartitionSelection;
import dev.peloton.runtime.automation.SensorContext;
import dev.peloton.runtime.automation.SensorEvaluator;
import dev.peloton.runtime.automation.SensorResult;
import dev.peloton.runtime.run.RunRequest;
import dev.peloton.tdf.source.StageFile;
import dev.peloton.tdf.source.StageRouteFolder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Watches the route drop folder: a stage file that appears or whose content changes starts one run of the stage
 * route assets for that stage, and of what is built from them for the stage's race day.
 *
 * <p>The cursor holds the SHA-256 of each stage file by file name. Touching a file changes nothing; writing other
 * bytes does. The run key is {@code <stage>:<sha256>}, so the same content never runs twice for a stage, even if
 * the cursor were lost. The first evaluation only takes the files present as its baseline: those were generated
 * with the example's data and are covered by the backfill and the nightly schedule.
 */
public final class StageRouteSensor implements SensorEvaluator {

    public static final String NAME = "stage_route_files";

    private final StageRouteFolder folder;

    public StageRouteSensor(StageRouteFolder folder) {
        this.folder = folder;
    }

    @Override
    public SensorResult evaluate(SensorContext context) {
        // A folder that cannot be listed or a file that cannot be read throws: a FAILURE tick, the cursor kept.
        List<StageFile> files = folder.list();
        Map<String, String> hashes = new TreeMap<>();
        for (StageFile f : files) {
            hashes.put(f.file().getFileName().toString(), f.sha256());
        }
        CursorMap now = CursorMap.of(hashes);
        if (context.cursor() == null) {
            return SensorResult.skip("first look at " + folder.dir() + ": the " + files.size()
                    + " stage files there are the baseline; a file added or changed from now on starts a run",
                    now.encode());
        }
        CursorMap before = CursorMap.decode(context.cursor());
        SensorResult.Builder result = SensorResult.builder().cursor(now.encode());
        for (StageFile f : files) {
            if (f.sha256().equals(before.get(f.file().getFileName().toString()))) {
                continue;
            }
            String stage = f.partitionKey();
            RunRequest request = new RunRequest(TdfAutomation.STAGE_ROUTE_ASSETS, PartitionSelection.keys(stage),
                    false, false, null, 0, Map.of("tdf/stage", stage, "tdf/route-file", f.file().toString(),
                    "tdf/route-sha256", f.sha256()), null, null);
            result.run(stage + ":" + f.sha256(), request);
        }
        return result.skipReasonIfEmpty("no stage file added or changed in " + folder.dir() + " (" + files.size()
                + " files)").build();
    }
}
