package org.systemmetrics.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.collector.testing.MutableClock;
import org.systemmetrics.collector.testing.Reports;
import org.systemmetrics.collector.testing.RunningCollector;
import org.systemmetrics.collector.testing.SigningClient;
import org.systemmetrics.collector.testing.TestDatabases;

/**
 * A database that hangs instead of refusing: another connection holds the installation's row lock, so the
 * collector's statement waits. It must give up after {@code jdbc.query_timeout_seconds} and answer 503 with
 * Retry-After, store nothing of that request, and take the sender's retry once the lock is gone. The lock is the
 * database's own; nothing here sleeps.
 */
class DatabaseTimeoutTest {
    // Far longer than the HTTP client's 30 s: only the collector's own timeout can end the wait in time.
    private static final String H2_LONG_LOCK_WAIT = ";LOCK_TIMEOUT=600000";
    private static final Duration BOUND = Duration.ofSeconds(15);

    private final MutableClock clock = new MutableClock(Instant.now());
    @TempDir
    Path dataDir;

    @Test
    void onH2ARequestBlockedByALockIsAnswered503WithinTheTimeout() throws Exception {
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("collector") + ";DB_CLOSE_ON_EXIT=FALSE"
                + H2_LONG_LOCK_WAIT;
        Map<String, String> settings = RunningCollector.merge(TestDatabases.h2(dataDir), "jdbc.url", url,
                "jdbc.user", "sa", "jdbc.query_timeout_seconds", "1");
        blockedReportIsAnswered503AndRetriedLater(settings, url, "sa", "");
    }

    @Test
    void onPostgresqlARequestBlockedByALockIsAnswered503WithinTheTimeout() throws Exception {
        try (TestDatabases.Postgres postgres = TestDatabases.postgres()) {
            Map<String, String> settings = RunningCollector.merge(postgres.settings(dataDir),
                    "jdbc.query_timeout_seconds", "1");
            blockedReportIsAnswered503AndRetriedLater(settings, postgres.url(), settings.get("jdbc.user"),
                    settings.get("jdbc.password"));
        }
    }

    private void blockedReportIsAnswered503AndRetriedLater(Map<String, String> settings, String url, String user,
            String password) throws Exception {
        try (RunningCollector running = RunningCollector.start(settings, clock)) {
            SigningClient plugin = running.newClient();
            Reports report = Reports.any();
            assertThat(plugin.report(report.json()).statusCode()).isEqualTo(200);

            try (Connection holder = DriverManager.getConnection(url, user, password)) {
                holder.setAutoCommit(false);
                try (PreparedStatement lock = holder.prepareStatement(
                        "SELECT client_id FROM installation WHERE client_id = ? FOR UPDATE")) {
                    lock.setString(1, report.clientId());
                    try (ResultSet row = lock.executeQuery()) {
                        assertThat(row.next()).isTrue();
                    }
                }
                clock.advance(Duration.ofSeconds(1));
                long started = System.nanoTime();
                HttpResponse<String> answer = plugin.report(report.messagesIn(999).json());
                Duration took = Duration.ofNanos(System.nanoTime() - started);

                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                assertThat(JsonParser.parseString(answer.body()).getAsJsonObject().get("error").getAsString())
                        .isEqualTo("database_unavailable");
                assertThat(took).isLessThan(BOUND);
                holder.rollback();
            }
            assertThat(running.collector().store().latest(report.clientId()).orElseThrow().reportCount()).isEqualTo(1);

            clock.advance(Duration.ofSeconds(1));
            assertThat(plugin.report(report.json()).statusCode()).isEqualTo(200); // the retry, once the lock is gone
            assertThat(running.collector().store().latest(report.clientId()).orElseThrow().reportCount()).isEqualTo(2);
        }
    }
}
