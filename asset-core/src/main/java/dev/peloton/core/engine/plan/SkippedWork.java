package dev.peloton.core.engine.plan;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionSet;

/**
 * Asset partitions a request named but the plan leaves out.
 *
 * @param asset      the asset
 * @param partitions the partitions left out
 * @param reason     why, in words ("memoized: code version and input data versions unchanged since run 42")
 */
public record SkippedWork(AssetKey asset, PartitionSet partitions, String reason) {
}
