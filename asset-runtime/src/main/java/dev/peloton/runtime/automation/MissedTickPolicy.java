package dev.peloton.runtime.automation;

/** What a schedule does, when Peloton starts again, with the ticks that fell while no node was running. */
public enum MissedTickPolicy {
    /** Run every missed tick, oldest first (at most {@link AutomationEngine#MAX_CATCH_UP_TICKS} of the newest). */
    ALL,
    /** Run only the newest missed tick. */
    LAST,
    /** Run none of them. */
    NONE
}
