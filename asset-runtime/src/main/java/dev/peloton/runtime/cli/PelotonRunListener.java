package dev.peloton.runtime.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * Prepares the environment of every Peloton application before anything reads it:
 * <ul>
 *   <li>adds Peloton's operations defaults (actuator exposure) as the lowest-precedence property source, early
 *       enough for the actuator's endpoint conditions to see them;</li>
 *   <li>when the first argument is {@code peloton} (command-line mode, see {@link PelotonCommandLineRunner}): no
 *       web server, no banner, no console logging that would mix with the command's output, and no worker unless
 *       the command waits for its runs. The application's own settings override all but the web server.</li>
 * </ul>
 * It runs before the listener that initialises logging, so the logging defaults take effect.
 */
public final class PelotonRunListener implements SpringApplicationRunListener, Ordered {

    static final String DEFAULTS = "classpath:dev/peloton/runtime/metrics/metrics-defaults.properties";

    private final boolean commandLine;
    private final boolean waits;
    private boolean exitJvm = true;

    public PelotonRunListener(SpringApplication application, String[] args) {
        List<String> list = args == null ? List.of() : List.of(args);
        this.commandLine = PelotonCommandLineRunner.isCommandLine(list);
        this.waits = commandLine && list.contains("--wait");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext,
            ConfigurableEnvironment environment) {
        if (!environment.getPropertySources().contains("pelotonDefaults")) {
            environment.getPropertySources().addLast(new MapPropertySource("pelotonDefaults", defaults()));
        }
        if (commandLine) {
            exitJvm = environment.getProperty("peloton.cli.exit", Boolean.class, true);
            environment.getPropertySources().addFirst(new MapPropertySource("pelotonCommandLine",
                    Map.of("spring.main.web-application-type", "none")));
            Map<String, Object> cli = new LinkedHashMap<>();
            cli.put("spring.main.banner-mode", "off");
            cli.put("logging.threshold.console", "OFF");
            cli.put("spring.main.log-startup-info", "false");
            if (!waits) {
                // A command that does not wait must not claim runs only to hand them back when it exits.
                cli.put("peloton.workers.enabled", "false");
            }
            environment.getPropertySources().addBefore("pelotonDefaults",
                    new MapPropertySource("pelotonCommandLineDefaults", cli));
        }
    }

    @Override
    public void failed(ConfigurableApplicationContext context, Throwable exception) {
        if (commandLine) {
            // The application did not start: say why on stderr, since console logging is off in this mode.
            System.err.println("peloton: internal error: the application could not start: "
                    + PelotonCommandLineRunner.rootMessage(exception));
            if (exitJvm) {
                System.exit(PelotonCommandLineRunner.ExitCodes.INTERNAL_ERROR);
            }
        }
    }

    private static Map<String, Object> defaults() {
        try {
            Properties p = PropertiesLoaderUtils.loadProperties(new ClassPathResource(
                    DEFAULTS.substring("classpath:".length())));
            Map<String, Object> map = new LinkedHashMap<>();
            p.forEach((k, v) -> map.put((String) k, v));
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException("Peloton's defaults " + DEFAULTS + " could not be read", e);
        }
    }
}
