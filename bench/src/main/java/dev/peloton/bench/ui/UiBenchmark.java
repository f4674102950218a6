package dev.peloton.bench.ui;

import dev.peloton.core.AssetKey;
import dev.peloton.core.PartitionsDefinition;
import dev.peloton.core.engine.graph.AssetDefinition;
import dev.peloton.core.engine.graph.AssetDependency;
import dev.peloton.core.engine.graph.AssetGraph;
import dev.peloton.core.engine.state.FailureRecord;
import dev.peloton.core.engine.state.MaterializationRecord;
import dev.peloton.runtime.api.LineageService;
import dev.peloton.runtime.storage.PostgresAssetStateStorage;
import dev.peloton.ui.lineage.LineageLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code bench/run ui}: the web UI with 5,000 assets and an asset of 100,000 partitions, in headless Chromium.
 * Starts {@link UiBenchApplication} (embedded PostgreSQL in a temporary directory, security on, no worker), gives
 * some assets and partitions a state (fresh, stale, failed, in progress, the rest missing), then times page loads
 * from navigation start to the page's own "drawn" mark, set two animation frames after the page script has run
 * (so the paint is included): the lineage graph with every node present and coloured, and the asset page with its
 * partition health bar. The first load of each is reported on its own ({@code _cold}: the lineage graph's first
 * load includes its layout); then the median of {@value #LOADS} loads.
 */
public final class UiBenchmark {

    static final int LOADS = 7;
    /** Held so that its level sticks (java.util.logging keeps loggers weakly). */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String DRIVER = "/usr/bin/chromedriver";

    private UiBenchmark() {
    }

    public static void run() {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(DRIVER))) {
            System.err.println("The ui benchmark needs Chromium and its driver: apt-get install -y chromium"
                    + " chromium-driver");
            System.exit(2);
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("peloton-ui-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long started = System.nanoTime();
        SpringApplication application = new SpringApplication(UiBenchApplication.class);
        application.setBannerMode(Banner.Mode.OFF);
        application.setDefaultProperties(Map.ofEntries(
                Map.entry("server.port", "0"),
                Map.entry("peloton.data-dir", dir.toString()),
                Map.entry("peloton.workers.enabled", "false"),
                // The cold figure is the first visit without the layout computed in advance at start-up.
                Map.entry("peloton.ui.lineage.warm-up", "false"),
                Map.entry("peloton.security.users[0].name", "bench"),
                Map.entry("peloton.security.users[0].password", "{noop}bench"),
                Map.entry("peloton.security.users[0].roles", "ADMIN"),
                // Quiet: INFO lines, and Tomcat's list of library threads still alive when it stops.
                Map.entry("logging.level.root", "WARN"),
                Map.entry("logging.level.org.apache.catalina", "ERROR")));
        try (ConfigurableApplicationContext context = application.run()) {
            System.out.printf("started the application with %d assets in %.1f s%n", UiBenchApplication.ASSETS,
                    (System.nanoTime() - started) / 1e9);
            seed(context);
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            browse("http://localhost:" + port, context);
        } finally {
            delete(dir);
        }
    }

    /** ELK's layout and the drawing of the whole graph, on a fresh instance (not the page's cache). */
    private static void layoutAlone(ConfigurableApplicationContext context) {
        LineageService.Lineage all = context.getBean(LineageService.class).lineage(null);
        long t = System.nanoTime();
        new LineageLayout().drawing(all.nodes(), all.edges());
        System.out.printf("figure: ui_graph_5000_layout %.0f ms%n", (System.nanoTime() - t) / 1e6);
        System.out.printf("graph: %d nodes, %d edges%n", all.nodes().size(), all.edges().size());
    }

    /**
     * States: the first 30 layers materialized (layer 10 with an old code version, so stale), layer 30 failed,
     * part of layer 31 in progress, the rest missing. The hourly asset: 40,000 partitions fresh, 5,000 stale, one
     * partition in 500 failed up to index 60,000, the rest missing.
     */
    private static void seed(ConfigurableApplicationContext context) {
        long t = System.nanoTime();
        AssetGraph graph = context.getBean(AssetGraph.class);
        DataSource dataSource = context.getBean(DataSource.class);
        PostgresAssetStateStorage state = new PostgresAssetStateStorage(dataSource);
        Instant now = Instant.now();
        for (AssetDefinition d : graph.definitions()) {
            String group = d.group();
            if (!group.startsWith("layer")) {
                continue;
            }
            int layer = Integer.parseInt(group.substring("layer".length()));
            if (layer < 30) {
                Map<AssetKey, String> inputs = new HashMap<>();
                for (AssetDependency dep : d.dependencies()) {
                    inputs.put(dep.upstream(), "d-" + dep.upstream());
                }
                state.recordMaterialization(new MaterializationRecord(d.key(), "", "d-" + d.key(),
                        layer == 10 ? "0" : d.codeVersion(), inputs, null, now));
            } else if (layer == 30) {
                state.recordFailure(new FailureRecord(d.key(), "", null, "bench failure", now));
            } else if (layer == 31 && d.key().name().hashCode() % 3 == 0) {
                state.recordInProgress(d.key(), List.of(""), "00000000-0000-0000-0000-000000000001");
            }
        }
        AssetKey hourly = AssetKey.parse(UiBenchApplication.HOURLY_KEY);
        PartitionsDefinition partitions = graph.get(hourly).partitions();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        insertMaterialized(jdbc, hourly, partitions, 0, 40_000, "1");
        insertMaterialized(jdbc, hourly, partitions, 40_000, 45_000, "0");
        List<String> failed = new ArrayList<>();
        for (long i = 45_000; i < 60_000; i += 500) {
            failed.add(partitions.keyAt(i));
        }
        jdbc.execute((ConnectionCallback<Integer>) c -> {
            Array keys = c.createArrayOf("text", failed.toArray());
            try (var ps = c.prepareStatement("INSERT INTO asset_partition_state (asset_key, partition_key, failed,"
                    + " failure_error, failed_at) SELECT ?, k, true, 'bench failure', now() FROM unnest(?) AS k")) {
                ps.setString(1, hourly.toString());
                ps.setArray(2, keys);
                return ps.executeUpdate();
            }
        });
        // A history for the asset page's table: the latest 60 fresh partitions again, through the storage.
        for (long i = 39_940; i < 40_000; i++) {
            state.recordMaterialization(new MaterializationRecord(hourly, partitions.keyAt(i),
                    "d-" + partitions.keyAt(i), "1", Map.of(), null, now));
        }
        System.out.printf("seeded asset states in %.1f s%n", (System.nanoTime() - t) / 1e9);
    }

    private static void insertMaterialized(JdbcTemplate jdbc, AssetKey asset, PartitionsDefinition partitions,
            long from, long to, String codeVersion) {
        String[] keys = new String[(int) (to - from)];
        for (long i = from; i < to; i++) {
            keys[(int) (i - from)] = partitions.keyAt(i);
        }
        jdbc.execute((ConnectionCallback<Integer>) c -> {
            Array array = c.createArrayOf("text", keys);
            try (var ps = c.prepareStatement("INSERT INTO asset_partition_state (asset_key, partition_key,"
                    + " data_version, code_version, input_data_versions, materialized_at)"
                    + " SELECT ?, k, 'd-' || k, ?, '{}'::jsonb, now() FROM unnest(?) AS k")) {
                ps.setString(1, asset.toString());
                ps.setString(2, codeVersion);
                ps.setArray(3, array);
                return ps.executeUpdate();
            }
        });
    }

    private record Load(double drawn, double server, double htmlKb) {
    }

    private static void browse(String base, ConfigurableApplicationContext context) {
        ChromeDriver driver = chromium();
        try {
            driver.get(base + "/login");
            driver.findElement(By.id("username")).sendKeys("bench");
            driver.findElement(By.id("password")).sendKeys("bench");
            driver.findElement(By.id("login-button")).click();
            new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> d.getCurrentUrl().contains("/assets"));

            String graph = base + "/lineage";
            Load cold = load(driver, graph, "pelotonLineageDrawn", true);
            figure("ui_graph_5000_cold", cold.drawn());
            // After the first visit, so that the JIT has seen ELK once, as it has on a server that runs a while.
            layoutAlone(context);
            List<Load> warm = loads(driver, graph, "pelotonLineageDrawn", true);
            figure("ui_graph_5000", median(warm, Load::drawn));
            System.out.printf("  server answered in %.0f ms (median), page %.0f KB of HTML%n",
                    median(warm, Load::server), warm.getFirst().htmlKb());
            shot(driver, "ui-graph-5000");
            interactions(driver);

            String asset = base + "/assets/" + UiBenchApplication.HOURLY_KEY;
            Load assetCold = load(driver, asset, "pelotonHealthBarDrawn", false);
            figure("ui_partitions_100k_cold", assetCold.drawn());
            List<Load> assetWarm = loads(driver, asset, "pelotonHealthBarDrawn", false);
            figure("ui_partitions_100k", median(assetWarm, Load::drawn));
            System.out.printf("  server answered in %.0f ms (median), page %.0f KB of HTML%n",
                    median(assetWarm, Load::server), assetWarm.getFirst().htmlKb());
            shot(driver, "ui-partitions-100k");
        } finally {
            driver.quit();
        }
    }

    /**
     * The cost of interacting with the drawn graph: one zoom step (wheel) and selecting a node in the middle
     * (lineage highlighted, the rest dimmed), each until painted (two animation frames); medians of several.
     */
    private static void interactions(ChromeDriver driver) {
        String frames = "requestAnimationFrame(function () { requestAnimationFrame(function () {"
                + " done(performance.now() - t0); }); });";
        List<Double> zooms = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            zooms.add(((Number) driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                    + " var g = document.getElementById('graph'), r = g.getBoundingClientRect();"
                    + " var t0 = performance.now();"
                    + " g.dispatchEvent(new WheelEvent('wheel', {deltaY: " + (i < 5 ? -250 : 250) + ","
                    + " clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true,"
                    + " cancelable: true}));" + frames)).doubleValue());
        }
        shot(driver, "ui-graph-5000-zoomed");
        List<Double> selects = new ArrayList<>();
        List<Double> scripts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            @SuppressWarnings("unchecked")
            List<Number> times = (List<Number>) driver.executeAsyncScript(
                    "var done = arguments[arguments.length - 1];"
                    + " var n = document.getElementsByClassName('node')[" + (2400 + i * 10) + "];"
                    + " var t0 = performance.now();"
                    + " n.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}));"
                    + " var script = performance.now() - t0;"
                    + " requestAnimationFrame(function () { requestAnimationFrame(function () {"
                    + " done([performance.now() - t0, script]); }); });");
            selects.add(times.get(0).doubleValue());
            scripts.add(times.get(1).doubleValue());
        }
        shot(driver, "ui-graph-5000-selected");
        figure("ui_graph_5000_zoom_step", median(zooms));
        figure("ui_graph_5000_select", median(selects));
        System.out.printf("  of which the page script %.0f ms (marking the lineage), the rest style and paint%n",
                median(scripts));
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v[v.length / 2];
    }

    private static void shot(ChromeDriver driver, String name) {
        try {
            Path target = Path.of("bench", "target");
            Files.createDirectories(target);
            Files.write(target.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            System.err.println("No screenshot " + name + ": " + e.getMessage());
        }
    }

    private static List<Load> loads(ChromeDriver driver, String url, String mark, boolean graph) {
        List<Load> out = new ArrayList<>();
        for (int i = 0; i < LOADS; i++) {
            out.add(load(driver, url, mark, graph));
        }
        return out;
    }

    /** One page load: navigation start to the page's drawn mark, and the server's share of it. */
    private static Load load(ChromeDriver driver, String url, String mark, boolean graph) {
        driver.get("about:blank");
        driver.get(url);
        Object drawn = new WebDriverWait(driver, Duration.ofSeconds(120))
                .until(d -> driver.executeScript("return window." + mark + " || null"));
        if (graph) {
            Object check = driver.executeScript("var n = document.getElementsByClassName('node'), bad = 0;"
                    + " for (var i = 0; i < n.length; i++) { if (!/ s-[A-Z_]+/.test(n[i].getAttribute('class')))"
                    + " { bad++; } } return n.length + ' ' + bad;");
            String[] parts = String.valueOf(check).split(" ");
            if (Integer.parseInt(parts[0]) != UiBenchApplication.ASSETS || !parts[1].equals("0")) {
                throw new IllegalStateException("The graph is not fully drawn: " + parts[0] + " nodes, " + parts[1]
                        + " without a status");
            }
        } else if (driver.findElements(By.cssSelector("#healthbar .cell")).isEmpty()) {
            throw new IllegalStateException("The asset page has no health bar");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> nav = (Map<String, Object>) driver.executeScript(
                "var e = performance.getEntriesByType('navigation')[0];"
                        + " return {server: e.responseStart - e.requestStart, size: e.decodedBodySize};");
        return new Load(((Number) drawn).doubleValue(), ((Number) nav.get("server")).doubleValue(),
                ((Number) nav.get("size")).doubleValue() / 1024);
    }

    private static ChromeDriver chromium() {
        // Here rather than first thing: Spring Boot resets java.util.logging when the application starts.
        SELENIUM_LOG.setLevel(Level.SEVERE);
        Path profile;
        try {
            profile = Files.createTempDirectory("peloton-ui-bench-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(DRIVER)
                .toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static double median(List<Load> loads, ToDoubleFunction<Load> value) {
        double[] v = loads.stream().mapToDouble(value).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void figure(String name, double ms) {
        System.out.printf("figure: %s %.0f ms%n", name, ms);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e.getMessage());
        }
    }
}
