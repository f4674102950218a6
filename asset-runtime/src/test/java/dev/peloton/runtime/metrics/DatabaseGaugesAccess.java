package dev.peloton.runtime.metrics;

import org.springframework.context.ApplicationContext;

/** Lets tests outside this package refresh the database gauges now instead of waiting for the interval. */
public final class DatabaseGaugesAccess {

    private DatabaseGaugesAccess() {
    }

    public static void refresh(ApplicationContext context) {
        context.getBean(DatabaseGauges.class).refresh();
    }
}
