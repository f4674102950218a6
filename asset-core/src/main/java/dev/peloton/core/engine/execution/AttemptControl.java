package dev.peloton.core.engine.execution;

import java.util.function.BooleanSupplier;

/**
 * Where one attempt of a step is, so that a cancellation stops it at a safe point: an attempt waiting for its
 * permits is interrupted at once; one computing is interrupted only when the grace period ends; one storing or
 * committing its results is never interrupted, so that a value is never half-written by the cancellation.
 * Each move to the next phase is refused once the run is stopping.
 */
final class AttemptControl {

    enum Phase {
        WAITING, COMPUTING, COMMITTING, ENDED
    }

    private final BooleanSupplier stopping;
    private Thread thread;
    private Phase phase = Phase.WAITING;

    AttemptControl(BooleanSupplier stopping) {
        this.stopping = stopping;
    }

    /** Binds the attempt to its thread; false when the run is already stopping. */
    synchronized boolean bind(Thread thread) {
        this.thread = thread;
        return !stopping.getAsBoolean();
    }

    /** Moves to {@code next}; false (and no move) when the run is stopping. */
    synchronized boolean enter(Phase next) {
        if (stopping.getAsBoolean()) {
            return false;
        }
        phase = next;
        return true;
    }

    synchronized void end() {
        phase = Phase.ENDED;
    }

    /** The run is stopping: an attempt still waiting for permits stops waiting. */
    synchronized void onStop() {
        if (phase == Phase.WAITING && thread != null) {
            thread.interrupt();
        }
    }

    /** The grace period ended: an attempt still computing is interrupted. */
    synchronized void onGraceExpired() {
        if (phase == Phase.COMPUTING && thread != null) {
            thread.interrupt();
        }
    }
}
