package org.systemmetrics.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.collector.testing.MutableClock;
import org.systemmetrics.collector.testing.Poll;
import org.systemmetrics.collector.testing.Reports;
import org.systemmetrics.collector.testing.RunningCollector;
import org.systemmetrics.collector.testing.SigningClient;

/**
 * The database goes away under a running collector and comes back: the collector answers 503 with Retry-After
 * (so the plugin retries), keeps serving, stores nothing of what it refused and loses nothing it had taken.
 * The database is a real H2 server process over TCP, stopped and started again on the same port.
 */
class DatabaseOutageTest {
    private final MutableClock clock = new MutableClock(Instant.now());
    @TempDir
    Path dataDir;

    @Test
    void whileTheDatabaseIsAwayReportsAreRefusedWith503AndNothingAcceptedIsLost() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process database = startDatabase(port);
        Map<String, String> settings = new HashMap<>();
        settings.put("data_dir", dataDir.toString());
        settings.put("jdbc.url", "jdbc:h2:tcp://127.0.0.1:" + port + "/collector");
        settings.put("jdbc.user", "sa");
        settings.put("jdbc.connect_timeout_ms", "1000");
        try (RunningCollector running = RunningCollector.start(settings, clock)) {
            SigningClient plugin = running.newClient();
            Reports taken = Reports.any();
            assertThat(plugin.report(taken.json()).statusCode()).isEqualTo(200);

            stop(database);
            Reports refused = Reports.any();
            SigningClient other = running.newClient();
            HttpResponse<String> answer = other.report(refused.json());
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).isPresent();
            assertThat(JsonParser.parseString(answer.body()).getAsJsonObject().get("error").getAsString())
                    .isEqualTo("database_unavailable");
            assertThat(plugin.get("/health").statusCode()).isEqualTo(503);
            assertThat(plugin.get("/v1/aggregates").statusCode()).isEqualTo(503);

            database = startDatabase(port);
            Poll.until("the collector to reach the database again", Duration.ofSeconds(30),
                    () -> plugin.get("/health").statusCode() == 200);
            assertThat(running.collector().store().holds(taken.clientId())).isTrue();
            assertThat(running.collector().store().holds(refused.clientId())).isFalse();

            clock.advance(Duration.ofSeconds(1));
            assertThat(other.report(refused.json()).statusCode()).isEqualTo(200); // the plugin's retry now succeeds
            assertThat(running.collector().store().holds(refused.clientId())).isTrue();
        } finally {
            stop(database);
        }
    }

    private Process startDatabase(int port) throws Exception {
        String h2Jar = Path.of(Server.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", h2Jar, "org.h2.tools.Server", "-tcp", "-tcpPort", Integer.toString(port), "-ifNotExists",
                "-baseDir", dataDir.toString()).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("h2-" + System.nanoTime() + ".log").toFile()).start();
        Poll.until("the H2 server to take connections", Duration.ofSeconds(60), () -> {
            try (java.sql.Connection probe = java.sql.DriverManager.getConnection(
                    "jdbc:h2:tcp://127.0.0.1:" + port + "/collector", "sa", "")) {
                return true;
            } catch (java.sql.SQLException notYet) {
                return false;
            }
        });
        return process;
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
