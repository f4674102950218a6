package dev.peloton.runtime.backfill;

import dev.peloton.core.PartitionSet;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.plan.PartitionSelection;
import dev.peloton.core.engine.plan.StepGranularity;
import dev.peloton.runtime.run.RunRequest;
import dev.peloton.runtime.storage.PartitionSetCodec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns the chunks of a stored backfill into run requests. */
final class BackfillRuns {

    private final BackfillRecord backfill;
    private final PartitionsDefinition definition;
    private final BackfillChunks chunks;
    private final StepGranularity granularity;

    BackfillRuns(AssetGraph graph, BackfillRecord backfill) {
        this.backfill = backfill;
        this.definition = graph.find(backfill.partitionsAsset())
                .orElseThrow(() -> new InvalidBackfillException("Asset '" + backfill.partitionsAsset()
                        + "', whose partitions backfill " + backfill.id() + " covers, is no longer defined"))
                .partitions();
        this.chunks = new BackfillChunks(backfill.partitions(),
                backfill.policy().partitionsPerRun(backfill.partitions().count()));
        // A single run over a range computes ranges in one step where the assets allow it.
        this.granularity = backfill.policy() instanceof BackfillPolicy.SingleRun
                ? StepGranularity.wholeRange() : StepGranularity.perPartition();
    }

    BackfillChunks chunks() {
        return chunks;
    }

    PartitionsDefinition definition() {
        return definition;
    }

    RunRequest request(long chunk) {
        PartitionSet set = chunks.chunk(chunk);
        Map<String, String> tags = new HashMap<>(backfill.options().tags());
        tags.put(BackfillTags.BACKFILL_ID, backfill.id());
        tags.put(BackfillTags.CHUNK, Long.toString(chunk));
        tags.put(BackfillTags.PARTITIONS, PartitionSetCodec.encode(set));
        PartitionSelection selection;
        if (!definition.isPartitioned()) {
            selection = PartitionSelection.all();
        } else {
            String first = definition.keyAt(set.first());
            String last = definition.keyAt(set.last());
            if (set.count() == 1) {
                tags.put(BackfillTags.PARTITION, first);
            } else {
                tags.put(BackfillTags.RANGE_START, first);
                tags.put(BackfillTags.RANGE_END, last);
            }
            selection = set.rangeCount() == 1 ? PartitionSelection.range(first, last)
                    : PartitionSelection.keys(definition.keys(set));
        }
        return new RunRequest(backfill.selection(), selection, backfill.options().onlyStaleAndMissing(), false,
                granularity, backfill.options().priority(), tags, backfill.id(),
                BackfillTags.runKey(backfill.id(), chunk));
    }

    List<RunRequest> requests(long fromChunk, long toChunk) {
        List<RunRequest> out = new java.util.ArrayList<>((int) (toChunk - fromChunk));
        for (long c = fromChunk; c < toChunk; c++) {
            out.add(request(c));
        }
        return out;
    }
}
