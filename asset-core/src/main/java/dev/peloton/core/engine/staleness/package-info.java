/**
 * Staleness: for every asset partition, whether it is MISSING, STALE (and why) or FRESH, computed in bulk from
 * the latest materializations and the current asset graph. Start at {@link
 * dev.peloton.core.engine.staleness.StalenessResolver}.
 */
package dev.peloton.core.engine.staleness;
