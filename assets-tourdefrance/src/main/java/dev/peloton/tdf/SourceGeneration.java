package dev.peloton.tdf;

import dev.peloton.tdf.generate.GenerationSummary;
import java.time.Duration;
import java.util.Optional;

/**
 * What generating the source data at start did, and how long it took (the benchmark reports it apart from the
 * backfill).
 *
 * @param summary the generator's summary; empty when generation is turned off
 * @param elapsed how long generating (or finding it already done) took
 */
public record SourceGeneration(Optional<GenerationSummary> summary, Duration elapsed) {
}
