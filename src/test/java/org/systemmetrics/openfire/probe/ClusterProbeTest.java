package org.systemmetrics.openfire.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.testing.FakeOpenfireServer;

class ClusterProbeTest {
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private static final ReportContext CONTEXT = new ReportContext("yaml+admin", ReportCategory.all());

    @TempDir
    Path home;

    private Map<String, Object> collect(FakeOpenfireServer server) {
        Event event = new OpenfireProbes(server, "0.1.0", Clock.fixed(NOW, ZoneOffset.UTC)).cluster(CONTEXT).get(0);
        assertThat(event.name()).isEqualTo("cluster");
        return event.params();
    }

    private Map<String, Object> node(FakeOpenfireServer server) {
        Event event = new OpenfireProbes(server, "0.1.0", Clock.fixed(NOW, ZoneOffset.UTC)).cluster(CONTEXT).get(1);
        assertThat(event.name()).isEqualTo("node");
        return event.params();
    }

    @Test
    void allParamsInContractOrder() {
        FakeOpenfireServer server = new FakeOpenfireServer(home).version("4.9.2").cluster(3, true)
                .lastStarted(NOW.minusSeconds(3_600)).components(2).database("postgresql");

        assertThat(collect(server)).containsExactly(
                Map.entry("version", "4.9.2"),
                Map.entry("plugin_version", "0.1.0"),
                Map.entry("node_count", 3),
                Map.entry("component_count", 2),
                Map.entry("config_type", "yaml+admin"),
                Map.entry("database", "postgresql"));
        assertThat(node(server)).containsExactly(Map.entry("uptime_s", 3_600L));
    }

    @Test
    void aClockBehindTheStartTimeNeverGivesNegativeUptime() {
        FakeOpenfireServer server = new FakeOpenfireServer(home).lastStarted(NOW.plusSeconds(5));

        assertThat(node(server)).containsEntry("uptime_s", 0L);
    }

    @Test
    void manyComponentsAreJustANumber() {
        assertThat(collect(new FakeOpenfireServer(home).components(10_000))).containsEntry("component_count", 10_000);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "hsqldb, hsqldb", "mysql, mysql", "postgresql, postgresql", "oracle, oracle", "sqlserver, sqlserver",
        "db2, db2", "mariadb, mysql", "cockroachdb, postgresql", "firebird, unknown", "interbase, unknown",
        "unknown, unknown", "somethingNew, unknown"})
    void databaseTypesMapToTheClosedSetOfReportedValues(String openfireType, String reported) {
        assertThat(collect(new FakeOpenfireServer(home).database(openfireType))).containsEntry("database", reported);
    }
}
