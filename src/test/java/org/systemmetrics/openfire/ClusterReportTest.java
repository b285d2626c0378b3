package org.systemmetrics.openfire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.systemmetrics.core.delivery.ga4.FakeGoogle;
import org.systemmetrics.testing.FakeOpenfireServer;
import org.systemmetrics.testing.LogCapture;
import org.systemmetrics.testing.ManualScheduler;

/**
 * Two plugin instances on two "nodes" that share one property table (the database), each with its own clock
 * and files: one cluster ID, one sender per period, whatever the timing and whoever is senior.
 */
class ClusterReportTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();
    @RegisterExtension
    final PluginHarnessExtension plugins = new PluginHarnessExtension();
    private final Map<String, String> database = new ConcurrentHashMap<>();

    private static String config(FakeGoogle google, int initialMinutes, int periodicMinutes) {
        return "services:\n  service_mongoose_system_metrics:\n    report: true\n"
                + "    initial_report: " + initialMinutes * 60_000 + "\n"
                + "    periodic_report: " + periodicMinutes * 60_000 + "\n"
                + "    tracking_id: {id: G-OWNPROP1, secret: cluster-secret}\n"
                + "    google_analytics_url: " + google.collectUrl() + "\n";
    }

    private FakeOpenfireServer node(String name) {
        return new FakeOpenfireServer(plugins.home().resolve(name), database);
    }

    private static JsonObject report(PluginHarness node) throws IOException {
        return JsonParser.parseString(Files.readString(node.reportFile())).getAsJsonObject();
    }

    @Test
    void aNodeThatHasNotJoinedItsClusterYetWritesAndSendsNothingUntilItHas() throws Exception {
        try (FakeGoogle google = FakeGoogle.http()) {
            PluginHarness joining = plugins.on(node("a").joiningCluster());
            joining.yaml(config(google, 1, 60)).start();

            joining.scheduler.advance(Duration.ofMinutes(3));

            assertThat(joining.reportFile()).doesNotExist();
            assertThat(google.requests()).isEmpty();
            assertThat(database).doesNotContainKey(SystemMetricsPlugin.CLUSTER_ID_PROPERTY);
            assertThat(logs.all()).containsOnlyOnce("has not joined the cluster yet");

            joining.server.cluster(2, true);
            joining.scheduler.advance(Duration.ofSeconds(15));

            assertThat(report(joining).get("client_id").getAsString())
                    .isEqualTo(database.get(SystemMetricsPlugin.CLUSTER_ID_PROPERTY));
            assertThat(google.requests()).hasSize(1);
        }
    }

    @Test
    void twoNodesThatEachFormedAClusterOfTheirOwnAtStartShareOneIdAndSendOnce() throws Exception {
        try (FakeGoogle google = FakeGoogle.http()) {
            PluginHarness a = plugins.on(node("a").cluster(1, true));
            PluginHarness b = plugins.on(node("b").cluster(1, true));
            a.yaml(config(google, 1, 60)).start();
            b.yaml(config(google, 1, 60)).start();

            a.scheduler.advance(Duration.ofMinutes(1));
            b.scheduler.advance(Duration.ofMinutes(1));

            String id = database.get(SystemMetricsPlugin.CLUSTER_ID_PROPERTY);
            assertThat(report(a).get("client_id").getAsString()).isEqualTo(id);
            assertThat(report(b).get("client_id").getAsString()).isEqualTo(id);
            assertThat(google.requests()).singleElement()
                    .satisfies(request -> assertThat(request.json().get("client_id").getAsString()).isEqualTo(id));
        }
    }

    @Test
    void aNodeThatFindsAnIdAnotherNodeStoredUsesItAndCreatesNone() throws Exception {
        database.put(SystemMetricsPlugin.CLUSTER_ID_PROPERTY, "0b7f6b4e-6f0a-4c8e-9d8e-3f2a1c5b7d90");
        try (FakeGoogle google = FakeGoogle.http()) {
            PluginHarness member = plugins.on(node("b").cluster(2, false));
            member.yaml(config(google, 1, 60)).start();

            member.scheduler.advance(Duration.ofMinutes(1));

            assertThat(report(member).get("client_id").getAsString()).isEqualTo("0b7f6b4e-6f0a-4c8e-9d8e-3f2a1c5b7d90");
            assertThat(member.server.storedReads()).isPositive();
            assertThat(google.requests()).isEmpty();
        }
    }

    @Test
    void whenTheSeniorLeavesTheNextSeniorSendsWhenThePeriodEndsNeverTwiceAndLosingNone() throws Exception {
        try (FakeGoogle google = FakeGoogle.http()) {
            PluginHarness a = plugins.on(node("a").cluster(2, true));
            PluginHarness b = plugins.on(node("b").cluster(2, false));
            a.yaml(config(google, 1, 10)).start();
            b.yaml(config(google, 2, 10)).start();

            a.scheduler.advance(Duration.ofMinutes(11)); // a sends at 1 and 11 minutes
            b.scheduler.advance(Duration.ofSeconds(11 * 60 + 30)); // b writes its file at 2 minutes
            assertThat(google.requests()).hasSize(2);
            assertThat(report(b).get("client_id").getAsString()).isEqualTo(report(a).get("client_id").getAsString());

            a.close();
            b.server.cluster(1, true);
            b.scheduler.advance(Duration.ofSeconds(30)); // b's own timer at 12 minutes: a sent this period at 11

            assertThat(google.requests()).hasSize(2);
            assertThat(report(b).get("generated_at").getAsString()).isEqualTo("2026-01-01T00:12:00Z");
            assertThat(logs.all()).contains("another cluster node already sent the report of this period");

            b.scheduler.advance(Duration.ofSeconds(8 * 60 + 59)); // 20:59: the period a's send covers is not over
            assertThat(google.requests()).hasSize(2);
            b.scheduler.advance(Duration.ofSeconds(1)); // 21:00: it is, and b sends in a's place
            assertThat(google.requests()).hasSize(3);
            b.scheduler.advance(Duration.ofMinutes(10));
            assertThat(google.requests()).hasSize(4);
        }
    }

    @Test
    void aNewSeniorWhoseClockIsFourHoursBehindSendsWhenThePeriodEndsByTheDatabasesClockAndSaysSo() throws Exception {
        Instant realStart = Instant.parse("2026-01-01T00:00:00Z");
        ManualScheduler behind = new ManualScheduler(realStart.minus(Duration.ofHours(4)));
        // The database's clock is the real one: the lagging node's clock plus the four hours it lags.
        Supplier<Instant> databaseClock = () -> behind.now().plus(Duration.ofHours(4));
        try (FakeGoogle google = FakeGoogle.http()) {
            PluginHarness a = plugins.on(node("a").cluster(2, true).databaseClock(databaseClock));
            PluginHarness b = plugins.on(node("b").cluster(2, false).databaseClock(databaseClock), behind);
            a.yaml(config(google, 1, 10)).start();
            b.yaml(config(google, 2, 10)).start();

            for (int second = 0; second < 11 * 60 + 30; second++) { // both nodes in step, as real time passes
                b.scheduler.advance(Duration.ofSeconds(1));
                a.scheduler.advance(Duration.ofSeconds(1));
            }
            assertThat(google.requests()).hasSize(2); // a sent at 1 and 11 minutes

            a.close();
            b.server.cluster(1, true);
            b.scheduler.advance(Duration.ofSeconds(30)); // 12:00: a sent this period at 11
            assertThat(google.requests()).hasSize(2);
            assertThat(logs.all()).contains("this node's clock is 240 min behind the database's clock");

            b.scheduler.advance(Duration.ofSeconds(8 * 60 + 59)); // 20:59
            assertThat(google.requests()).hasSize(2);
            b.scheduler.advance(Duration.ofSeconds(1)); // 21:00 by the database: b sends in a's place, once
            assertThat(google.requests()).hasSize(3);
            assertThat(database).containsKey(SystemMetricsPlugin.LAST_SENT_PROPERTY + ".3")
                    .containsEntry(SystemMetricsPlugin.LAST_SENT_PROPERTY + ".3",
                            Long.toString(realStart.plus(Duration.ofMinutes(21)).toEpochMilli()));
        }
    }

    @Test
    void sendNowOnANodeThatIsNotSeniorWritesItsFileAndSendsNothing() throws Exception {
        FakeOpenfireServer server = node("b").cluster(2, false);
        SystemMetricsPlugin member = PluginHarness.realTimePlugin(server);
        try (FakeGoogle google = FakeGoogle.http()) {
            Files.writeString(server.confDirectory().resolve("system_metrics.yml"), config(google, 60, 60));
            member.initializePlugin(null, server.pluginDirectory().toFile());

            assertThat(member.admin().orElseThrow().sendNow().outcomes).isEmpty();

            assertThat(server.logsDirectory().resolve("system_metrics_report.json")).exists();
            assertThat(google.requests()).isEmpty();
        } finally {
            member.destroyPlugin();
        }
    }
}
