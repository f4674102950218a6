package dev.peloton.runtime.automation;

import java.util.NoSuchElementException;

/** A schedule or sensor name that is not declared. */
public final class UnknownInstigatorException extends NoSuchElementException {

    public UnknownInstigatorException(String message) {
        super(message);
    }
}
