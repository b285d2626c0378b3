package org.systemmetrics.realserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.systemmetrics.openfire.admin.PageTexts.htmlPattern;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 19 end to end: a real Openfire (the newest distribution) reports to the real collector, run as its operator
 * runs it ({@code java -jar collector/target/systemmetrics-collector.jar}, signatures required); the signed report
 * shows in the fleet's JSON and the public aggregates, and <i>Forget this server</i> on the admin page erases it.
 */
@ParameterizedClass(name = "{0}", allowZeroInvocations = true)
@MethodSource("newest")
@ExtendWith(QuoteOpenfireLogOnFailure.class)
class CollectorOnRealServerIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String FLEET_TOKEN = "it-fleet-token-0123456789";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Process collector;
    private static Path collectorLog;
    private static URI collectorUri;
    private static RealOpenfire server;

    @Parameter
    OpenfireDistribution distribution;

    static List<OpenfireDistribution> newest() {
        List<OpenfireDistribution> found = OpenfireDistribution.found();
        return found.isEmpty() ? List.of() : List.of(found.get(found.size() - 1));
    }

    @BeforeParameterizedClassInvocation
    static void start(OpenfireDistribution distribution) throws IOException {
        // A fresh folder, so no installation of an earlier run is in the collector's database.
        Path parent = Paths.get(System.getProperty("realserver.dir", "target/realserver"));
        Files.createDirectories(parent);
        Path work = Files.createTempDirectory(parent, "collector-e2e-");
        try {
            startCollector(work);
            server = RealOpenfire.builder(distribution, "collector")
                    .confFile("system_metrics.yml", "services:\n  service_mongoose_system_metrics:\n"
                            + "    report: true\n    initial_report: 1000\n    periodic_report: 10800000\n"
                            + "    report_endpoint: \"" + collectorUri.resolve("/v1/reports") + "\"\n"
                            + "    report_endpoint_token: " + FLEET_TOKEN + "\n")
                    .start();
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
    }

    /** Aggregates of one installation, counted at its first report, so that one server shows. */
    private static void startCollector(Path work) throws IOException {
        Path jar = Paths.get(System.getProperty("collector.jar", "collector/target/systemmetrics-collector.jar"));
        assertThat(jar).as("the collector jar; build it first: mvn -B -f collector/pom.xml package -DskipTests")
                .isRegularFile();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        collectorUri = URI.create("http://127.0.0.1:" + port + "/");
        collectorLog = work.resolve("collector.log");
        ProcessBuilder builder = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toAbsolutePath().toString())
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(collectorLog.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("COLLECTOR_"));
        builder.environment().put("COLLECTOR_PORT", Integer.toString(port));
        builder.environment().put("COLLECTOR_DATA_DIR", work.resolve("data").toString());
        builder.environment().put("COLLECTOR_FLEET_TOKENS", "it:" + FLEET_TOKEN);
        builder.environment().put("COLLECTOR_K", "1");
        builder.environment().put("COLLECTOR_ROUNDING", "1");
        builder.environment().put("COLLECTOR_MIN_REPORTS", "1");
        builder.environment().put("COLLECTOR_AGGREGATE_MAX_AGE_SECONDS", "0");
        collector = builder.start();
        Poll.until("the collector to answer /health", WAIT, () -> {
            if (!collector.isAlive()) {
                throw new AssertionError("the collector exited:\n" + collectorLogText());
            }
            try {
                return get("/health", false);
            } catch (UncheckedIOException notListeningYet) {
                return null;
            }
        }, answer -> answer != null && answer.statusCode() == 200, CollectorOnRealServerIT::describe);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        RealOpenfire.closeAll(server);
        server = null;
        if (collector != null) {
            collector.destroy();
            try {
                if (!collector.waitFor(30, TimeUnit.SECONDS)) {
                    collector.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                collector.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            collector = null;
        }
    }

    @Test
    void aSignedReportShowsAtTheCollectorAndForgetThisServerErasesIt() throws Exception {
        String clusterId = ReportFile.awaitNewer(server, null, WAIT).json().get("client_id").getAsString();
        HttpResponse<String> fleet = Poll.until("the collector to list this server in the fleet's JSON", WAIT,
                () -> get("/v1/fleet", true), answer -> answer.body().contains(clusterId),
                CollectorOnRealServerIT::describe);
        assertThat(fleet.body()).contains(server.version());
        assertThat(get("/v1/aggregates", false).body()).contains(server.version());
        assertThat(get("/", false).body()).as("the public dashboard, built from the same aggregates")
                .contains(server.version());

        AdminConsoleSession console = AdminConsoleSession.login(server);
        String page = console.forget();

        assertThat(page).contains("data-kind=\"FORGOTTEN\"").contains("HTTP 200").doesNotContain("jive-error");
        assertThat(get("/v1/fleet", true).body()).doesNotContain(clusterId);
        assertThat(get("/v1/aggregates", false).body()).doesNotContain(server.version());
        assertThat(get("/", false).body()).doesNotContain(server.version());
        Matcher newId = htmlPattern("actions.forget.new_id", "([0-9a-f-]{36})").matcher(page);
        assertThat(newId.find()).as("the page names the new cluster ID").isTrue();
        assertThat(newId.group(1)).isNotEqualTo(clusterId);
    }

    private static HttpResponse<String> get(String path, boolean withToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(collectorUri.resolve(path)).timeout(Duration.ofSeconds(10));
        if (withToken) {
            request.header("Authorization", "Bearer " + FLEET_TOKEN);
        }
        try {
            return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String describe(HttpResponse<String> answer) {
        return (answer == null ? "no answer" : "HTTP " + answer.statusCode() + ": " + answer.body())
                + "\ncollector log:\n" + collectorLogText();
    }

    private static String collectorLogText() {
        try {
            return Files.readString(collectorLog);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
