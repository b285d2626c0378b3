package org.systemmetrics.collector.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built jar run as an operator runs it: {@code java -jar target/systemmetrics-collector.jar}, configured by
 * environment variables, its output kept in a file. {@link #close()} sends SIGTERM and, should it hang, kills it.
 */
public final class CollectorProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int port;

    private CollectorProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    public static Path jar() {
        Path jar = Path.of(System.getProperty("collector.jar", "target/systemmetrics-collector.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the ITs through `mvn verify`, which builds it");
        }
        return jar;
    }

    public static CollectorProcess start(Path workDir, Map<String, String> env) throws IOException {
        int port = freePort();
        Path log = workDir.resolve("collector.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar().toAbsolutePath().toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("COLLECTOR_"));
        builder.environment().put("COLLECTOR_PORT", Integer.toString(port));
        builder.environment().putAll(env);
        CollectorProcess started = new CollectorProcess(builder.start(), log, port);
        try {
            Poll.until("the collector to answer /health", Duration.ofSeconds(60), () -> {
                if (!started.process.isAlive()) {
                    throw new AssertionError("the collector exited with " + started.process.exitValue() + ":\n"
                            + started.log());
                }
                return started.client(Clock.systemUTC()).get("/health").statusCode() == 200;
            });
        } catch (AssertionError | RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public int port() {
        return port;
    }

    public SigningClient client(Clock clock) {
        return new SigningClient(uri(), clock);
    }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Process process() {
        return process;
    }

    /** SIGTERM, as systemd or Docker stop it. */
    public void terminate() {
        process.destroy();
    }

    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the collector did not stop within " + timeout.toSeconds() + " s");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public static HttpRequest.Builder get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
    }
}
