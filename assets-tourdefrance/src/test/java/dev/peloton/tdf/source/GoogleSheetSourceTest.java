package dev.peloton.tdf.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peloton.tdf.generate.Scale;
import dev.peloton.tdf.generate.SheetWriter;
import dev.peloton.tdf.generate.TdfGenerator;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Google Sheets source in its three ways against a local server holding the generated sheet. */
class GoogleSheetSourceTest {

    @TempDir
    static Path dir;
    private static LocalSheetServer server;
    private static GoogleSheetSource sheets;
    private static final List<List<String>> AWKWARD = List.of(
            List.of("bib", "name", "note", "team"),
            List.of("1", "Dupont, Jean", "says \"allez\"", "Team A"),
            List.of("2", "Multi\nLine", "", "Team B"),
            List.of("3", "Trailing", "", ""),
            List.of("4", "", "", ""));

    @BeforeAll
    static void serve() {
        new TdfGenerator().writeFiles(dir, Scale.TINY, 3);
        server = LocalSheetServer.ofGeneratedSheet(dir)
                .tab("awkward tab", 42, AWKWARD)
                .start(0);
        sheets = new GoogleSheetSource(GoogleSheetSource.Config.local(server.baseUrl(),
                LocalSheetServer.EXAMPLE_SPREADSHEET_ID));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theThreeWaysReadTheGeneratedRidersTabIdentically() throws IOException {
        List<List<String>> file = readCsvFile(TdfGenerator.ridersFile(dir));

        SheetTable export = sheets.readByGid("riders", LocalSheetServer.RIDERS_GID);
        SheetTable gviz = sheets.readByName("riders");
        SheetTable api = sheets.readValues("riders");

        for (SheetTable t : List.of(export, gviz, api)) {
            assertThat(t.header()).as(t.url()).isEqualTo(SheetWriter.RIDER_COLUMNS).isEqualTo(file.getFirst());
            assertThat(t.rows()).as(t.url()).hasSize(176).isEqualTo(file.subList(1, file.size()));
            assertThat(t.tab()).isEqualTo("riders");
        }
        assertThat(export.url()).endsWith("/spreadsheets/d/tdf2023-riders/export?format=csv&gid=0");
        assertThat(gviz.url()).endsWith("/spreadsheets/d/tdf2023-riders/gviz/tq?tqx=out:csv&sheet=riders");
        assertThat(api.url()).endsWith("/v4/spreadsheets/tdf2023-riders/values/riders");
        // half the riders have no Strava id: empty cells in the middle of a row survive every way
        assertThat(api.values("strava_id").stream().filter(String::isEmpty).count()).isEqualTo(88);
        assertThat(export.get(0, "bib")).isEqualTo("1");

        SheetTable stages = sheets.readByGid("stages_info", LocalSheetServer.STAGES_INFO_GID);
        assertThat(stages.rows()).hasSize(21).isEqualTo(sheets.readValues("stages_info!A1:J22").rows());
        assertThat(stages.values("stage")).first().isEqualTo("1");
    }

    @Test
    void quotesCommasAndLineBreaksSurviveEveryWay() {
        for (SheetTable t : List.of(sheets.readByGid("awkward tab", 42), sheets.readByName("awkward tab"),
                sheets.readValues("'awkward tab'!A:D"))) {
            assertThat(t.header()).as(t.url()).isEqualTo(AWKWARD.getFirst());
            assertThat(t.rows()).as(t.url()).isEqualTo(AWKWARD.subList(1, AWKWARD.size()));
        }
    }

    @Test
    void raggedApiRowsArePaddedToTheHeaderWidth() throws Exception {
        // what the server sends: trailing empty cells dropped, as the real API does
        String raw = get(server.baseUrl() + "/v4/spreadsheets/tdf2023-riders/values/awkward%20tab");
        Object json = SimpleJson.parse("raw", raw);
        @SuppressWarnings("unchecked")
        List<List<Object>> values = (List<List<Object>>) ((Map<String, Object>) json).get("values");
        assertThat(values).extracting(List::size).containsExactly(4, 4, 4, 2, 1);
        assertThat(((Map<?, ?>) json).get("range")).isEqualTo("'awkward tab'!A1:D5");
        assertThat(((Map<?, ?>) json).get("majorDimension")).isEqualTo("ROWS");

        SheetTable t = sheets.readValues("awkward tab");
        assertThat(t.rows()).extracting(List::size).containsOnly(4);
        assertThat(t.rows().get(2)).containsExactly("3", "Trailing", "", "");
        assertThat(t.rows().get(3)).containsExactly("4", "", "", "");
    }

    @Test
    void aMissingColumnNamesTabUrlAndColumn() {
        SheetTable riders = sheets.readByName("riders");
        assertThatThrownBy(() -> riders.column("ftp_watts"))
                .isInstanceOf(SheetSourceException.class)
                .hasMessageContaining("tab 'riders'")
                .hasMessageContaining(server.baseUrl() + "/spreadsheets/d/tdf2023-riders/gviz/tq?tqx=out:csv&sheet=riders")
                .hasMessageContaining("has no column 'ftp_watts'")
                .hasMessageContaining("its columns are [bib, name,")
                .satisfies(e -> assertThat(((SheetSourceException) e).column()).isEqualTo("ftp_watts"));
        assertThatThrownBy(() -> riders.require(List.of("bib", "vo2max", "ftp")))
                .hasMessageContaining("lacks columns [vo2max, ftp]");
        assertThat(riders.require(List.of("bib", "team"))).isSameAs(riders);
    }

    @Test
    void httpErrorsNameTabUrlAndStatus() {
        server.fail("riders", 500);
        try {
            assertThatThrownBy(() -> sheets.readByGid("riders", 0)).isInstanceOf(SheetSourceException.class)
                    .hasMessageContaining("tab 'riders': GET " + server.baseUrl()
                            + "/spreadsheets/d/tdf2023-riders/export?format=csv&gid=0 answered HTTP 500")
                    .satisfies(e -> assertThat(((SheetSourceException) e).httpStatus()).isEqualTo(500));
            assertThatThrownBy(() -> sheets.readValues("riders")).hasMessageContaining("answered HTTP 500")
                    .hasMessageContaining("Internal error encountered.");
        } finally {
            server.recover("riders");
        }
        assertThat(sheets.readByGid("riders", 0).rows()).hasSize(176);

        GoogleSheetSource unknown = new GoogleSheetSource(GoogleSheetSource.Config.local(server.baseUrl(), "nope"));
        assertThatThrownBy(() -> unknown.readByGid("riders", 0)).hasMessageContaining("answered HTTP 404")
                .hasMessageContaining("/spreadsheets/d/nope/export");
        assertThatThrownBy(() -> unknown.readValues("riders")).hasMessageContaining("answered HTTP 404")
                .hasMessageContaining("Requested entity was not found.");
        assertThatThrownBy(() -> sheets.readByGid("ghost", 12345)).hasMessageContaining("tab 'ghost'")
                .hasMessageContaining("answered HTTP 404");
        assertThatThrownBy(() -> sheets.readByName("ghost")).hasMessageContaining("tab 'ghost'")
                .hasMessageContaining("sheet=ghost answered HTTP 400");
        assertThatThrownBy(() -> sheets.readValues("ghost!A1:B2")).hasMessageContaining("answered HTTP 400")
                .hasMessageContaining("Unable to parse range: ghost!A1:B2");
    }

    @Test
    void theApiKeyNeverAppearsInMessages() {
        URI base = server.baseUrl();
        GoogleSheetSource withKey = new GoogleSheetSource(new GoogleSheetSource.Config(base, base, "nope",
                "SECRET-KEY-123", Duration.ofSeconds(2), Duration.ofSeconds(5)));
        assertThatThrownBy(() -> withKey.readValues("riders"))
                .hasMessageContaining("/v4/spreadsheets/nope/values/riders?key=***")
                .hasMessageNotContaining("SECRET-KEY-123")
                .satisfies(e -> assertThat(((SheetSourceException) e).url()).doesNotContain("SECRET"));
    }

    @Test
    void aServerThatIsNotThereIsAClearError() {
        URI closed;
        try (LocalSheetServer other = new LocalSheetServer("x").start(0)) {
            closed = other.baseUrl();
        }
        GoogleSheetSource nowhere = new GoogleSheetSource(GoogleSheetSource.Config.local(closed, "x"));
        assertThatThrownBy(() -> nowhere.readByName("riders"))
                .hasMessageContaining("tab 'riders': GET " + closed + "/spreadsheets/d/x/gviz/tq")
                .hasMessageContaining("failed");
    }

    @Test
    void badConfigurationIsRejected() {
        URI base = URI.create("http://127.0.0.1:1");
        assertThatThrownBy(() -> GoogleSheetSource.Config.local(base, "a/b"))
                .hasMessageContaining("spreadsheet id 'a/b' is invalid");
        assertThatThrownBy(() -> new GoogleSheetSource.Config(base, base, "id", null, Duration.ZERO,
                Duration.ofSeconds(1))).hasMessageContaining("timeouts must be positive");
        assertThatThrownBy(() -> sheets.readByName(" ")).hasMessageContaining("tab name must not be blank");
        assertThatThrownBy(() -> server.fail("riders", 200)).hasMessageContaining("not an HTTP error");
        assertThat(GoogleSheetSource.Config.google("abc", "k").docsBaseUrl()).isEqualTo(GoogleSheetSource.GOOGLE_DOCS);
    }

    @Test
    void anEmptyTabIsAClearError() {
        server.tab("empty", 7, List.of());
        assertThatThrownBy(() -> sheets.readByGid("empty", 7)).hasMessageContaining("tab 'empty'")
                .hasMessageContaining("is empty: no header row");
        assertThatThrownBy(() -> sheets.readValues("empty")).hasMessageContaining("is empty: no header row");
    }

    private static String get(String url) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body();
        }
    }

    private static List<List<String>> readCsvFile(Path file) throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (CsvRecordReader r = new CsvRecordReader(file.toString(),
                new StringReader(Files.readString(file, StandardCharsets.UTF_8)))) {
            CsvRecordReader.CsvRecord rec;
            while ((rec = r.next()) != null) {
                out.add(rec.fields());
            }
        }
        return out;
    }
}
