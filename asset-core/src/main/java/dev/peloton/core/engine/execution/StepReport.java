package dev.peloton.core.engine.execution;

/**
 * How one step of a run ended.
 *
 * @param stepId   the step
 * @param status   its final status
 * @param attempts attempts started (0 when it never ran)
 * @param error    the exception of its last failed attempt ({@code null} when none failed); for a step that failed
 *                 and then was canceled while waiting to retry, the failure it had
 * @param reason   why it was skipped, not run, canceled or blocked, in words; {@code null} otherwise
 */
public record StepReport(String stepId, StepStatus status, int attempts, Throwable error, String reason) {
}
