package dev.peloton.runtime.storage;

import java.util.List;
import java.util.Optional;

/**
 * One page of runs, newest first.
 *
 * @param runs the runs of this page
 * @param next the cursor of the next page, empty on the last page
 */
public record RunPage(List<RunRecord> runs, Optional<RunCursor> next) {
    public RunPage {
        runs = List.copyOf(runs);
    }
}
