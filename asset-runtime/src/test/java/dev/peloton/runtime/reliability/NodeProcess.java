package dev.peloton.runtime.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ReliabilityNode} in a JVM process of its own, on the test's class path, with its output in a file
 * (kept under {@code target/} for debugging a failed run).
 */
final class NodeProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int port;
    final Path log;
    final Process process;

    private NodeProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    static NodeProcess start(String name, Path dir, String jdbcUrl, List<String> properties) {
        try {
            Files.createDirectories(dir);
            int port = freePort();
            Path log = dir.resolve(name + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // Three of these share two cores with the test: start fast, stay small.
                    "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
                    "-cp", System.getProperty("java.class.path"),
                    ReliabilityNode.class.getName(),
                    "--spring.datasource.url=" + jdbcUrl,
                    "--server.port=" + port,
                    "--peloton.data-dir=" + dir.resolve(name + "-data"),
                    "--spring.quartz.properties.org.quartz.scheduler.instanceId=" + name,
                    "--logging.level.dev.peloton=INFO"));
            command.addAll(properties);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new NodeProcess(name, port, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start node " + name, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Whether the node answers HTTP (it started). Fails at once if the process died, naming its log. */
    boolean answers() {
        if (!process.isAlive()) {
            throw new IllegalStateException("Node " + name + " exited with " + process.exitValue() + "; see " + log);
        }
        try {
            return get("/api/backfills").statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** SIGKILL on Linux: no shutdown hook, no graceful stop; returns once the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Node " + name + " (pid " + process.pid() + ") survived SIGKILL");
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
