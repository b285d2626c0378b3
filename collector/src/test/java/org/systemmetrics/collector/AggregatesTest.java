package org.systemmetrics.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.collector.testing.MutableClock;
import org.systemmetrics.collector.testing.Reports;
import org.systemmetrics.collector.testing.RunningCollector;
import org.systemmetrics.collector.testing.SigningClient;
import org.systemmetrics.collector.testing.TestDatabases;

/** The data contract of docs/collector.md, as a reader of the public JSON, Prometheus text and dashboard sees it. */
class AggregatesTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T12:00:00Z"));
    @TempDir
    Path dataDir;
    private RunningCollector running;

    @BeforeEach
    void start() throws Exception {
        running = RunningCollector.start(RunningCollector.merge(TestDatabases.h2(dataDir), "rate.address.burst", "100000"),
                clock);
    }

    @AfterEach
    void stop() {
        running.close();
    }

    /** Installations that each report {@code times} times, three hours apart. */
    private List<String> installations(int count, int times, Consumer<Reports> shape) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Reports report = Reports.any();
            shape.accept(report);
            SigningClient plugin = running.newClient();
            for (int t = 0; t < times; t++) {
                clock.advance(Duration.ofMillis(1));
                assertThat(plugin.report(report.json()).statusCode()).isEqualTo(200);
            }
            ids.add(report.clientId());
        }
        return ids;
    }

    private JsonObject aggregates() {
        return JsonParser.parseString(running.newClient().get("/v1/aggregates").body()).getAsJsonObject();
    }

    private static JsonObject row(JsonObject aggregates, String table, String label, String value) {
        for (JsonElement row : aggregates.getAsJsonObject("tables").getAsJsonArray(table)) {
            if (row.getAsJsonObject().get(label).getAsString().equals(value)) {
                return row.getAsJsonObject();
            }
        }
        return null;
    }

    @Test
    void aCellOfFewerThanKInstallationsIsNeverPublished() {
        installations(6, 2, r -> r.version("5.1.1").plugin("restapi", "1.12.0"));
        installations(4, 2, r -> r.version("4.8.3").plugin("monitoring", "2.6.1"));

        JsonObject published = aggregates();
        assertThat(row(published, "openfire_versions", "version", "5.1.1").get("installations").getAsLong()).isEqualTo(5);
        assertThat(row(published, "openfire_versions", "version", "4.8.3")).isNull();
        assertThat(row(published, "plugins", "plugin", "monitoring")).isNull();
        assertThat(published.get("installations").getAsLong()).isEqualTo(10);
        assertThat(published.get("suppressed_cells").getAsInt()).isGreaterThan(0);

        String prometheus = running.newClient().get("/metrics").body();
        assertThat(prometheus).contains("systemmetrics_openfire_versions_installations{version=\"5.1.1\"} 5\n")
                .contains("systemmetrics_installations 10\n").doesNotContain("4.8.3").doesNotContain("monitoring");
        String dashboard = running.newClient().get("/").body();
        assertThat(dashboard).contains("<td>5.1.1</td>").doesNotContain("<td>4.8.3</td>");
    }

    @Test
    void anInstallationCountsOnlyOnceItHasReportedTwice() {
        installations(7, 1, r -> r.version("5.0.0"));
        JsonObject once = aggregates();
        assertThat(once.get("installations").isJsonNull()).isTrue();
        assertThat(row(once, "openfire_versions", "version", "5.0.0")).isNull();

        installations(7, 2, r -> r.version("5.0.0"));
        assertThat(row(aggregates(), "openfire_versions", "version", "5.0.0").get("installations").getAsLong()).isEqualTo(5);
    }

    @Test
    void countsAreRoundedAndEveryCellCountsAnInstallationOnce() {
        // 13 installations, each with two component listeners (plain and Direct TLS): 13 rounds to 15, not 25.
        installations(13, 2, r -> r.transport("component", "optional").transport("component", "direct")
                .transport("c2s_tcp", "required").nodes(3));
        JsonObject published = aggregates();
        assertThat(row(published, "transports", "mechanism", "component").get("installations").getAsLong()).isEqualTo(15);
        assertThat(row(published, "cluster_sizes", "nodes", "3-4").get("installations").getAsLong()).isEqualTo(15);
        assertThat(published.get("installations").getAsLong()).isEqualTo(15);
        JsonArray tls = published.getAsJsonObject("tables").getAsJsonArray("transport_tls");
        assertThat(tls.toString()).contains("\"tls_policy\":\"direct\"").contains("\"tls_policy\":\"required\"");
    }

    @Test
    void aSumUnderAHundredIsPublishedToTheNearestTenAsThePrometheusHelpLineSays() {
        installations(5, 2, r -> r.messagesIn(9)); // 45 stanzas: two significant digits would show 45
        assertThat(row(aggregates(), "stanza_totals", "stanza_type", "message_in").get("increment").getAsLong())
                .isEqualTo(50);
        assertThat(running.newClient().get("/metrics").body()).contains("# HELP systemmetrics_stanza_totals_increment "
                + "Stanzas per report period, all installations: sum of increment (two significant digits; from 10 to "
                + "99 the nearest ten)\n");
    }

    @Test
    void anInstallationSilentForLongerThanTheRetentionDropsOutOfEverything() {
        List<String> quiet = installations(5, 2, r -> r.version("4.9.0"));
        clock.advance(Duration.ofDays(59));
        installations(5, 2, r -> r.version("5.1.1"));
        assertThat(row(aggregates(), "openfire_versions", "version", "4.9.0")).isNotNull();

        clock.advance(Duration.ofDays(2)); // the first five are now 61 days silent
        JsonObject published = aggregates();
        assertThat(row(published, "openfire_versions", "version", "4.9.0")).isNull();
        assertThat(published.getAsJsonObject("tables").getAsJsonArray("openfire_versions_by_month").toString())
                .doesNotContain("4.9.0");
        assertThat(running.collector().purgeSilent()).isEqualTo(5);
        assertThat(quiet).noneMatch(id -> running.collector().store().holds(id));
    }

    @Test
    void versionsOverTimeComeFromTheMonthlyCounts() {
        List<Reports> fleet = new ArrayList<>();
        List<SigningClient> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fleet.add(Reports.any().version("5.0.0"));
            clients.add(running.newClient());
        }
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMillis(1));
            clients.get(i).report(fleet.get(i).json());
            clock.advance(Duration.ofMillis(1));
            clients.get(i).report(fleet.get(i).json());
        }
        clock.set(Instant.parse("2026-04-02T12:00:00Z"));
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMillis(1));
            assertThat(clients.get(i).report(fleet.get(i).version("5.1.1").json()).statusCode()).isEqualTo(200);
        }
        String history = aggregates().getAsJsonObject("tables").getAsJsonArray("openfire_versions_by_month").toString();
        assertThat(history).contains("{\"month\":\"2026-03\",\"version\":\"5.0.0\",\"installations\":5}")
                .contains("{\"month\":\"2026-04\",\"version\":\"5.1.1\",\"installations\":5}");
    }

    @Test
    void anErasedInstallationIsGoneFromTheNextAggregatesEvenWhileTheyAreKept() throws Exception {
        running.close();
        running = RunningCollector.start(RunningCollector.merge(TestDatabases.h2(dataDir), "rate.address.burst", "100000",
                "aggregate_max_age_seconds", "300"), clock);
        List<SigningClient> plugins = new ArrayList<>();
        List<Reports> reports = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Reports report = Reports.any().version("4.9.2");
            SigningClient plugin = running.newClient();
            for (int t = 0; t < 2; t++) {
                clock.advance(Duration.ofMillis(1));
                assertThat(plugin.report(report.json()).statusCode()).isEqualTo(200);
            }
            plugins.add(plugin);
            reports.add(report);
        }
        assertThat(row(aggregates(), "openfire_versions", "version", "4.9.2")).isNotNull();

        clock.advance(Duration.ofSeconds(1));
        assertThat(plugins.get(0).send(plugins.get(0).erase(reports.get(0).clientId())).statusCode()).isEqualTo(200);
        JsonObject after = aggregates();
        assertThat(row(after, "openfire_versions", "version", "4.9.2")).isNull();
        assertThat(after.get("installations").isJsonNull()).isTrue();
    }
}
