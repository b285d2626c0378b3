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
        }, ExecutorTaskScheduler::new, Clock.systemUTC(), Map.of(), PluginAdmin.ACTION_TIMEOUT);
        try (LogCapture logs = new LogCapture()) {
            assertThatCode(() -> plugin.initializePlugin(null, home.toFile())).doesNotThrowAnyException();

            assertThat(logs.at(Level.ERROR)).singleElement().asString().contains("could not start")
                    .contains("NoSuchMethodError");
        }
        assertThatCode(plugin::destroyPlugin).doesNotThrowAnyException();
        assertThat(plugin.service()).isEmpty();
    }

    @Test
    void unloadEndsTheReporterThreadAndCanBeRepeated() {
        FakeOpenfireServer server = new FakeOpenfireServer(home);
        for (int round = 0; round < 3; round++) {
            SystemMetricsPlugin plugin = pluginOn(server);
            plugin.initializePlugin(null, server.pluginDirectory().toFile());
            assertThat(reporterThreads()).isEqualTo(1);

            plugin.destroyPlugin();
            plugin.destroyPlugin();

            assertThat(reporterThreads()).isZero();
            assertThat(server.listenerCount()).isZero();
        }
    }

    /** A step that fails half-way through the start undoes the steps already taken: no thread, counter or listener stays. */
    @Test
    void aFailureHalfWayThroughTheStartUndoesTheStepsAlreadyTaken() {
        FakeOpenfireServer server = new FakeOpenfireServer(home) {
            @Override
            public Registration onPropertyChange(String prefix, Runnable listener) {
                throw new IllegalStateException("property listeners unavailable");
            }
        };
        SystemMetricsPlugin plugin = pluginOn(server);
        try (LogCapture logs = new LogCapture()) {
            assertThatCode(() -> plugin.initializePlugin(null, server.pluginDirectory().toFile()))
                    .doesNotThrowAnyException();

            assertThat(logs.at(Level.ERROR)).singleElement().asString().contains("could not start");
        }
        assertThat(reporterThreads()).isZero();
        assertThat(server.stanzaSinkCount()).isZero();
        assertThat(plugin.service()).isEmpty();
    }

    /** An undo step that fails is logged, and the steps before it are still undone. */
    @Test
    void anUnloadStepThatFailsIsLoggedAndTheOthersStillRun() {
        FakeOpenfireServer server = new FakeOpenfireServer(home) {
            @Override
            public Registration onPropertyChange(String prefix, Runnable listener) {
                super.onPropertyChange(prefix, listener);
                return () -> {
                    throw new IllegalStateException("listener already gone");
                };
            }
        };
        SystemMetricsPlugin plugin = pluginOn(server);
        plugin.initializePlugin(null, server.pluginDirectory().toFile());
        assertThat(reporterThreads()).isEqualTo(1);
        try (LogCapture logs = new LogCapture()) {
            assertThatCode(plugin::destroyPlugin).doesNotThrowAnyException();

            assertThat(logs.at(Level.WARN)).anySatisfy(line -> assertThat(line).asString()
                    .contains("could not remove the property listener").contains("listener already gone"));
        }
        assertThat(reporterThreads()).isZero();
        assertThat(server.stanzaSinkCount()).isZero();
    }

    private static SystemMetricsPlugin pluginOn(FakeOpenfireServer server) {
        return PluginHarness.realTimePlugin(server);
    }

    private static long reporterThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals(ExecutorTaskScheduler.THREAD_NAME)).count();
    }
}
