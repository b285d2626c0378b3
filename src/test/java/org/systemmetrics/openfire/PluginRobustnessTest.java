package org.systemmetrics.openfire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.core.schedule.ExecutorTaskScheduler;
import org.systemmetrics.testing.FakeOpenfireServer;
import org.systemmetrics.testing.LogCapture;

/** The plugin never takes Openfire down with it, and leaves nothing running behind when unloaded. */
class PluginRobustnessTest {
    @TempDir
    Path home;

    @Test
    void aFailureWhileStartingIsLoggedNotThrownAndUnloadStillWorks() {
        SystemMetricsPlugin plugin = new SystemMetricsPlugin(dir -> {
            throw new NoSuchMethodError("org.jivesoftware.util.JiveGlobals.getHomeDirectory()Ljava/lang/String;");
        }, ExecutorTaskScheduler::new, Clock.systemUTC(), Map.of());
        try (LogCapture logs = new LogCapture()) {
            assertThatCode(() -> plugin.initializePlugin(null, home.toFile())).doesNotThrowAnyException();

            assertThat(logs.at(Level.ERROR)).singleElement().asString().contains("could not start")
                    .contains("NoSuchMethodError");
        }
        assertThatCode(plugin::destroyPlugin).doesNotThrowAnyException();
        assertThat(plugin.status()).isEmpty();
    }

    @Test
    void unloadEndsTheReporterThreadAndCanBeRepeated() {
        FakeOpenfireServer server = new FakeOpenfireServer(home);
        for (int round = 0; round < 3; round++) {
            SystemMetricsPlugin plugin = new SystemMetricsPlugin(dir -> server, ExecutorTaskScheduler::new,
                    Clock.systemUTC(), Map.of());
            plugin.initializePlugin(null, server.pluginDirectory().toFile());
            assertThat(reporterThreads()).isEqualTo(1);

            plugin.destroyPlugin();
            plugin.destroyPlugin();

            assertThat(reporterThreads()).isZero();
            assertThat(server.listenerCount()).isZero();
        }
    }

    private static long reporterThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals(ExecutorTaskScheduler.THREAD_NAME)).count();
    }
}
