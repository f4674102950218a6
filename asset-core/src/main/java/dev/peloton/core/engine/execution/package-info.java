/**
 * The in-process executor: runs a {@link dev.peloton.core.engine.plan.Plan} against an asset graph, with retries,
 * cancellation, concurrency pools and resumption, reporting {@link dev.peloton.core.engine.event.RunEvent}s.
 * Start at {@link dev.peloton.core.engine.execution.InProcessExecutor}.
 */
package dev.peloton.core.engine.execution;
