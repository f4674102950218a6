package dev.peloton.runtime.cli;

import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Command-line mode of any Peloton application: {@code java -jar app.jar peloton <command> ...}. When the first
 * argument is {@code peloton} it runs the command, then ends the application through {@link SpringApplication#exit}
 * with the command's exit code (see {@link ExitCodes}); with any other arguments it does nothing and the
 * application serves as usual. {@link PelotonRunListener} has already turned the web server off for that run.
 *
 * <p>With {@code peloton.cli.exit=false} it does not call {@code System.exit}: the exit code is this bean's
 * {@link #getExitCode()}, which {@code SpringApplication.exit(context)} returns (tests use this).
 */
public final class PelotonCommandLineRunner implements ApplicationRunner, ExitCodeGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(PelotonCommandLineRunner.class);

    /** The exit codes scripts can rely on. */
    public static final class ExitCodes {
        public static final int SUCCESS = 0;
        /** The run or backfill failed or was canceled. */
        public static final int FAILED = 1;
        /** Bad usage or input (unknown asset, bad partition key, unknown run id); the message says what. */
        public static final int BAD_INPUT = 2;
        /** Something went wrong inside Peloton or its database. */
        public static final int INTERNAL_ERROR = 3;

        private ExitCodes() {
        }
    }

    private final CliCommands commands;
    private final CliConsole console;
    private final ConfigurableApplicationContext context;
    private final boolean exitJvm;
    private volatile int exitCode;

    public PelotonCommandLineRunner(CliCommands commands, CliConsole console, ConfigurableApplicationContext context,
            boolean exitJvm) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.console = Objects.requireNonNull(console, "console");
        this.context = Objects.requireNonNull(context, "context");
        this.exitJvm = exitJvm;
    }

    /** Whether these arguments ask for command-line mode: the first one is {@code peloton}. */
    public static boolean isCommandLine(List<String> args) {
        return !args.isEmpty() && "peloton".equals(args.get(0));
    }

    @Override
    public void run(ApplicationArguments arguments) {
        List<String> args = List.of(arguments.getSourceArgs());
        if (!isCommandLine(args)) {
            return;
        }
        exitCode = execute(args.subList(1, args.size()));
        console.out().flush();
        console.err().flush();
        if (exitJvm) {
            System.exit(SpringApplication.exit(context));
        }
    }

    /** Runs one command (the arguments after {@code peloton}) and returns its exit code. */
    public int execute(List<String> args) {
        try {
            return commands.run(CliArguments.parse(args));
        } catch (CliCommands.WaitTimeoutException e) {
            console.err().println("peloton: " + e.getMessage());
            return ExitCodes.FAILED;
        } catch (dev.peloton.runtime.storage.NoSuchRunException e) {
            console.err().println("peloton: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (UsageException e) {
            console.err().println("peloton: " + e.getMessage());
            console.err().println();
            console.err().print(CliCommands.USAGE);
            return ExitCodes.BAD_INPUT;
        } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
            // The engine's own checks: unknown asset, bad selection, bad partition key, reversed range, unknown id.
            console.err().println("peloton: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (RuntimeException e) {
            LOG.error("Command failed", e);
            console.err().println("peloton: internal error: " + rootMessage(e));
            return ExitCodes.INTERNAL_ERROR;
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t + ")";
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
