package dev.peloton.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Facts about the migrations on the class path, so tests do not hard-code how many there are. */
public final class Migrations {

    private Migrations() {
    }

    /** How many versioned migrations {@code classpath:db/migration} holds. */
    public static int count() {
        try {
            return new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/V*__*.sql").length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
