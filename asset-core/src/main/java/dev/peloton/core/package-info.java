/**
 * Peloton's public API for asset authors: the annotations that declare assets, checks and their
 * partitions, {@link dev.peloton.core.AssetContext}, the partition and policy types, and the SPIs
 * ({@link dev.peloton.core.IOManager}, {@link dev.peloton.core.PartitionMapping}).
 *
 * <p>Everything under {@code dev.peloton.core.engine} is the engine that runtimes build on; it carries
 * no compatibility promise for asset authors.
 */
package dev.peloton.core;
