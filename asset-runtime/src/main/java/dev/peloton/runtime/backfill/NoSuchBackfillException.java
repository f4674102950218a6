package dev.peloton.runtime.backfill;

/** No stored backfill has this id. */
public class NoSuchBackfillException extends java.util.NoSuchElementException {

    private final String backfillId;

    public NoSuchBackfillException(String id) {
        super("No backfill with id '" + id + "'");
        this.backfillId = id;
    }

    /** The id that was asked for. */
    public String backfillId() {
        return backfillId;
    }
}
