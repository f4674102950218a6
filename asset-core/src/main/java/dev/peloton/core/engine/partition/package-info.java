/**
 * The built-in {@link dev.peloton.core.PartitionMapping}s behind {@link dev.peloton.core.PartitionMappings}, and
 * the set operations they share: translating sets of partitions between two definitions, projecting and expanding
 * multi-dimensional sets, and overlapping time windows. Every operation works on ranges of indices, so that its
 * cost follows the number of ranges of a set, not the number of partitions in it.
 */
package dev.peloton.core.engine.partition;
