package org.systemmetrics.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.systemmetrics.core.delivery.ga4.FakeGoogle;

/**
 * The plugin's life in a real Openfire: redeployed by replacing its jar, removed by deleting it, and kept
 * across an Openfire restart. Threads are read from the running Openfire JVM with jcmd.
 */
@ParameterizedClass(name = "{0}", allowZeroInvocations = true)
@MethodSource("org.systemmetrics.realserver.OpenfireDistribution#found")
@ExtendWith(QuoteOpenfireLogOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LifecycleOnRealServerIT {
    private static final long PERIODIC_MILLIS = 1500;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String REPORTER = "systemmetrics-reporter";

    private static FakeGoogle google;
    private static RealOpenfire server;

    @Parameter
    OpenfireDistribution distribution;

    @BeforeParameterizedClassInvocation
    static void startServer(OpenfireDistribution distribution) throws IOException {
        google = FakeGoogle.http();
        server = RealOpenfire.builder(distribution, "lifecycle")
                .confFile("system_metrics.yml", ReportOnRealServerIT.yaml(google, 500, PERIODIC_MILLIS)).start();
    }

    @AfterParameterizedClassInvocation
    static void stopServer() {
        RealOpenfire.closeAll(server, google);
    }

    @Test
    @Order(1)
    void replacingTheJarThreeTimesLeavesOneReporterAndTheSameClientIdAndReportsGoOn() {
        String clientId = ReportFile.awaitNewer(server, null, WAIT).clientId();

        for (int round = 1; round <= 3; round++) {
            server.deploySystemMetrics(); // a new jar of the same name: Openfire unloads and loads it again
            ReportFile report = ReportFile.awaitNewer(server, ReportFile.read(server).orElse(null), WAIT);
            assertThat(report.clientId()).as("client_id after redeploy " + round).isEqualTo(clientId);
        }

        List<String> ours = ourThreads();
        assertThat(ours).as("threads of ours in Openfire after three redeploys").containsOnlyOnce(REPORTER);
        assertThat(ours.stream().filter(REPORTER::equals)).hasSize(1);
        int requests = google.requestsFor(ReportOnRealServerIT.MEASUREMENT_ID).size();
        ReportFile next = ReportFile.awaitNewer(server, ReportFile.read(server).orElseThrow(), WAIT);
        awaitMoreRequestsThan(requests);
        assertThat(google.requestsFor(ReportOnRealServerIT.MEASUREMENT_ID))
                .extracting(r -> r.json().get("client_id").getAsString()).containsOnly(clientId);
        assertThat(next.clientId()).isEqualTo(clientId);
        // Redeploying is the administrator's doing: a delivery it cuts short is no warning, and nothing of ours fails.
        assertThat(server.log()).doesNotContainPattern("(WARN|ERROR) +\\[[^\\]]*\\]: org\\.systemmetrics")
                .doesNotContainPattern("(?m)^\\s+at org\\.systemmetrics");
    }

    @Test
    @Order(2)
    void anOpenfireRestartKeepsTheClientId() {
        ensureDeployed();
        String before = ReportFile.awaitNewer(server, null, WAIT).clientId();

        server.restart();
        ReportFile after = ReportFile.awaitNewer(server, ReportFile.read(server).orElseThrow(), WAIT);

        assertThat(after.clientId()).isEqualTo(before);
        assertThat(ourThreads()).containsOnlyOnce(REPORTER);
    }

    @Test
    @Order(3)
    void deletingTheJarStopsTheReportsAndLeavesNoThreadOfOurs() {
        ensureDeployed();
        ReportFile.awaitNewer(server, ReportFile.read(server).orElse(null), WAIT);

        server.removePlugin(RealOpenfire.SYSTEMMETRICS);
        int requests = google.requestsFor(ReportOnRealServerIT.MEASUREMENT_ID).size();
        ReportFile last = ReportFile.read(server).orElseThrow();

        assertThat(ourThreads()).as("threads of ours after the jar was deleted").isEmpty();
        // Three periods' time: a reporter still running anywhere would have sent and written again.
        Poll.throughout(Duration.ofMillis(3 * PERIODIC_MILLIS),
                () -> assertThat(google.requestsFor(ReportOnRealServerIT.MEASUREMENT_ID)).hasSize(requests));
        assertThat(ReportFile.read(server).orElseThrow().generatedAt()).isEqualTo(last.generatedAt());
        assertThat(ourThreads()).isEmpty();
    }

    private static void ensureDeployed() {
        if (!Files.exists(server.pluginsDirectory().resolve(RealOpenfire.SYSTEMMETRICS + ".jar"))) {
            server.deploySystemMetrics();
        }
    }

    /** Threads of the Openfire JVM that are ours by name (the reporter and the GA4 workers). */
    private static List<String> ourThreads() {
        return server.threadNames().stream().filter(n -> n.startsWith("systemmetrics")).collect(Collectors.toList());
    }

    private static void awaitMoreRequestsThan(int count) {
        Poll.until("more than " + count + " requests at the GA4 stand-in", WAIT,
                () -> google.requestsFor(ReportOnRealServerIT.MEASUREMENT_ID).size(), sent -> sent > count);
    }
}
