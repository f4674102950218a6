package dev.peloton.ui.web;

import dev.peloton.core.engine.plan.PartitionSelection;
import dev.peloton.runtime.backfill.BackfillOptions;
import dev.peloton.runtime.backfill.BackfillPolicy;
import dev.peloton.runtime.backfill.BackfillRequest;
import java.util.Map;

/**
 * What the "Launch a backfill" form sends, as typed. {@link #toRequest} checks the fields the form owns (which
 * partitions, policy, chunk size); the backfill service checks the rest (selection, keys, range order).
 *
 * @param partitions {@code range} (from {@code from} to {@code to}) or {@code all}
 * @param policy     {@code perPartition}, {@code chunks} (of {@code chunkSize}) or {@code singleRun}
 */
public record BackfillForm(String selection, String partitions, String from, String to, String policy,
        String chunkSize, boolean onlyStaleAndMissing) {

    /** Most partitions per chunk the form accepts, as the REST API. */
    static final int MAX_CHUNK = 1_000_000;

    public BackfillForm {
        selection = clean(selection);
        partitions = clean(partitions).isEmpty() ? "range" : clean(partitions);
        from = clean(from);
        to = clean(to);
        policy = clean(policy).isEmpty() ? "perPartition" : clean(policy);
        chunkSize = clean(chunkSize);
    }

    static BackfillForm empty() {
        return new BackfillForm("", "range", "", "", "perPartition", "10", false);
    }

    BackfillRequest toRequest(String user) {
        if (selection.isEmpty()) {
            throw UiException.badRequest("Invalid backfill", "Enter an asset selection, e.g. +marts/summary or"
                    + " group:warehouse");
        }
        PartitionSelection keys = switch (partitions) {
            case "all" -> PartitionSelection.all();
            case "range" -> {
                if (from.isEmpty() || to.isEmpty()) {
                    throw UiException.badRequest("Invalid backfill", "Enter both the first and the last partition"
                            + " key (from '" + from + "', to '" + to + "'), or choose all partitions");
                }
                yield PartitionSelection.range(from, to);
            }
            default -> throw UiException.badRequest("Invalid backfill", "Partitions '" + partitions
                    + "' is not one of: range, all");
        };
        BackfillPolicy p = switch (policy) {
            case "perPartition" -> BackfillPolicy.onePerPartition();
            case "singleRun" -> BackfillPolicy.singleRun();
            case "chunks" -> BackfillPolicy.chunks(chunk());
            default -> throw UiException.badRequest("Invalid backfill", "Policy '" + policy
                    + "' is not one of: perPartition, chunks, singleRun");
        };
        Map<String, String> tags = user == null ? Map.of("source", "ui") : Map.of("source", "ui", "user", user);
        return new BackfillRequest(selection, keys, p, new BackfillOptions(onlyStaleAndMissing, 0, tags));
    }

    private int chunk() {
        int n;
        try {
            n = Integer.parseInt(chunkSize);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > MAX_CHUNK) {
            throw UiException.badRequest("Invalid backfill", "Chunk size must be a whole number of partitions per"
                    + " run between 1 and " + MAX_CHUNK + ", got '" + chunkSize + "'");
        }
        return n;
    }

    private static String clean(String s) {
        return s == null ? "" : s.trim();
    }
}
