package dev.peloton.runtime.storage;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a run. Workers claim QUEUED runs (STARTING), run them (RUNNING) and end them (SUCCESS, FAILURE);
 * a cancel goes through CANCELING to CANCELED; a run whose worker died goes back to QUEUED.
 */
public enum RunStatus {
    QUEUED,
    STARTING,
    RUNNING,
    SUCCESS,
    FAILURE,
    CANCELING,
    CANCELED;

    /** The statuses of runs that a worker holds and must heartbeat. */
    public static final Set<RunStatus> ACTIVE = Collections.unmodifiableSet(EnumSet.of(STARTING, RUNNING, CANCELING));

    public boolean isTerminal() {
        return this == SUCCESS || this == FAILURE || this == CANCELED;
    }

    /** The statuses a run in this status may move to. */
    public Set<RunStatus> next() {
        return switch (this) {
            // STARTING is reached only by claiming, which also sets the worker and fencing token.
            case QUEUED -> EnumSet.of(CANCELING, CANCELED);
            case STARTING -> EnumSet.of(RUNNING, FAILURE, CANCELING, CANCELED, QUEUED);
            case RUNNING -> EnumSet.of(SUCCESS, FAILURE, CANCELING, QUEUED);
            case CANCELING -> EnumSet.of(CANCELED, FAILURE);
            case SUCCESS, FAILURE, CANCELED -> EnumSet.noneOf(RunStatus.class);
        };
    }

    public boolean canMoveTo(RunStatus next) {
        return next().contains(next);
    }
}
