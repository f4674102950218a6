package dev.peloton.runtime.backfill;

/** A backfill request that cannot be carried out as given; nothing was written. */
public class InvalidBackfillException extends IllegalArgumentException {

    public InvalidBackfillException(String message) {
        super(message);
    }
}
