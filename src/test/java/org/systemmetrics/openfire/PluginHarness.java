package org.systemmetrics.openfire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.systemmetrics.core.report.ReportFileWriter;
import org.systemmetrics.core.schedule.ExecutorTaskScheduler;
import org.systemmetrics.testing.FakeOpenfireServer;
import org.systemmetrics.testing.ManualScheduler;

/** One plugin instance on a fake Openfire, with time under the test's control. */
public final class PluginHarness implements AutoCloseable {
    final FakeOpenfireServer server;
    final ManualScheduler scheduler;
    final SystemMetricsPlugin plugin;

    PluginHarness(FakeOpenfireServer server, Map<String, String> environment) {
        this(server, environment, new ManualScheduler());
    }

    /** A node whose own clock (its scheduler's) is wherever {@code scheduler} starts, e.g. hours off. */
    PluginHarness(FakeOpenfireServer server, Map<String, String> environment, ManualScheduler scheduler) {
        this.server = server;
        this.scheduler = scheduler;
        if (!server.hasDatabaseClock()) {
            server.databaseClock(scheduler.clock()::instant);
        }
        this.plugin = new SystemMetricsPlugin(dir -> server, () -> scheduler, scheduler.clock(), environment,
                PluginAdmin.ACTION_TIMEOUT);
    }

    PluginHarness(Path home) {
        this(new FakeOpenfireServer(home), Map.of());
    }

    /** A plugin on its real reporter thread and the real clock, for tests that wait on the service. */
    public static SystemMetricsPlugin realTimePlugin(FakeOpenfireServer server) {
        return realTimePlugin(server, Map.of());
    }

    /** The same, in an Openfire process that sees these environment variables. */
    public static SystemMetricsPlugin realTimePlugin(FakeOpenfireServer server, Map<String, String> environment) {
        return realTimePlugin(server, environment, PluginAdmin.ACTION_TIMEOUT);
    }

    /** The same, whose admin page waits at most {@code actionWait} for the service thread. */
    public static SystemMetricsPlugin realTimePlugin(FakeOpenfireServer server, Map<String, String> environment,
            Duration actionWait) {
        return new SystemMetricsPlugin(dir -> server, ExecutorTaskScheduler::new, Clock.systemUTC(), environment,
                actionWait);
    }

    /** Answers once {@code plugin}'s service thread has run every task queued before it, as it runs them in turn. */
    public static CompletableFuture<?> behindQueuedTasks(SystemMetricsPlugin plugin) {
        return plugin.service().orElseThrow().preview();
    }

    PluginHarness yaml(String text) {
        return write("system_metrics.yml", text);
    }

    PluginHarness erlang(String text) {
        return write("system_metrics.config", text);
    }

    PluginHarness write(String file, String text) {
        try {
            Files.writeString(server.confDirectory().resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    PluginHarness start() {
        plugin.initializePlugin(null, server.pluginDirectory().toFile());
        return this;
    }

    Path reportFile() {
        return server.logsDirectory().resolve(ReportFileWriter.FILE_NAME);
    }

    @Override
    public void close() {
        plugin.destroyPlugin();
    }
}
