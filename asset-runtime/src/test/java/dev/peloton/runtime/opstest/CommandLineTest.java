package dev.peloton.runtime.opstest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peloton.runtime.cli.CliConsole;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@code java -jar app.jar peloton ...} in process: the real application start with the command-line
 * arguments, the output captured, the exit code from {@code SpringApplication.exit}. All invocations share one
 * database (one data directory), as successive commands against one installation do.
 */
class CommandLineTest {

    private static final String DATA_DIR = Path.of("target", "cli-test-data", UUID.randomUUID().toString())
            .toAbsolutePath().toString();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Result(int exitCode, String out, String err, boolean webServer) {
        JsonNode json() {
            return JSON.readTree(out);
        }
    }

    static Result peloton(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliConsole console = new CliConsole(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        List<String> all = new ArrayList<>(List.of("peloton"));
        all.addAll(List.of(args));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(OpsTestApplication.class)
                .properties("peloton.cli.exit=false", "peloton.data-dir=" + DATA_DIR,
                        "peloton.workers.poll-interval=200ms")
                .initializers(c -> c.getBeanFactory().registerSingleton("pelotonCliConsole", console))
                .run(all.toArray(String[]::new));
        boolean web = context instanceof WebServerApplicationContext;
        int code = SpringApplication.exit(context);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), web);
    }

    private static String runId(String out) {
        Matcher m = Pattern.compile("run ([0-9a-f-]{36}) ").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group(1);
    }

    @Test
    void assetsListPrintsEveryAssetWithoutAWebServer() {
        Result r = peloton("assets", "list");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.webServer()).isFalse();
        assertThat(r.out()).contains("ASSET").contains("race/stages").contains("Stages of the race")
                .contains("race/summary").contains("unpartitioned").contains("4 assets");
        assertThat(r.err()).isEmpty();

        Result json = peloton("assets", "list", "--json");
        assertThat(json.exitCode()).isZero();
        JsonNode assets = json.json().get("assets");
        assertThat(assets.size()).isEqualTo(4);
        JsonNode results = null;
        for (JsonNode a : assets) {
            if (a.get("key").stringValue().equals("race/results")) {
                results = a;
            }
        }
        assertThat(results).isNotNull();
        assertThat(results.get("partitions").longValue()).isEqualTo(23);
        assertThat(results.get("upstream").get(0).stringValue()).isEqualTo("race/stages");
    }

    @Test
    void materializeWaitsForSuccessAndRunsStatusReadsItBack() {
        Result r = peloton("materialize", "race/stages+", "--range", "2024-07-01..2024-07-03", "--wait");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains(" SUCCESS").contains("partitions: 3").contains("SUCCESS=6");
        String id = runId(r.out());

        Result status = peloton("runs", "status", id, "--json");
        assertThat(status.exitCode()).isZero();
        assertThat(status.json().get("runId").stringValue()).isEqualTo(id);
        assertThat(status.json().get("status").stringValue()).isEqualTo("SUCCESS");
        assertThat(status.json().get("steps").get("SUCCESS").longValue()).isEqualTo(6);

        Result shortForm = peloton("run", id);
        assertThat(shortForm.exitCode()).isZero();
        assertThat(shortForm.out()).startsWith("run " + id + " SUCCESS");
    }

    @Test
    void aFailingAssetExitsWithOne() {
        Result r = peloton("materialize", "race/broken", "--partition", "2024-07-04", "--wait");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains(" FAILURE").contains("the timing feed of 2024-07-04 is missing");

        Result status = peloton("run", runId(r.out()));
        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.out()).contains("FAILURE");
    }

    @Test
    void materializeWithoutWaitQueuesTheRunAndLeavesItQueued() {
        Result r = peloton("materialize", "race/summary", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.json().get("status").stringValue()).isEqualTo("QUEUED");
        // No worker runs in a command that does not wait: nothing claimed it.
        Result status = peloton("runs", "status", r.json().get("runId").stringValue(), "--json");
        assertThat(status.json().get("status").stringValue()).isEqualTo("QUEUED");
        assertThat(status.exitCode()).isZero();
    }

    @Test
    void backfillWaitsForItsRuns() {
        Result r = peloton("backfill", "race/stages+", "--range", "2024-07-10..2024-07-14", "--policy", "chunks=2",
                "--wait", "--json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        JsonNode b = r.json();
        assertThat(b.get("status").stringValue()).isEqualTo("COMPLETED");
        assertThat(b.get("partitions").longValue()).isEqualTo(5);
        assertThat(b.get("runs").longValue()).isEqualTo(3);
        assertThat(b.get("progress").get("SUCCEEDED").longValue()).isEqualTo(5);

        Result failing = peloton("backfill", "race/broken", "--range=2024-07-15..2024-07-16", "--wait");
        assertThat(failing.exitCode()).as(failing.out() + failing.err()).isEqualTo(1);
        assertThat(failing.out()).contains(" FAILED").contains("failed=2");
    }

    @Test
    void unknownAssetsAndBadKeysExitWithTwoAndSayWhatIsWrong() {
        Result unknown = peloton("materialize", "race/nope", "--wait");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("race/nope");
        assertThat(unknown.out()).isEmpty();

        Result badKey = peloton("materialize", "race/stages", "--partition", "2031-01-01");
        assertThat(badKey.exitCode()).isEqualTo(2);
        assertThat(badKey.err()).contains("2031-01-01").contains("race/stages");

        Result reversed = peloton("backfill", "race/stages", "--range", "2024-07-10..2024-07-01");
        assertThat(reversed.exitCode()).isEqualTo(2);
        assertThat(reversed.err()).contains("2024-07-10");

        Result noRun = peloton("runs", "status", UUID.randomUUID().toString());
        assertThat(noRun.exitCode()).isEqualTo(2);
        assertThat(noRun.err()).contains("No run has the id");

        Result malformed = peloton("run", "not-a-uuid");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).contains("not-a-uuid");
    }

    @Test
    void badUsageExitsWithTwoAndPrintsTheUsage() {
        record Case(String[] args, String message) {
        }
        List<Case> cases = List.of(
                new Case(new String[] {}, "No command given"),
                new Case(new String[] {"frobnicate"}, "Unknown command 'frobnicate'"),
                new Case(new String[] {"materialize"}, "needs more arguments"),
                new Case(new String[] {"assets", "show"}, "did you mean 'assets list'"),
                new Case(new String[] {"materialize", "race/stages", "--bogus"}, "Unknown option '--bogus'"),
                new Case(new String[] {"materialize", "race/stages", "--range"}, "Option --range needs a value"),
                new Case(new String[] {"materialize", "race/stages", "--range", "2024-07-01"},
                        "FIRST..LAST, got '2024-07-01'"),
                new Case(new String[] {"materialize", "race/stages", "--partition", "2024-07-01", "--range",
                        "2024-07-01..2024-07-02"}, "either --partition or --range"),
                new Case(new String[] {"backfill", "race/stages"}, "needs --range"),
                new Case(new String[] {"backfill", "race/stages", "--range", "2024-07-01..2024-07-02", "--policy",
                        "chunks=zero"}, "whole number K, got 'zero'"),
                new Case(new String[] {"backfill", "race/stages", "--range", "2024-07-01..2024-07-02", "--policy",
                        "sometimes"}, "Unknown --policy 'sometimes'"),
                new Case(new String[] {"runs", "status", "a", "b"}, "Unexpected argument 'b'"),
                new Case(new String[] {"run", "x", "--wait=yes"}, "takes no value"),
                new Case(new String[] {"run", "x", "--timeout", "soon"}, "duration such as 90s"));
        for (Case c : cases) {
            Result r = peloton(c.args());
            assertThat(r.exitCode()).as(String.join(" ", c.args())).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", c.args())).contains(c.message()).contains("Usage:");
        }
    }
}
