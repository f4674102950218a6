package dev.peloton.runtime.automation;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/** A schedule or sensor name that is not declared. */
public final class UnknownInstigatorException extends NoSuchElementException {

    private static final long serialVersionUID = 1L;

    private final InstigatorKind kind;
    private final String name;
    private final List<String> known;

    public UnknownInstigatorException(String message) {
        super(message);
        this.kind = null;
        this.name = null;
        this.known = List.of();
    }

    /** Names the kind and the name asked for, and lists the declared names of that kind. */
    public UnknownInstigatorException(InstigatorKind kind, String name, Collection<String> known) {
        super("No " + kind.name().toLowerCase(Locale.ROOT) + " named '" + name + "'; "
                + kind.name().toLowerCase(Locale.ROOT) + "s: " + known);
        this.kind = kind;
        this.name = name;
        this.known = List.copyOf(known);
    }

    /** The kind looked for, or {@code null} when built from a message only. */
    public InstigatorKind kind() {
        return kind;
    }

    /** The name looked for, or {@code null} when built from a message only. */
    public String name() {
        return name;
    }

    /** The declared names of that kind. */
    public List<String> known() {
        return known;
    }
}
