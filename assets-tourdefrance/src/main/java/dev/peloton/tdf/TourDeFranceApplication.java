package dev.peloton.tdf;

import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Tour de France example: generates the race's source data, declares its assets and serves Peloton.
 *
 * <pre>
 * java -jar peloton-tourdefrance.jar                                  # serve the REST API on port 8080
 * java -jar peloton-tourdefrance.jar --peloton.example.scale=tiny     # less data
 * java -jar peloton-tourdefrance.jar backfill                         # headless: backfill, print, exit
 * </pre>
 */
@SpringBootApplication
public class TourDeFranceApplication {

    /** The command-line word that runs the headless backfill. */
    public static final String BACKFILL_COMMAND = "backfill";

    public static void main(String[] args) {
        SpringApplication app = application(args);
        ConfigurableApplicationContext context;
        try {
            context = app.run(args);
        } catch (RuntimeException e) {
            // Spring has logged the cause; say plainly that the example did not start.
            System.err.println("The Tour de France example failed to start: " + rootMessage(e));
            System.exit(1);
            return;
        }
        if (isHeadless(args)) {
            System.exit(SpringApplication.exit(context));
        }
    }

    /** The application, without a web server when the arguments ask for the headless backfill. */
    static SpringApplication application(String... args) {
        SpringApplication app = new SpringApplication(TourDeFranceApplication.class);
        if (isHeadless(args)) {
            app.setWebApplicationType(WebApplicationType.NONE);
            app.setDefaultProperties(Map.of("peloton.example.headless", "true"));
        }
        return app;
    }

    static boolean isHeadless(String... args) {
        return Arrays.stream(args).anyMatch(a -> a.equals(BACKFILL_COMMAND)
                || a.equals("--peloton.example.headless=true") || a.equals("--peloton.example.headless"));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getName() : t.getMessage();
    }
}
