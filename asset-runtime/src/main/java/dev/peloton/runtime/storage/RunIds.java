package dev.peloton.runtime.storage;

import java.security.SecureRandom;
import java.util.UUID;

/** Run and backfill ids: UUIDs whose first bits are the creation time (version 7), so new ids sort last. */
public final class RunIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {
    }

    /** A new time-ordered id. */
    public static UUID next() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | 0x7000L | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /**
     * Parses a run or backfill id.
     *
     * @throws IllegalArgumentException naming the id when it is not a UUID
     */
    public static UUID parse(String id) {
        if (id == null) {
            throw new IllegalArgumentException("A run id must not be null");
        }
        try {
            UUID uuid = UUID.fromString(id);
            if (!uuid.toString().equalsIgnoreCase(id)) {
                throw new IllegalArgumentException("not in canonical form");
            }
            return uuid;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid run id '" + id
                    + "': expected a UUID such as 0190f1c2-7a3b-7c4d-8e5f-6a7b8c9d0e1f", e);
        }
    }
}
