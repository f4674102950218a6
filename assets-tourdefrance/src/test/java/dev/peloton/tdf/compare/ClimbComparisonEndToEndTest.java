package dev.peloton.tdf.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.peloton.core.AssetKey;
import dev.peloton.core.CheckResult;
import dev.peloton.core.Severity;
import dev.peloton.runtime.io.TableRef;
import dev.peloton.tdf.assets.ClimbChecks;
import dev.peloton.tdf.assets.Warehouse;
import dev.peloton.tdf.generate.Climb;
import dev.peloton.tdf.generate.RaceDaySummary;
import dev.peloton.tdf.generate.RacePlan;
import dev.peloton.tdf.generate.RacePoint;
import dev.peloton.tdf.generate.RacePointGenerator;
import dev.peloton.tdf.generate.Rider;
import dev.peloton.tdf.generate.Route;
import dev.peloton.tdf.generate.Scale;
import dev.peloton.tdf.generate.TdfGenerator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The climb marts and the comparison endpoints at the tiny scale (stages 1, 6, 16 and 21): the example starts with
 * its web server, the headless backfill materializes everything, then the marts and the endpoints are compared with
 * values computed here, in Java, straight from the generator's points and routes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "peloton.example.scale=tiny", "peloton.example.headless=true",
        // The endpoints sit behind Peloton's security, like the rest of /api: a VIEWER may read them.
        "peloton.security.users[0].name=fan", "peloton.security.users[0].password={noop}allez",
        "peloton.security.users[0].roles=VIEWER"})
class ClimbComparisonEndToEndTest {

    static final long SEED = 2023;
    static final String BASIC_FAN = "Basic " + java.util.Base64.getEncoder()
            .encodeToString("fan:allez".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    static final String TOURMALET_DAY = "2023-07-06";
    static Path dataDir;

    /** Stage -> bib -> cleaned points as {epoch second, distance}, in time order. */
    static Map<Integer, Map<Integer, List<double[]>>> tracks;
    static Map<Integer, Route> routes;
    static TdfGenerator generator;
    static RacePlan plan;
    static Map<Integer, Rider> riders;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        Files.createDirectories(Path.of("target"));
        dataDir = Files.createTempDirectory(Path.of("target"), "climb-data-").toAbsolutePath();
        registry.add("peloton.data-dir", () -> dataDir.toString());
    }

    @BeforeAll
    static void readTheGeneratedRace() {
        generator = new TdfGenerator();
        RacePointGenerator points = generator.racePoints(Scale.TINY, SEED);
        plan = points.plan();
        routes = generator.routes(Scale.TINY, SEED);
        riders = new HashMap<>();
        generator.riders(SEED).forEach(r -> riders.put(r.bib(), r));
        tracks = new TreeMap<>();
        for (RaceDaySummary day : plan.raceDays()) {
            // The cleaning rules, written again: drop positions out of range, keep one point per rider and time.
            Map<Integer, List<double[]>> byBib = new TreeMap<>();
            Set<String> seen = new HashSet<>();
            for (var it = points.iterator(day.stage()); it.hasNext(); ) {
                RacePoint p = it.next();
                if (!p.hasValidPosition() || !seen.add(p.bib() + "@" + p.time())) {
                    continue;
                }
                byBib.computeIfAbsent(p.bib(), b -> new ArrayList<>())
                        .add(new double[] {p.time().getEpochSecond(), p.distance()});
            }
            byBib.values().forEach(l -> l.sort((a, b) -> Double.compare(a[0], b[0])));
            tracks.put(day.stage(), byBib);
        }
    }

    /** The first time the points reach {@code metres}, interpolated between the bracketing points; NaN if never. */
    static double crossing(List<double[]> points, double metres) {
        if (points.getFirst()[1] == metres) {
            return points.getFirst()[0];
        }
        for (int i = 1; i < points.size(); i++) {
            double[] a = points.get(i - 1);
            double[] b = points.get(i);
            if (a[1] < metres && b[1] >= metres) {
                return a[0] + (metres - a[1]) / (b[1] - a[1]) * (b[0] - a[0]);
            }
        }
        return Double.NaN;
    }

    /** The route's altitude at a km, interpolated between its rows. */
    static double altitude(Route route, double km) {
        for (int i = 1; i < route.size(); i++) {
            if (route.km(i) >= km) {
                double k0 = route.km(i - 1);
                return route.altitude(i - 1) + (km - k0) / (route.km(i) - k0)
                        * (route.altitude(i) - route.altitude(i - 1));
            }
        }
        return route.altitude(route.size() - 1);
    }

    @LocalServerPort
    int port;
    @Autowired
    Warehouse warehouse;
    @Autowired
    ClimbChecks checks;
    @Autowired
    dev.peloton.runtime.io.duckdb.DuckDbIOManager duckdb;
    /** The headless backfill: exit code 0 when its run succeeded. */
    @Autowired
    @Qualifier("headlessBackfill")
    ExitCodeGenerator backfill;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theBackfillIncludingTheClimbChecksSucceeds() {
        assertThat(backfill.getExitCode()).as("the backfill's exit code").isZero();
        long[] checks = warehouse.longs("SELECT count(*) FROM " + Warehouse.table("marts/climb_times"));
        assertThat(checks[0]).as("climb times stored").isPositive();
    }

    @Test
    void stageMetricsAreTheRoutesLengthAndClimbing() {
        for (RaceDaySummary day : plan.raceDays()) {
            Route route = routes.get(day.stage());
            List<Map<String, Object>> rows = warehouse.rows("SELECT stage, length_km, climbing_m, named_climbs FROM "
                    + Warehouse.table("marts/stage_metrics") + " WHERE partition_key = '" + day.raceDay() + "'");
            assertThat(rows).as("stage metrics of %s", day.raceDay()).hasSize(1);
            Map<String, Object> r = rows.getFirst();
            assertThat(((Number) r.get("stage")).intValue()).isEqualTo(day.stage());
            assertThat(((Number) r.get("length_km")).doubleValue()).as("length of stage %d", day.stage())
                    .isCloseTo(route.lengthKm(), within(1e-6));
            assertThat(((Number) r.get("climbing_m")).doubleValue()).as("climbing of stage %d", day.stage())
                    .isCloseTo(route.climbingM(), within(0.06));
            assertThat(((Number) r.get("named_climbs")).intValue())
                    .isEqualTo(generator.facts().climbs(day.stage()).size());
        }
    }

    /** Climb and bib -> {time, average speed, VAM, gain} of every rider over every climb with a foot on a day. */
    static Map<String, double[]> expectedClimbTimes(RaceDaySummary day) {
        Route route = routes.get(day.stage());
        Map<String, double[]> expected = new TreeMap<>();
        for (Climb c : generator.facts().climbs(day.stage())) {
            if (c.lengthKm().isEmpty()) {
                continue; // no foot, no times
            }
            double foot = c.summitKm() - c.lengthKm().getAsDouble();
            double gain = altitude(route, c.summitKm()) - altitude(route, foot);
            tracks.get(day.stage()).forEach((bib, points) -> {
                double t0 = crossing(points, foot * 1000);
                double t1 = crossing(points, c.summitKm() * 1000);
                if (!Double.isNaN(t0) && !Double.isNaN(t1)) {
                    double s = t1 - t0;
                    expected.put(c.name() + "#" + bib, new double[] {s,
                            (c.summitKm() - foot) / (s / 3600), gain / (s / 3600), gain});
                }
            });
        }
        return expected;
    }

    @Test
    void climbTimesMatchAnIndependentComputationFromThePointsAndRoute() {
        int compared = 0;
        for (RaceDaySummary day : plan.raceDays()) {
            Map<String, double[]> expected = expectedClimbTimes(day);
            List<Map<String, Object>> rows = warehouse.rows("SELECT climb, bib, climb_time_s, avg_speed_kmh,"
                    + " vam_m_per_h, gain_m FROM " + Warehouse.table("marts/climb_times") + " WHERE partition_key = '"
                    + day.raceDay() + "'");
            Map<String, Map<String, Object>> actual = new TreeMap<>();
            rows.forEach(r -> actual.put(r.get("climb") + "#" + r.get("bib"), r));
            assertThat(actual.keySet()).as("climbs and riders of %s", day.raceDay()).isEqualTo(expected.keySet());
            for (var e : expected.entrySet()) {
                Map<String, Object> r = actual.get(e.getKey());
                String what = e.getKey() + " on " + day.raceDay();
                assertThat(num(r, "climb_time_s")).as("time of %s", what).isCloseTo(e.getValue()[0], within(0.051));
                assertThat(num(r, "climb_time_s")).as("time of %s", what).isPositive();
                assertThat(num(r, "avg_speed_kmh")).as("speed of %s", what).isCloseTo(e.getValue()[1], within(0.006));
                assertThat(num(r, "vam_m_per_h")).as("VAM of %s", what).isCloseTo(e.getValue()[2], within(0.51));
                assertThat(num(r, "gain_m")).as("gain of %s", what).isCloseTo(e.getValue()[3], within(0.051));
                compared++;
            }
        }
        // Stage 6 alone has four climbs with a length and riders with data on each.
        assertThat(compared).as("climb times compared").isGreaterThan(10);
    }

    @Test
    void theVamCheckPassesOnTheCalibratedRidesAndWarnsOnAnImplausibleVam() throws Exception {
        for (RaceDaySummary day : plan.raceDays()) {
            String key = day.raceDay().toString();
            TableRef times = new TableRef(AssetKey.parse("marts/climb_times"), List.of(key),
                    Warehouse.table("marts/climb_times"), "partition_key = '" + key + "'", List.of("partition_key"));
            boolean plausible = expectedClimbTimes(day).values().stream()
                    .allMatch(v -> Math.round(v[2]) >= ClimbChecks.MIN_VAM && Math.round(v[2]) <= ClimbChecks.MAX_VAM);
            assertThat(plausible).as("the generator's VAMs on %s are plausible", key).isTrue();
            CheckResult vam = checks.vamPlausible(times);
            assertThat(vam.passed()).as("vam_plausible on %s: %s", key, vam.description()).isTrue();
            CheckResult positive = checks.climbTimePositive(times);
            assertThat(positive.passed()).as("climb_time_positive on %s: %s", key, positive.description()).isTrue();
        }
        // The same times with the fastest rider of each climb at 2,500 m/h: a warning naming the count and the maximum.
        String key = TOURMALET_DAY;
        duckdb.query(c -> {
            try (var st = c.createStatement()) {
                st.execute("CREATE SCHEMA IF NOT EXISTS scratch");
                st.execute("CREATE OR REPLACE TABLE scratch.fast_climbs AS SELECT * REPLACE (CASE WHEN rank = 1"
                        + " THEN 2500 ELSE vam_m_per_h END AS vam_m_per_h) FROM "
                        + Warehouse.table("marts/climb_times"));
            }
            return null;
        });
        long climbs = warehouse.longs("SELECT count(*) FROM " + Warehouse.table("marts/climb_times")
                + " WHERE rank = 1 AND partition_key = '" + key + "'")[0];
        TableRef fast = new TableRef(AssetKey.parse("marts/climb_times"), List.of(key), "scratch.fast_climbs",
                "partition_key = '" + key + "'", List.of("partition_key"));
        CheckResult vam = checks.vamPlausible(fast);
        assertThat(climbs).isPositive();
        assertThat(vam.passed()).isFalse();
        assertThat(vam.severity()).isEqualTo(Severity.WARN);
        assertThat(vam.metadata()).containsEntry("implausible", climbs).containsEntry("max_vam_m_per_h", 2500L);
        assertThat(vam.description()).startsWith(climbs + " of ").contains("max 2500");
    }

    static double num(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).doubleValue();
    }

    /** Two riders with data who rode the whole Tourmalet on stage 6. */
    static int[] twoTourmaletRiders() {
        List<Integer> bibs = new ArrayList<>();
        tracks.get(6).forEach((bib, points) -> {
            if (points.getFirst()[1] <= 80_720 && points.getLast()[1] >= 97_820) {
                bibs.add(bib);
            }
        });
        assertThat(bibs).as("riders over the Tourmalet").hasSizeGreaterThanOrEqualTo(2);
        return new int[] {bibs.get(0), bibs.get(1)};
    }

    @Test
    void comparisonOnAClimbMatchesAnIndependentComputation() {
        int[] bibs = twoTourmaletRiders();
        JsonNode body = getJson("/api/tdf/compare?raceDay=" + TOURMALET_DAY + "&bibA=" + bibs[0] + "&bibB=" + bibs[1]
                + "&climb=" + URLEncoder.encode("col du tourmalet", StandardCharsets.UTF_8), 200);
        double foot = 97.82 - 17.1;
        double summit = 97.82;
        List<double[]> a = tracks.get(6).get(bibs[0]);
        List<double[]> b = tracks.get(6).get(bibs[1]);
        double a0 = crossing(a, foot * 1000);
        double b0 = crossing(b, foot * 1000);
        double timeA = crossing(a, summit * 1000) - a0;
        double timeB = crossing(b, summit * 1000) - b0;
        Route route = routes.get(6);
        double gain = altitude(route, summit) - altitude(route, foot);

        assertThat(body.get("stage").asInt()).isEqualTo(6);
        assertThat(body.get("segment").get("climb").asString()).isEqualTo("Col du Tourmalet");
        assertThat(body.get("segment").get("fromKm").asDouble()).isCloseTo(foot, within(1e-9));
        assertThat(body.get("segment").get("gainM").asDouble()).isCloseTo(gain, within(0.051));
        assertThat(body.get("riderA").get("bib").asInt()).isEqualTo(bibs[0]);
        assertThat(body.get("riderA").get("name").asString()).isEqualTo(riders.get(bibs[0]).name());
        assertThat(body.get("riderA").get("timeS").asDouble()).isCloseTo(timeA, within(0.051));
        assertThat(body.get("riderB").get("timeS").asDouble()).isCloseTo(timeB, within(0.051));
        assertThat(body.get("riderA").get("avgSpeedKmh").asDouble()).isCloseTo(17.1 / (timeA / 3600), within(0.006));
        assertThat(body.get("riderB").get("vamMPerH").asDouble()).isCloseTo(gain / (timeB / 3600), within(0.51));
        assertThat(body.get("gapS").asDouble()).isCloseTo(timeB - timeA, within(0.051));
        // every 100 m from the foot to the summit, both ends included
        JsonNode samples = body.get("samples");
        assertThat(samples.size()).isEqualTo(172);
        for (int i = 0; i < samples.size(); i++) {
            double km = Math.min(foot + i * 0.1, summit);
            JsonNode s = samples.get(i);
            assertThat(s.get("km").asDouble()).as("sample %d", i).isCloseTo(km, within(0.0006));
            double gap = (crossing(b, km * 1000) - b0) - (crossing(a, km * 1000) - a0);
            assertThat(s.get("gapS").asDouble()).as("gap at km %.1f", km).isCloseTo(gap, within(0.11));
            assertThat(s.get("altitudeM").asDouble()).as("altitude at km %.1f", km)
                    .isCloseTo(altitude(route, km), within(0.051));
        }
        assertThat(samples.get(0).get("gapS").asDouble()).isZero();
        // The marts agree with the endpoint.
        List<Map<String, Object>> mart = warehouse.rows("SELECT bib, climb_time_s FROM "
                + Warehouse.table("marts/climb_times") + " WHERE partition_key = '" + TOURMALET_DAY
                + "' AND climb = 'Col du Tourmalet' AND bib = " + bibs[0]);
        assertThat(num(mart.getFirst(), "climb_time_s")).isCloseTo(timeA, within(0.051));
    }

    @Test
    void comparisonOnAKmIntervalSamplesEveryKmWhenLong() {
        int[] bibs = twoTourmaletRiders();
        JsonNode body = getJson("/api/tdf/compare?raceDay=" + TOURMALET_DAY + "&bibA=" + bibs[0] + "&bibB=" + bibs[1]
                + "&fromKm=10&toKm=35.5", 200);
        assertThat(body.get("segment").get("stepM").asInt()).isEqualTo(1000);
        assertThat(body.get("segment").get("climb").isNull()).isTrue();
        JsonNode samples = body.get("samples");
        assertThat(samples.size()).isEqualTo(27); // km 10, 11, ..., 35, 35.5
        assertThat(samples.get(26).get("km").asDouble()).isEqualTo(35.5);
        List<double[]> a = tracks.get(6).get(bibs[0]);
        double timeA = crossing(a, 35_500) - crossing(a, 10_000);
        assertThat(body.get("riderA").get("timeS").asDouble()).isCloseTo(timeA, within(0.051));
    }

    @Test
    void theGifIsAnAnimatedLoopOfTheExpectedSize() throws IOException {
        int[] bibs = twoTourmaletRiders();
        HttpResponse<byte[]> r = send("/api/tdf/compare.gif?raceDay=" + TOURMALET_DAY + "&bibA=" + bibs[0] + "&bibB="
                + bibs[1] + "&climb=Col%20du%20Tourmalet", "image/gif");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/gif"));
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(r.body()))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            assertThat(reader.getFormatName()).isEqualToIgnoringCase("gif");
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(ComparisonGif.FRAMES);
            assertThat(reader.getWidth(0)).isEqualTo(ComparisonGif.WIDTH);
            assertThat(reader.getHeight(0)).isEqualTo(ComparisonGif.HEIGHT);
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode app = (IIOMetadataNode) root.getElementsByTagName("ApplicationExtension").item(0);
            assertThat(app).as("NETSCAPE2.0 loop extension").isNotNull();
            assertThat(app.getAttribute("applicationID")).isEqualTo("NETSCAPE");
            assertThat((byte[]) app.getUserObject()).containsExactly(1, 0, 0);
            IIOMetadataNode gce = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
            assertThat(Integer.parseInt(gce.getAttribute("delayTime"))).isPositive();
            // The riders move: the first and the last frame differ.
            int[] first = reader.read(0).getRGB(0, 0, ComparisonGif.WIDTH, ComparisonGif.HEIGHT, null, 0,
                    ComparisonGif.WIDTH);
            int[] last = reader.read(ComparisonGif.FRAMES - 1).getRGB(0, 0, ComparisonGif.WIDTH,
                    ComparisonGif.HEIGHT, null, 0, ComparisonGif.WIDTH);
            assertThat(last).isNotEqualTo(first);
            reader.dispose();
        }
    }

    /** A rider in the riders sheet without GPS data at the tiny scale. */
    static int riderWithoutData() {
        Set<Integer> withData = new HashSet<>();
        plan.ridersWithData().forEach(r -> withData.add(r.bib()));
        return riders.keySet().stream().filter(b -> !withData.contains(b)).sorted().findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown rider                   | bibA=9&bibB={B}&climb=Col du Tourmalet          | 404 | unknown-rider        | bibA | no rider has bib 9
            rider without data that day     | bibA={A}&bibB={NODATA}&climb=Col du Tourmalet   | 404 | no-rider-data        | bibB | has no GPS data on 2023-07-06
            unknown climb                   | bibA={A}&bibB={B}&climb=Alpe d'Huez            | 404 | unknown-climb        | climb | no climb named 'Alpe d'Huez'; its named climbs: Côte de Capvern-les-Bains, Col d'Aspin, Col du Tourmalet, Cauterets-Cambasque
            km outside the stage            | bibA={A}&bibB={B}&fromKm=100&toKm=500           | 400 | invalid-request      | toKm | outside stage 6 (2023-07-06): valid km are 0..
            negative km                     | bibA={A}&bibB={B}&fromKm=-1&toKm=5              | 400 | invalid-request      | fromKm | outside stage 6
            reversed interval               | bibA={A}&bibB={B}&fromKm=50&toKm=40             | 400 | invalid-request      | toKm | reversed or empty: 'fromKm' (50.0) must be less than 'toKm' (40.0)
            only one end of the interval    | bibA={A}&bibB={B}&fromKm=50                     | 400 | invalid-request      | toKm | give both 'fromKm' and 'toKm'
            climb and interval together     | bibA={A}&bibB={B}&climb=Col d'Aspin&fromKm=1&toKm=2 | 400 | invalid-request  | fromKm | not both
            no segment                      | bibA={A}&bibB={B}                               | 400 | invalid-request      | climb | got neither
            same rider twice                | bibA={A}&bibB={A}&climb=Col d'Aspin             | 400 | invalid-request      | bibB | two different riders
            bib not a number                | bibA=abc&bibB={B}&climb=Col d'Aspin             | 400 | invalid-request      | bibA | must be a bib number 1..218, got 'abc'
            """)
    void badInputGetsAProblemDetailNamingWhatIsWrong(String name, String query, int status, String type,
            String parameter, String detail) {
        int[] bibs = twoTourmaletRiders();
        String q = query.replace("{A}", Integer.toString(bibs[0])).replace("{B}", Integer.toString(bibs[1]))
                .replace("{NODATA}", Integer.toString(riderWithoutData())).replace(" ", "%20").replace("'", "%27");
        for (String path : List.of("/api/tdf/compare", "/api/tdf/compare.gif")) {
            JsonNode problem = getJson(path + "?raceDay=" + TOURMALET_DAY + "&" + q, status, "application/problem+json");
            assertThat(problem.get("type").asString()).as(path).endsWith("/" + type);
            assertThat(problem.get("status").asInt()).isEqualTo(status);
            assertThat(problem.get("parameter").asString()).as(path).isEqualTo(parameter);
            assertThat(problem.get("detail").asString()).as(path).contains(detail);
        }
    }

    @Test
    void aRestDayAndAClimbWithoutLengthAreRefused() {
        int[] bibs = twoTourmaletRiders();
        JsonNode restDay = getJson("/api/tdf/compare?raceDay=2023-07-10&bibA=" + bibs[0] + "&bibB=" + bibs[1]
                + "&fromKm=1&toKm=2", 400, "application/problem+json");
        assertThat(restDay.get("parameter").asString()).isEqualTo("raceDay");
        assertThat(restDay.get("detail").asString()).contains("2023-07-10, not a race day");
        // Stage 1's Côte de Vivero has no published length, so no foot.
        JsonNode vivero = getJson("/api/tdf/compare?raceDay=2023-07-01&bibA=" + bibs[0] + "&bibB=" + bibs[1]
                + "&climb=" + URLEncoder.encode("Côte de Vivero", StandardCharsets.UTF_8), 422,
                "application/problem+json");
        assertThat(vivero.get("type").asString()).endsWith("/climb-without-length");
        assertThat(vivero.get("detail").asString()).contains("Côte de Vivero", "no published length");
        // Stage 13 is not generated at the tiny scale.
        JsonNode noRoute = getJson("/api/tdf/compare?raceDay=2023-07-14&bibA=" + bibs[0] + "&bibB=" + bibs[1]
                + "&climb=Grand%20Colombier", 404, "application/problem+json");
        assertThat(noRoute.get("detail").asString()).contains("Stage 13 (2023-07-14) has no route");
    }

    JsonNode getJson(String path, int status) {
        return getJson(path, status, "application/json");
    }

    JsonNode getJson(String path, int status, String contentType) {
        HttpResponse<byte[]> r = send(path, "*/*");
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).as("%s: %s", path, body).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).as(path)
                .hasValueSatisfying(t -> assertThat(t).startsWith(contentType));
        return json.readTree(body);
    }

    HttpResponse<byte[]> send(String path, String accept) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Accept", accept).header("Authorization", BASIC_FAN).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
