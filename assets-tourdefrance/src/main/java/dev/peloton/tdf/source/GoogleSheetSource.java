package dev.peloton.tdf.source;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a tab of a Google Sheet in one of the three ways a user would:
 * <ul>
 *   <li>{@link #readByGid}: the CSV export, {@code /spreadsheets/d/{id}/export?format=csv&gid={gid}} (sheet shared
 *       "anyone with the link");</li>
 *   <li>{@link #readByName}: the visualization API CSV by tab name,
 *       {@code /spreadsheets/d/{id}/gviz/tq?tqx=out:csv&sheet={name}};</li>
 *   <li>{@link #readValues}: the Sheets API v4, {@code /v4/spreadsheets/{id}/values/{range}}, with an API key.</li>
 * </ul>
 * The base URLs are configurable; the defaults of {@link Config#local} point at a {@link LocalSheetServer}, so the
 * example runs without the internet. Use {@link Config#google} for the real thing.
 */
public final class GoogleSheetSource {

    /** Where the export and gviz URLs live on Google. */
    public static final URI GOOGLE_DOCS = URI.create("https://docs.google.com");
    /** Where the Sheets API lives on Google. */
    public static final URI GOOGLE_SHEETS_API = URI.create("https://sheets.googleapis.com");
    /** The default local base URL: a {@link LocalSheetServer} on its default port. */
    public static final URI LOCAL = URI.create("http://127.0.0.1:" + LocalSheetServer.DEFAULT_PORT);

    private static final int ERROR_BODY_CHARS = 300;

    /**
     * Where and how to read.
     *
     * @param docsBaseUrl    base of the export and gviz URLs
     * @param apiBaseUrl     base of the Sheets API URL
     * @param spreadsheetId  the sheet's id (from its URL)
     * @param apiKey         API key for the Sheets API, or null (never shown in messages)
     * @param connectTimeout how long to wait for a connection
     * @param requestTimeout how long to wait for a whole answer
     */
    public record Config(URI docsBaseUrl, URI apiBaseUrl, String spreadsheetId, String apiKey, Duration connectTimeout,
                         Duration requestTimeout) {

        public Config {
            if (docsBaseUrl == null || apiBaseUrl == null) {
                throw new IllegalArgumentException("base URLs must not be null");
            }
            if (spreadsheetId == null || !spreadsheetId.matches("[A-Za-z0-9_-]{1,200}")) {
                throw new IllegalArgumentException("spreadsheet id '" + spreadsheetId
                        + "' is invalid: expected the id from the sheet's URL (letters, digits, '-', '_')");
            }
            if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()
                    || requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive, got connect " + connectTimeout
                        + ", request " + requestTimeout);
            }
        }

        /** A sheet served by a {@link LocalSheetServer} at {@code baseUrl}, 2 s to connect, 10 s per request. */
        public static Config local(URI baseUrl, String spreadsheetId) {
            return new Config(baseUrl, baseUrl, spreadsheetId, null, Duration.ofSeconds(2), Duration.ofSeconds(10));
        }

        /** A sheet on Google, 5 s to connect, 30 s per request; {@code apiKey} only for {@link #readValues}. */
        public static Config google(String spreadsheetId, String apiKey) {
            return new Config(GOOGLE_DOCS, GOOGLE_SHEETS_API, spreadsheetId, apiKey, Duration.ofSeconds(5),
                    Duration.ofSeconds(30));
        }
    }

    private final Config config;
    private final HttpClient http;

    public GoogleSheetSource(Config config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Reads a tab through the CSV export by its gid; {@code tab} only labels errors. */
    public SheetTable readByGid(String tab, long gid) {
        URI uri = resolve(config.docsBaseUrl(), "/spreadsheets/d/" + config.spreadsheetId() + "/export?format=csv&gid="
                + gid);
        String label = tab == null ? "gid " + gid : tab;
        return csv(label, uri, get(label, uri));
    }

    /** Reads a tab through the gviz CSV by its name. */
    public SheetTable readByName(String tab) {
        requireTab(tab);
        URI uri = resolve(config.docsBaseUrl(), "/spreadsheets/d/" + config.spreadsheetId()
                + "/gviz/tq?tqx=out:csv&sheet=" + encode(tab));
        return csv(tab, uri, get(tab, uri));
    }

    /**
     * Reads a range ({@code riders} or {@code riders!A1:J}) through the Sheets API values endpoint. Rows come back with
     * trailing empty cells dropped; they are padded to the header's width.
     */
    public SheetTable readValues(String range) {
        requireTab(range);
        String tab = tabOf(range);
        String query = config.apiKey() == null ? "" : "?key=" + encode(config.apiKey());
        URI uri = resolve(config.apiBaseUrl(), "/v4/spreadsheets/" + config.spreadsheetId() + "/values/"
                + encode(range) + query);
        String url = redact(uri);
        String body = get(tab, uri);
        Object json;
        try {
            json = SimpleJson.parse("tab '" + tab + "' (" + url + ")", body);
        } catch (IllegalArgumentException e) {
            throw new SheetSourceException(tab, url, null, 0, e.getMessage(), e);
        }
        if (!(json instanceof Map<?, ?> m)) {
            throw new SheetSourceException(tab, url, null, "tab '" + tab + "' (" + url
                    + "): expected a JSON object with 'values'");
        }
        Object dimension = m.get("majorDimension");
        if (dimension != null && !"ROWS".equals(dimension)) {
            throw new SheetSourceException(tab, url, null, "tab '" + tab + "' (" + url + "): majorDimension is "
                    + dimension + ", expected ROWS");
        }
        Object values = m.get("values");
        if (values == null) {
            throw new SheetSourceException(tab, url, null, "tab '" + tab + "' (" + url
                    + ") is empty: no header row");
        }
        if (!(values instanceof List<?> list)) {
            throw new SheetSourceException(tab, url, null, "tab '" + tab + "' (" + url + "): 'values' is not an array");
        }
        List<List<String>> rows = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof List<?> cells)) {
                throw new SheetSourceException(tab, url, null, "tab '" + tab + "' (" + url + "): row " + (i + 1)
                        + " is not an array");
            }
            List<String> row = new ArrayList<>(cells.size());
            for (Object cell : cells) {
                row.add(cellText(cell));
            }
            rows.add(row);
        }
        return table(tab, url, rows, true);
    }

    private SheetTable csv(String tab, URI uri, String body) {
        String url = redact(uri);
        List<List<String>> rows = new ArrayList<>();
        try (CsvRecordReader reader = new CsvRecordReader("tab '" + tab + "' (" + url + ")", new StringReader(body))) {
            CsvRecordReader.CsvRecord r;
            while ((r = reader.next()) != null) {
                rows.add(r.fields());
            }
        } catch (IllegalArgumentException e) {
            throw new SheetSourceException(tab, url, null, 0, e.getMessage(), e);
        }
        return table(tab, url, rows, false);
    }

    private static SheetTable table(String tab, String url, List<List<String>> all, boolean pad) {
        if (all.isEmpty() || (all.getFirst().size() == 1 && all.getFirst().getFirst().isEmpty())) {
            throw new SheetSourceException(tab, url, null, "tab '" + tab + "' (" + url + ") is empty: no header row");
        }
        List<String> header = all.getFirst();
        int width = header.size();
        List<List<String>> rows = new ArrayList<>(all.size() - 1);
        for (int i = 1; i < all.size(); i++) {
            List<String> row = all.get(i);
            if (pad && row.size() < width) {
                row = new ArrayList<>(row);
                while (row.size() < width) {
                    row.add("");
                }
            }
            if (row.size() != width) {
                throw new SheetSourceException(tab, url, null, "tab '" + tab + "' (" + url + "): row " + (i + 1)
                        + " has " + row.size() + " cells, the header has " + width + " " + header);
            }
            rows.add(row);
        }
        return new SheetTable(tab, url, header, rows);
    }

    private String get(String tab, URI uri) {
        String url = redact(uri);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.requestTimeout())
                .header("Accept", "text/csv, application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SheetSourceException(tab, url, null, 0, "tab '" + tab + "': GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SheetSourceException(tab, url, null, 0, "tab '" + tab + "': GET " + url + " interrupted", e);
        }
        if (response.statusCode() != 200) {
            String body = response.body() == null ? "" : response.body().strip();
            if (body.length() > ERROR_BODY_CHARS) {
                body = body.substring(0, ERROR_BODY_CHARS) + "...";
            }
            throw new SheetSourceException(tab, url, null, response.statusCode(), "tab '" + tab + "': GET " + url
                    + " answered HTTP " + response.statusCode() + (body.isEmpty() ? "" : ": " + body), null);
        }
        return response.body();
    }

    private static String cellText(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        if (cell instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        return cell.toString();
    }

    /** The tab part of an A1 range: {@code riders!A1:J} and {@code 'my tab'!A:B} give {@code riders}, {@code my tab}. */
    static String tabOf(String range) {
        int bang = range.lastIndexOf('!');
        String tab = bang < 0 ? range : range.substring(0, bang);
        if (tab.length() >= 2 && tab.startsWith("'") && tab.endsWith("'")) {
            tab = tab.substring(1, tab.length() - 1).replace("''", "'");
        }
        return tab;
    }

    private static void requireTab(String tab) {
        if (tab == null || tab.isBlank()) {
            throw new IllegalArgumentException("tab name must not be blank");
        }
    }

    private static URI resolve(URI base, String pathAndQuery) {
        String b = base.toString();
        if (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return URI.create(b + pathAndQuery);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The URL with the API key masked, for messages and logs. */
    static String redact(URI uri) {
        return uri.toString().replaceAll("([?&]key=)[^&]*", "$1***");
    }
}
