package dev.peloton.core.engine.staleness;

import java.util.List;

/**
 * The staleness of one asset partition: a status and, when STALE, its causes (never empty then). MISSING and
 * FRESH have no causes.
 */
public record Staleness(StalenessStatus status, List<StaleCause> causes) {

    public static final Staleness MISSING = new Staleness(StalenessStatus.MISSING, List.of());
    public static final Staleness FRESH = new Staleness(StalenessStatus.FRESH, List.of());

    public Staleness {
        causes = List.copyOf(causes);
        if ((status == StalenessStatus.STALE) == causes.isEmpty()) {
            throw new IllegalArgumentException("A " + status + " partition " + (causes.isEmpty()
                    ? "needs at least one cause" : "has no causes, got " + causes));
        }
    }

    public static Staleness stale(List<StaleCause> causes) {
        return new Staleness(StalenessStatus.STALE, causes);
    }

    /** The causes of one kind. */
    public List<StaleCause> causes(StaleCauseKind kind) {
        return causes.stream().filter(c -> c.kind() == kind).toList();
    }
}
