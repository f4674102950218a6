package dev.peloton.runtime.storage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a page of runs ends: the creation time and id of its last run. Its {@link #token()} is an opaque string
 * that an API can hand out and take back.
 */
public record RunCursor(Instant createdAt, UUID id) {

    public RunCursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(id, "id");
    }

    public String token() {
        String raw = createdAt.getEpochSecond() + "." + createdAt.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a token made by {@link #token()}.
     *
     * @throws IllegalArgumentException naming the token when it was not made by {@link #token()}
     */
    public static RunCursor parse(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\.", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException("expected 3 parts, got " + parts.length);
            }
            Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            return new RunCursor(at, UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid run page cursor '" + token
                    + "': use the cursor returned with the previous page", e);
        }
    }
}
