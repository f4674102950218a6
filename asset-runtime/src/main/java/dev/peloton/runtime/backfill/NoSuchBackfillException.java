package dev.peloton.runtime.backfill;

/** No stored backfill has this id. */
public class NoSuchBackfillException extends java.util.NoSuchElementException {

    public NoSuchBackfillException(String id) {
        super("No backfill with id '" + id + "'");
    }
}
