package dev.peloton.tdf.source;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the tabs of a sheet on 127.0.0.1 the way Google does, so the example and its tests read "Google Sheets"
 * without the internet:
 * <ul>
 *   <li>{@code GET /spreadsheets/d/{id}/export?format=csv&gid={gid}}: CSV, CRLF between rows, minimal quoting;</li>
 *   <li>{@code GET /spreadsheets/d/{id}/gviz/tq?tqx=out:csv&sheet={name}}: CSV with every field quoted, LF rows;</li>
 *   <li>{@code GET /v4/spreadsheets/{id}/values/{range}}: {@code {"range","majorDimension":"ROWS","values"}} with
 *       trailing empty cells dropped. The cell part of the range is checked but the whole tab is returned.</li>
 * </ul>
 * Unknown spreadsheets answer 404, unknown tabs 400 (gviz, API) or 404 (export), as Google does.
 */
public final class LocalSheetServer implements AutoCloseable {

    /** The port {@link GoogleSheetSource#LOCAL} expects. */
    public static final int DEFAULT_PORT = 8765;
    /** The spreadsheet id the example uses. */
    public static final String EXAMPLE_SPREADSHEET_ID = "tdf2023-riders";
    /** The gid of the {@code riders} tab. */
    public static final long RIDERS_GID = 0;
    /** The gid of the {@code stages_info} tab. */
    public static final long STAGES_INFO_GID = 1_771_431_954L;

    private static final Pattern EXPORT = Pattern.compile("/spreadsheets/d/([^/]+)/export");
    private static final Pattern GVIZ = Pattern.compile("/spreadsheets/d/([^/]+)/gviz/tq");
    private static final Pattern VALUES = Pattern.compile("/v4/spreadsheets/([^/]+)/values/(.+)");
    private static final Pattern CELLS = Pattern.compile("[A-Z]{0,3}\\d{0,7}(:[A-Z]{0,3}\\d{0,7})?");

    private record Tab(String name, long gid, List<List<String>> rows) {
    }

    private final String spreadsheetId;
    private final Map<String, Tab> byName = new ConcurrentHashMap<>();
    private final Map<Long, Tab> byGid = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private HttpServer server;
    private ExecutorService executor;

    /** An empty sheet; add tabs, then {@link #start}. */
    public LocalSheetServer(String spreadsheetId) {
        if (spreadsheetId == null || !spreadsheetId.matches("[A-Za-z0-9_-]{1,200}")) {
            throw new IllegalArgumentException("spreadsheet id '" + spreadsheetId + "' is invalid");
        }
        this.spreadsheetId = spreadsheetId;
    }

    /** The generated riders sheet under {@code generatedDir} (as {@code TdfGenerator.writeFiles} wrote it). */
    public static LocalSheetServer ofGeneratedSheet(Path generatedDir) {
        LocalSheetServer s = new LocalSheetServer(EXAMPLE_SPREADSHEET_ID);
        s.tab("riders", RIDERS_GID, generatedDir.resolve("sheet").resolve("riders.csv"));
        s.tab("stages_info", STAGES_INFO_GID, generatedDir.resolve("sheet").resolve("stages_info.csv"));
        return s;
    }

    /** Adds (or replaces) a tab from a CSV file. */
    public LocalSheetServer tab(String name, long gid, Path csvFile) {
        String text;
        try {
            text = Files.readString(csvFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("tab '" + name + "': cannot read " + csvFile, e);
        }
        List<List<String>> rows = new ArrayList<>();
        try (CsvRecordReader r = new CsvRecordReader(csvFile.toString(), new StringReader(text))) {
            CsvRecordReader.CsvRecord rec;
            while ((rec = r.next()) != null) {
                rows.add(rec.fields());
            }
        }
        return tab(name, gid, rows);
    }

    /** Adds (or replaces) a tab from rows (the first is the header); rows may be ragged. */
    public LocalSheetServer tab(String name, long gid, List<List<String>> rows) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("tab name must not be blank");
        }
        Tab old = byName.get(name);
        if (old != null) {
            byGid.remove(old.gid());
        }
        Tab t = new Tab(name, gid, rows.stream().map(List::copyOf).toList());
        byName.put(name, t);
        byGid.put(gid, t);
        return this;
    }

    /** Makes every request for a tab answer with an HTTP status (e.g. 500), until {@link #recover}. */
    public LocalSheetServer fail(String tab, int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status " + status + " is not an HTTP error (400..599)");
        }
        failures.put(tab, status);
        return this;
    }

    /** Serves a failed tab again. */
    public LocalSheetServer recover(String tab) {
        failures.remove(tab);
        return this;
    }

    /** Starts on 127.0.0.1 at a port (0 picks a free one). */
    public LocalSheetServer start(int port) {
        if (server != null) {
            throw new IllegalStateException("already started at " + baseUrl());
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    /** Where it listens, e.g. {@code http://127.0.0.1:8765}. */
    public URI baseUrl() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The id it serves. */
    public String spreadsheetId() {
        return spreadsheetId;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod())) {
                send(ex, 405, "text/plain", "only GET");
                return;
            }
            String path = ex.getRequestURI().getPath();
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            Matcher m;
            if ((m = EXPORT.matcher(path)).matches()) {
                export(ex, m.group(1), query);
            } else if ((m = GVIZ.matcher(path)).matches()) {
                gviz(ex, m.group(1), query);
            } else if ((m = VALUES.matcher(path)).matches()) {
                values(ex, m.group(1), m.group(2));
            } else {
                send(ex, 404, "text/plain", "not found: " + path);
            }
        }
    }

    private void export(HttpExchange ex, String id, Map<String, String> query) throws IOException {
        if (!spreadsheetId.equals(id)) {
            send(ex, 404, "text/html", "<html><body>Sorry, unable to open the file at this time.</body></html>");
            return;
        }
        if (!"csv".equals(query.get("format"))) {
            send(ex, 400, "text/plain", "format must be csv");
            return;
        }
        Tab t = null;
        try {
            t = byGid.get(Long.parseLong(query.getOrDefault("gid", "0")));
        } catch (NumberFormatException e) {
            // falls through to 404 like an unknown gid
        }
        if (t == null) {
            send(ex, 404, "text/html", "<html><body>no tab with gid " + query.get("gid") + "</body></html>");
            return;
        }
        if (!failed(ex, t.name())) {
            send(ex, 200, "text/csv; charset=utf-8", csv(t.rows(), false));
        }
    }

    private void gviz(HttpExchange ex, String id, Map<String, String> query) throws IOException {
        if (!spreadsheetId.equals(id)) {
            send(ex, 404, "text/html", "<html><body>Sorry, unable to open the file at this time.</body></html>");
            return;
        }
        Tab t = byName.get(query.getOrDefault("sheet", ""));
        if (t == null || !"out:csv".equals(query.get("tqx"))) {
            send(ex, 400, "text/plain", "Invalid query: no sheet '" + query.get("sheet") + "' or tqx not out:csv");
            return;
        }
        if (!failed(ex, t.name())) {
            send(ex, 200, "text/csv; charset=utf-8", csv(t.rows(), true));
        }
    }

    private void values(HttpExchange ex, String id, String range) throws IOException {
        if (!spreadsheetId.equals(id)) {
            sendApiError(ex, 404, "NOT_FOUND", "Requested entity was not found.");
            return;
        }
        int bang = range.lastIndexOf('!');
        String cells = bang < 0 ? "" : range.substring(bang + 1);
        Tab t = byName.get(GoogleSheetSource.tabOf(range));
        if (t == null || !CELLS.matcher(cells).matches()) {
            sendApiError(ex, 400, "INVALID_ARGUMENT", "Unable to parse range: " + range);
            return;
        }
        if (failed(ex, t.name())) {
            return;
        }
        int width = t.rows().stream().mapToInt(List::size).max().orElse(0);
        String a1 = (t.name().matches("[A-Za-z0-9_]+") ? t.name() : "'" + t.name().replace("'", "''") + "'")
                + "!A1:" + column(Math.max(width, 1)) + Math.max(t.rows().size(), 1);
        StringBuilder sb = new StringBuilder("{\n  \"range\": ").append(SimpleJson.quote(a1))
                .append(",\n  \"majorDimension\": \"ROWS\"");
        if (!t.rows().isEmpty()) {
            sb.append(",\n  \"values\": [");
            for (int i = 0; i < t.rows().size(); i++) {
                List<String> row = t.rows().get(i);
                int n = row.size();
                while (n > 0 && row.get(n - 1).isEmpty()) {
                    n--; // the API drops trailing empty cells
                }
                sb.append(i == 0 ? "\n    [" : ",\n    [");
                for (int j = 0; j < n; j++) {
                    sb.append(j == 0 ? "" : ", ").append(SimpleJson.quote(row.get(j)));
                }
                sb.append(']');
            }
            sb.append("\n  ]");
        }
        send(ex, 200, "application/json; charset=utf-8", sb.append("\n}\n").toString());
    }

    private boolean failed(HttpExchange ex, String tab) throws IOException {
        Integer status = failures.get(tab);
        if (status == null) {
            return false;
        }
        if (ex.getRequestURI().getPath().startsWith("/v4/")) {
            sendApiError(ex, status, "INTERNAL", "Internal error encountered.");
        } else {
            send(ex, status, "text/html", "<html><body>Error " + status + "</body></html>");
        }
        return true;
    }

    private static void sendApiError(HttpExchange ex, int status, String code, String message) throws IOException {
        send(ex, status, "application/json; charset=utf-8", "{\n  \"error\": {\n    \"code\": " + status
                + ",\n    \"message\": " + SimpleJson.quote(message) + ",\n    \"status\": \"" + code + "\"\n  }\n}\n");
    }

    private static String csv(List<List<String>> rows, boolean quoteAll) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                sb.append(quoteAll ? "\n" : "\r\n");
            }
            List<String> row = rows.get(i);
            for (int j = 0; j < row.size(); j++) {
                if (j > 0) {
                    sb.append(',');
                }
                String v = row.get(j);
                if (quoteAll || v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0
                        || v.indexOf('\r') >= 0) {
                    sb.append('"').append(v.replace("\"", "\"\"")).append('"');
                } else {
                    sb.append(v);
                }
            }
        }
        return sb.toString();
    }

    private static String column(int n) {
        StringBuilder sb = new StringBuilder();
        for (int c = n; c > 0; c = (c - 1) / 26) {
            sb.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return sb.toString();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Serves the generated sheet under a directory: {@code LocalSheetServer <generated dir> [port]}. */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: LocalSheetServer <generated dir> [port, default " + DEFAULT_PORT + "]");
            System.exit(2);
        }
        int port = args.length == 2 ? Integer.parseInt(args[1]) : DEFAULT_PORT;
        LocalSheetServer s = ofGeneratedSheet(Path.of(args[0])).start(port);
        System.out.println("serving spreadsheet '" + s.spreadsheetId() + "' at " + s.baseUrl());
    }
}
