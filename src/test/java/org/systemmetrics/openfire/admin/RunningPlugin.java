package org.systemmetrics.openfire.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.systemmetrics.core.PluginName;
import org.systemmetrics.core.ServiceStatus;
import org.systemmetrics.core.config.Setting;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.consent.ConsentPolicy;
import org.systemmetrics.openfire.PluginHarness;
import org.systemmetrics.openfire.SystemMetricsPlugin;
import org.systemmetrics.testing.FakeOpenfireServer;

/**
 * The real plugin and service behind the page, on a fake Openfire, with their own reporter thread and the real
 * clock: the page's requests wait on that thread as they do in Openfire. What the page shows follows from the
 * configuration file, the console settings and what Openfire says, never from canned answers. Closing it stops the
 * pages it served, then the plugin.
 */
final class RunningPlugin implements AutoCloseable {
    /** An entry that only sets a timer: reporting runs under the consent notice, the first report an hour away. */
    static final String ENTRY = "services:\n  service_mongoose_system_metrics:\n    initial_report: 3600000\n";

    final FakeOpenfireServer openfire;
    /** What the page is served: the plugin's own answers, unless a test replaced one with a plain value. */
    final AdminWithValues values = new AdminWithValues(this::admin);
    private final SystemMetricsPlugin plugin;
    private final List<AdminPageServer> pages = new ArrayList<>();

    private RunningPlugin(FakeOpenfireServer openfire, Map<String, String> environment) {
        this(openfire, PluginHarness.realTimePlugin(openfire, environment));
    }

    private RunningPlugin(FakeOpenfireServer openfire, SystemMetricsPlugin plugin) {
        this.openfire = openfire;
        this.plugin = plugin;
        start();
    }

    private void start() {
        plugin.initializePlugin(null, openfire.pluginDirectory().toFile());
    }

    /** Starts the plugin on {@code openfire} with {@code system_metrics.yml} holding {@code yaml} (no file: null). */
    static RunningPlugin on(FakeOpenfireServer openfire, String yaml) {
        return on(write(openfire, yaml));
    }

    /** The same, whose page waits at most {@code actionWait} for the service thread (Openfire's wait is 45 s). */
    static RunningPlugin waitingAtMost(Duration actionWait, FakeOpenfireServer openfire, String yaml) {
        return new RunningPlugin(write(openfire, yaml), PluginHarness.realTimePlugin(openfire, Map.of(), actionWait));
    }

    /** Starts the plugin on {@code openfire} with the configuration files its {@code conf} folder holds. */
    static RunningPlugin on(FakeOpenfireServer openfire) {
        return new RunningPlugin(openfire, Map.of());
    }

    /** Starts the plugin in a fresh Openfire home with {@code system_metrics.yml} holding {@code yaml}. */
    static RunningPlugin withYaml(Path home, String yaml) {
        return on(new FakeOpenfireServer(home), yaml);
    }

    /** Starts the plugin in a fresh Openfire home with a file (or environment) that puts it in {@code state}. */
    static RunningPlugin inState(Path home, ConsentDecision.State state) {
        FakeOpenfireServer openfire = new FakeOpenfireServer(home);
        if (state == ConsentDecision.State.OFF_BY_DO_NOT_TRACK) {
            return new RunningPlugin(write(openfire, ENTRY), Map.of(ConsentPolicy.DO_NOT_TRACK, "1"));
        }
        return new RunningPlugin(write(openfire, yamlFor(state)), Map.of());
    }

    /** A configuration file that puts reporting in {@code state} (all but the environment's opt-out). */
    static String yamlFor(ConsentDecision.State state) {
        switch (state) {
            case RUNNING:
                return ENTRY + "    report: true\n";
            case OFF_BY_NO_REPORT:
                return ENTRY + "    no_report: true\n";
            case NOT_CONFIGURED:
                return "services:\n  service_mod_other: {}\n";
            case OFF_CONFIG_UNREADABLE:
                return "services:\n  service_mongoose_system_metrics: [report: true\n";
            case OFF_OPT_OUT_UNCLEAR:
                return ENTRY + "    no_report: maybe\n";
            default:
                return ENTRY;
        }
    }

    private static FakeOpenfireServer write(FakeOpenfireServer openfire, String yaml) {
        try {
            if (yaml == null) {
                Files.deleteIfExists(configFile(openfire));
                return openfire;
            }
            Files.writeString(configFile(openfire), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return openfire;
    }

    static Path configFile(FakeOpenfireServer openfire) {
        return openfire.confDirectory().resolve("system_metrics.yml");
    }

    /** The values saved in the admin console, by setting key, as Openfire's properties hold them. */
    Map<String, String> console() {
        Map<String, String> saved = new TreeMap<>();
        for (Setting<?> setting : Setting.console()) {
            String value = openfire.properties().get(PluginName.CANONICAL + "." + setting.key());
            if (value != null) {
                saved.put(setting.key(), value);
            }
        }
        return saved;
    }

    SystemMetricsAdmin admin() {
        return plugin.admin().orElseThrow();
    }

    /**
     * Returns once the service thread has run every task queued before this call: it runs them in turn, so the answer
     * to a task queued now is the event to wait for.
     */
    void awaitTheServiceFree() throws Exception {
        PluginHarness.behindQueuedTasks(plugin).get(30, TimeUnit.SECONDS);
    }

    /** What Openfire's locator gives the page: {@link #values} while the plugin runs, nothing while it stops. */
    Optional<SystemMetricsAdmin> served() {
        return plugin.admin().map(running -> values);
    }

    PageFacts facts() {
        return admin().facts();
    }

    ServiceStatus status() {
        return facts().status;
    }

    /** Serves the page over this plugin, without Openfire's CSRF filter or decorator. */
    AdminPageServer page() throws Exception {
        return page((request, summary, details) -> { });
    }

    /** The same, recording what the page writes to Openfire's security audit log in {@code audit}. */
    AdminPageServer page(AuditLog audit) throws Exception {
        AdminPageServer page = new AdminPageServer(this::served, false, false, audit, Clock::systemUTC);
        pages.add(page);
        return page;
    }

    /** Unloads the plugin, lets {@code system_metrics.yml} hold {@code yaml} and loads it again; its pages stay. */
    void restartWith(String yaml) {
        plugin.destroyPlugin();
        write(openfire, yaml);
        start();
    }

    @Override
    public void close() {
        try {
            closeFrom(0);
        } finally {
            plugin.destroyPlugin();
        }
    }

    /** Every page is closed even when one fails to close (its failure is thrown once the rest are closed). */
    private void closeFrom(int index) {
        if (index < pages.size()) {
            try {
                pages.get(index).close();
            } finally {
                closeFrom(index + 1);
            }
        }
    }
}
