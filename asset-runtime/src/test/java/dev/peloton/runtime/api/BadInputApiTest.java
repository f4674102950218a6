package dev.peloton.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Whatever a client sends, the API answers a 4xx problem detail that says what is wrong, never a 500, and
 * changes no stored state.
 */
class BadInputApiTest extends ApiTestSupport {

    private record Bad(String method, String path, String body, int status, String mentions) {
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static final String SQL = "'; DROP TABLE runs; --";

    private static List<Bad> requests() {
        String unknownRun = UUID.randomUUID().toString();
        return List.of(
                new Bad("GET", "/api/assets/nope", null, 404, "nope"),
                new Bad("GET", "/api/assets/" + enc(SQL), null, 400, "DROP TABLE"),
                new Bad("GET", "/api/assets/raw/stages/partitions/" + enc(SQL), null, 400, "raw/stages"),
                new Bad("GET", "/api/assets/raw/stages/partitions/" + enc("2023-07-01'\""), null, 400, "2023-07-23"),
                new Bad("GET", "/api/assets/raw/stages/partitions/..%2e", null, 400, "raw/stages"),
                new Bad("GET", "/api/assets/raw/stages/materializations?partition=" + enc("../../etc/passwd"), null,
                        400, "../../etc/passwd"),
                new Bad("GET", "/api/assets/raw/stages/materializations?limit=-1", null, 400, "limit"),
                new Bad("GET", "/api/assets/raw/stages/materializations?limit=99999999999", null, 400, "limit"),
                new Bad("GET", "/api/assets/raw/stages/materializations?before=x", null, 400, "before"),
                new Bad("GET", "/api/lineage?selection=" + enc(SQL), null, 400, "position"),
                new Bad("GET", "/api/lineage?selection=" + enc("group:raw and ("), null, 400, "position"),
                new Bad("GET", "/api/runs?limit=-1", null, 400, "limit"),
                new Bad("GET", "/api/runs?limit=0", null, 400, "limit"),
                new Bad("GET", "/api/runs?limit=501", null, 400, "500"),
                new Bad("GET", "/api/runs?limit=abc", null, 400, "limit"),
                new Bad("GET", "/api/runs?status=" + enc(SQL), null, 400, "status"),
                new Bad("GET", "/api/runs?cursor=" + enc(SQL), null, 400, "cursor"),
                new Bad("GET", "/api/runs?from=yesterday", null, 400, "from"),
                new Bad("GET", "/api/runs?from=2024-01-02T00:00:00Z&to=2024-01-01T00:00:00Z", null, 400, "before"),
                new Bad("GET", "/api/runs?backfill=" + enc(SQL), null, 400, "backfill"),
                new Bad("GET", "/api/runs?asset=" + enc("../x"), null, 400, "asset"),
                new Bad("GET", "/api/runs/" + enc(SQL), null, 400, "run id"),
                new Bad("GET", "/api/runs/" + unknownRun, null, 404, unknownRun),
                new Bad("GET", "/api/runs/" + unknownRun + "/events?after=-1", null, 400, "after"),
                new Bad("GET", "/api/runs/" + unknownRun + "/events?limit=100000", null, 400, "limit"),
                new Bad("GET", "/api/runs/" + unknownRun + "/events/stream?after=-5", null, 400, "after"),
                new Bad("POST", "/api/runs/" + enc(SQL) + "/cancel", "", 400, "run id"),
                new Bad("POST", "/api/runs/" + unknownRun + "/cancel", "", 404, unknownRun),
                new Bad("POST", "/api/runs/" + unknownRun + "/reexecute", "", 404, unknownRun),
                new Bad("POST", "/api/materialize", "{\"selection\": ", 400, "line 1"),
                new Bad("POST", "/api/materialize", "[1, 2]", 400, "JSON object"),
                new Bad("POST", "/api/materialize", "", 400, "JSON"),
                new Bad("POST", "/api/materialize", "{}", 400, "selection"),
                new Bad("POST", "/api/materialize", "{\"selection\": 5}", 400, "selection"),
                new Bad("POST", "/api/materialize", "{\"selection\": \"raw/stages\", \"colour\": 1}", 400, "colour"),
                new Bad("POST", "/api/materialize", "{\"selection\": \"nope\"}", 400, "nope"),
                new Bad("POST", "/api/materialize", "{\"selection\": \"" + SQL + "\"}", 400, "position"),
                new Bad("POST", "/api/materialize", "{\"selection\": \"raw/stages\", \"partitions\": {\"keys\": [\""
                        + SQL + "\"]}}", 400, "DROP TABLE"),
                new Bad("POST", "/api/materialize", "{\"selection\": \"raw/stages\", \"partitions\": {\"keys\": []}}",
                        400, "partitions.keys"),
                new Bad("POST", "/api/materialize", "{\"selection\": \"raw/stages\", \"partitions\": {\"range\":"
                        + " {\"from\": \"1000-01-01\", \"to\": \"9999-12-31\"}}}", 400, "1000-01-01"),
                new Bad("POST", "/api/materialize", "{\"selection\": \"raw/stages\", \"partitions\": \"some\"}", 400,
                        "partitions"),
                new Bad("POST", "/api/materialize", "{\"selection\": \"raw/stages\", \"granularity\": {\"chunks\":"
                        + " -1}}", 400, "granularity.chunks"),
                new Bad("POST", "/api/materialize", "{\"selection\": \"raw/stages\", \"priority\": 1e20}", 400,
                        "priority"),
                new Bad("POST", "/api/materialize", "{\"selection\": \"raw/stages\", \"memoize\": \"yes\"}", 400,
                        "memoize"),
                new Bad("POST", "/api/plan", "{\"selection\": \"raw/stages\", \"partitions\": {\"range\":"
                        + " {\"from\": \"2023-07-09\", \"to\": \"../2023-07-01\"}}}", 400, "../2023-07-01"),
                new Bad("POST", "/api/plan", "{\"selection\": \"raw/stages\", \"partitions\": {\"keys\":"
                        + " [\"2023-07-01\", 7]}}", 400, "partitions.keys[1]"));
    }

    /** Backfills: create and preview take the same body, so each bad body is sent to both. */
    private static List<Bad> backfillRequests() {
        String unknown = UUID.randomUUID().toString();
        List<String[]> bodies = List.of(
                new String[] {"{\"selection\": ", "line 1"},
                new String[] {"", "JSON"},
                new String[] {"[1, 2]", "JSON object"},
                new String[] {"{}", "selection"},
                new String[] {"{\"selection\": \"  \"}", "selection"},
                new String[] {"{\"selection\": \"raw/stages\", \"colour\": 1}", "colour"},
                new String[] {"{\"selection\": \"nope\"}", "nope"},
                new String[] {"{\"selection\": \"" + SQL + "\"}", "position"},
                new String[] {"{\"selection\": \"raw/stages\", \"partitions\": {\"keys\": [\"" + SQL + "\"]}}",
                        "DROP TABLE"},
                new String[] {"{\"selection\": \"raw/stages\", \"partitions\": {\"keys\": [\"2023-07-01\", 7]}}",
                        "partitions.keys[1]"},
                new String[] {"{\"selection\": \"raw/stages\", \"partitions\": {\"range\": {\"from\":"
                        + " \"2023-07-09\", \"to\": \"2023-07-01\"}}}", "2023-07-09"},
                new String[] {"{\"selection\": \"raw/stages\", \"partitions\": {\"range\": {\"from\":"
                        + " \"1000-01-01\", \"to\": \"9999-12-31\"}}}", "1000-01-01"},
                new String[] {"{\"selection\": \"raw/stages\", \"partitions\": \"some\"}", "partitions"},
                new String[] {"{\"selection\": \"raw/stages\", \"policy\": {\"chunks\": 0}}", "policy.chunks"},
                new String[] {"{\"selection\": \"raw/stages\", \"policy\": {\"chunks\": -1}}", "policy.chunks"},
                new String[] {"{\"selection\": \"raw/stages\", \"policy\": {\"chunks\": \"5\"}}", "policy.chunks"},
                new String[] {"{\"selection\": \"raw/stages\", \"policy\": {\"chunks\": 2.5}}", "policy.chunks"},
                new String[] {"{\"selection\": \"raw/stages\", \"policy\": \"weekly\"}", "perPartition"},
                new String[] {"{\"selection\": \"raw/stages\", \"policy\": {\"chunks\": 5, \"x\": 1}}", "policy"},
                new String[] {"{\"selection\": \"raw/stages\", \"policy\": {\"singleRun\": false}}", "policy"},
                new String[] {"{\"selection\": \"big/daily\"}", "100000 runs"},
                new String[] {"{\"selection\": \"raw/stages\", \"tags\": {\"peloton/backfill_id\": \"x\"}}",
                        "reserved"},
                new String[] {"{\"selection\": \"raw/stages\", \"priority\": \"high\"}", "priority"},
                new String[] {"{\"selection\": \"raw/stages\", \"onlyStaleAndMissing\": 1}",
                        "onlyStaleAndMissing"});
        List<Bad> out = new ArrayList<>();
        for (String[] b : bodies) {
            out.add(new Bad("POST", "/api/backfills", b[0], 400, b[1]));
            out.add(new Bad("POST", "/api/backfills/preview", b[0], 400, b[1]));
        }
        out.addAll(List.of(
                new Bad("GET", "/api/backfills?limit=0", null, 400, "limit"),
                new Bad("GET", "/api/backfills?limit=501", null, 400, "500"),
                new Bad("GET", "/api/backfills?status=" + enc(SQL), null, 400, "status"),
                new Bad("GET", "/api/backfills?cursor=" + enc(SQL), null, 400, "backfill id"),
                new Bad("GET", "/api/backfills/" + enc(SQL), null, 400, "backfill id"),
                new Bad("GET", "/api/backfills/" + unknown, null, 404, unknown),
                new Bad("POST", "/api/backfills/" + unknown + "/cancel", "", 404, unknown),
                new Bad("POST", "/api/backfills/" + unknown + "/retry-failed", "", 404, unknown),
                new Bad("POST", "/api/backfills/" + enc(SQL) + "/retry-failed", "", 400, "backfill id")));
        return out;
    }

    /**
     * Schedules and sensors: every endpoint with unknown names, names that cannot be names (path tricks, quotes,
     * SQL, too long) and bad paging. A name of the wrong kind is unknown too.
     */
    private static List<Bad> automationRequests() {
        List<Bad> out = new ArrayList<>();
        String[][] kinds = {{"schedules", "schedule", "nightly_stages"}, {"sensors", "sensor", "stage_files"}};
        for (String[] k : kinds) {
            String base = "/api/" + k[0] + "/";
            String other = k[1].equals("schedule") ? "stage_files" : "nightly_stages";
            String[][] names = {
                    {"nope", "404", "nope"},
                    {other, "404", other},
                    {enc("..") + "%2e", "404", "..."},
                    {enc(k[2] + "'\""), "400", "letters, digits"},
                    {enc(SQL), "400", "DROP TABLE"},
                    {enc(k[2] + "' OR '1'='1"), "400", "OR '1'='1"},
                    {enc("x".repeat(151)), "400", "1 to 150"},
                    {enc(" " + k[2]), "400", "letters, digits"}};
            for (String[] n : names) {
                int status = Integer.parseInt(n[1]);
                out.add(new Bad("GET", base + n[0], null, status, n[2]));
                out.add(new Bad("GET", base + n[0] + "/ticks", null, status, n[2]));
                out.add(new Bad("POST", base + n[0] + "/on", "", status, n[2]));
                out.add(new Bad("POST", base + n[0] + "/off", "", status, n[2]));
            }
            String ticks = base + k[2] + "/ticks";
            out.addAll(List.of(
                    new Bad("GET", ticks + "?limit=-1", null, 400, "limit"),
                    new Bad("GET", ticks + "?limit=0", null, 400, "limit"),
                    new Bad("GET", ticks + "?limit=1001", null, 400, "1000"),
                    new Bad("GET", ticks + "?limit=99999999999999999999", null, 400, "limit"),
                    new Bad("GET", ticks + "?limit=ten", null, 400, "limit"),
                    new Bad("GET", ticks + "?before=x", null, 400, "before"),
                    new Bad("GET", ticks + "?before=-5", null, 400, "before"),
                    new Bad("GET", ticks + "?before=0", null, 400, "before"),
                    new Bad("GET", ticks + "?before=" + enc(SQL), null, 400, "before"),
                    new Bad("GET", ticks + "?before=99999999999999999999", null, 400, "before"),
                    new Bad("GET", base + "nope/ticks?limit=5&before=10", null, 404, "nope")));
        }
        return out;
    }

    @Test
    void everyBadRequestGetsAClearClientErrorAndChangesNothing() {
        String before = tableCounts();
        List<Bad> all = new ArrayList<>(requests());
        all.addAll(backfillRequests());
        all.addAll(automationRequests());
        for (Bad bad : all) {
            HttpRequest.Builder r = HttpRequest.newBuilder(uri(bad.path()));
            if (bad.method().equals("POST")) {
                r.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(bad.body()));
            }
            Answer a = send(r);
            String what = bad.method() + " " + bad.path() + " " + (bad.body() == null ? "" : bad.body());
            assertThat(a.status()).as("%s -> %s", what, a.body()).isEqualTo(bad.status());
            if (!bad.path().endsWith("/stream?after=-5")) {
                assertThat(a.contentType()).as("%s -> %s", what, a.body()).startsWith("application/problem+json");
                assertThat(a.json().get("detail").stringValue()).as(what).contains(bad.mentions());
                assertThat(a.json().get("title").stringValue()).as(what).isNotBlank();
            }
        }
        assertThat(tableCounts()).isEqualTo(before);
    }

    /**
     * A name with an encoded slash or backslash ({@code ..%2F}, {@code ..%5C}) never reaches the API: the servlet container refuses it with a
     * plain 400 before any controller runs, so nothing is looked up or switched.
     */
    @Test
    void namesWithEncodedSlashesOrBackslashesAreRefusedByTheContainer() {
        String before = tableCounts();
        for (String base : List.of("/api/schedules/", "/api/sensors/")) {
            for (String name : List.of(enc("../nightly_stages"), enc("../../stage_files"), enc("a/b"),
                    enc("..\\..\\etc"))) {
                for (String suffix : List.of("", "/ticks", "/on", "/off")) {
                    String path = base + name + suffix;
                    Answer a = suffix.startsWith("/o") ? post(path, "") : get(path);
                    assertThat(a.status()).as("%s -> %s", path, a.body()).isEqualTo(400);
                }
            }
        }
        assertThat(tableCounts()).isEqualTo(before);
    }

    @Test
    void wrongMediaTypesAndMethodsAreClientErrors() {
        String before = tableCounts();
        Answer text = send(HttpRequest.newBuilder(uri("/api/materialize")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("selection=raw/stages")));
        assertThat(text.status()).isEqualTo(415);
        Answer method = send(HttpRequest.newBuilder(uri("/api/materialize")).GET());
        assertThat(method.status()).isEqualTo(405);
        // Switching needs a POST: a GET or PUT of the switch, or a PUT of a status, turns nothing off.
        assertThat(get("/api/schedules/nightly_stages/off").status()).isEqualTo(405);
        assertThat(send(HttpRequest.newBuilder(uri("/api/sensors/stage_files/off"))
                .PUT(HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(405);
        Answer put = send(HttpRequest.newBuilder(uri("/api/schedules/nightly_stages/status"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"status\": \"OFF\"}")));
        assertThat(put.status()).as(put.body()).isBetween(400, 499);
        assertThat(post("/api/schedules/nightly_stages/pause", "").status()).isEqualTo(404);
        assertThat(tableCounts()).isEqualTo(before);
    }
}
