package org.systemmetrics.openfire;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.NewFields;
import org.systemmetrics.core.PluginName;
import org.systemmetrics.core.ReportDestinations;
import org.systemmetrics.core.ReportSchedule;
import org.systemmetrics.core.SystemMetricsService;
import org.systemmetrics.core.cluster.SendLedger;
import org.systemmetrics.core.cluster.SharedStore;
import org.systemmetrics.core.config.ConfigLoader;
import org.systemmetrics.core.config.Setting;
import org.systemmetrics.core.consent.ConsentPolicy;
import org.systemmetrics.core.delivery.Delivery;
import org.systemmetrics.core.delivery.endpoint.OwnEndpointDestination;
import org.systemmetrics.core.identity.ClusterIdentity;
import org.systemmetrics.core.identity.Erasure;
import org.systemmetrics.core.identity.InstallationKeys;
import org.systemmetrics.core.report.ReportAssembler;
import org.systemmetrics.core.report.ReportFields;
import org.systemmetrics.core.report.ReportFileWriter;
import org.systemmetrics.core.schedule.ExecutorTaskScheduler;
import org.systemmetrics.core.schedule.TaskScheduler;
import org.systemmetrics.core.text.Texts;
import org.systemmetrics.openfire.admin.SystemMetricsAdmin;
import org.systemmetrics.openfire.admin.SystemMetricsAdminHost;
import org.systemmetrics.openfire.probe.OpenfireProbes;
import org.systemmetrics.openfire.probe.StanzaProbe;
import org.systemmetrics.openfire.seam.LiveOpenfireServer;
import org.systemmetrics.openfire.seam.OpenfireServer;
import org.systemmetrics.openfire.seam.OpenfireUnavailableException;
import org.systemmetrics.openfire.seam.SystemPropertyRegistrar;

/**
 * The composition root: wires the service to Openfire on load and undoes each step in reverse order on unload, so
 * that a reload leaks no thread, listener or class loader. A failure to start leaves the plugin loaded but idle.
 */
public final class SystemMetricsPlugin implements Plugin, SystemMetricsAdminHost {
    private static final Logger LOG = LoggerFactory.getLogger(SystemMetricsPlugin.class);
    private static final Texts TEXTS = Texts.of(SystemMetricsPlugin.class);
    // The shared values' names: database properties, shared by the cluster, kept across reinstalls; not settings.
    public static final String CLUSTER_ID_PROPERTY = PluginName.CANONICAL + ".cluster_id";
    /** One {@code last_sent_at.<n>} per send; the bare name is read once after an upgrade from a version using it. */
    public static final String LAST_SENT_PROPERTY = PluginName.CANONICAL + ".last_sent_at";
    public static final String FIELDS_ANNOUNCED_PROPERTY = PluginName.CANONICAL + ".fields_announced";
    public static final String FIELDS_SEEN_PROPERTY = PluginName.CANONICAL + ".fields_seen";
    /** The installation key's fingerprint; {@code <this>.<fingerprint>}, a secret, its private part. */
    public static final String INSTALLATION_KEY_PROPERTY = PluginName.CANONICAL + ".installation_key";
    /** plugin.xml's resolved name; Openfire ties system properties to a plugin by it. */
    static final String DISPLAY_NAME = "System Metrics";
    private static final String HTTP_CLIENT_LOGGERS = "org.apache.hc";

    private final Function<File, OpenfireServer> servers;
    private final Supplier<TaskScheduler> schedulers;
    private final Clock clock;
    private final Map<String, String> environment;
    private final Duration actionWait;

    private final Deque<Runnable> undo = new ArrayDeque<>();
    private volatile SystemMetricsService service;
    private volatile SystemMetricsAdmin admin;

    public SystemMetricsPlugin() {
        this(LiveOpenfireServer::new, ExecutorTaskScheduler::new, Clock.systemUTC(), System.getenv(),
                PluginAdmin.ACTION_TIMEOUT);
    }

    SystemMetricsPlugin(Function<File, OpenfireServer> servers, Supplier<TaskScheduler> schedulers, Clock clock,
            Map<String, String> environment, Duration actionWait) {
        this.servers = servers;
        this.schedulers = schedulers;
        this.clock = clock;
        this.environment = Map.copyOf(environment);
        this.actionWait = actionWait;
    }

    @Override
    public void initializePlugin(PluginManager manager, File pluginDirectory) {
        try {
            start(pluginDirectory);
        } catch (RuntimeException | Error e) {
            // Error too (a StackOverflowError, a LinkageError): whatever happened, undo what was registered.
            LOG.error(TEXTS.get("plugin.start_failed"), e);
            destroyPlugin();
        }
    }

    private void start(File pluginDirectory) {
        OpenfireServer server = servers.apply(pluginDirectory);
        PropertyConsoleSettings consoleSettings = new PropertyConsoleSettings(server, clock);
        ConfigLoader loader = new ConfigLoader(server.confDirectory());
        ReportFileWriter fileWriter = new ReportFileWriter(server.logsDirectory());
        SharedStore store = server.sharedStore();
        ClusterIdentity identity = new ClusterIdentity(store, CLUSTER_ID_PROPERTY);
        NewFields newFields = new NewFields(ReportFields.load(), store, FIELDS_ANNOUNCED_PROPERTY,
                FIELDS_SEEN_PROPERTY);
        InstallationKeys keys = new InstallationKeys(store, INSTALLATION_KEY_PROPERTY);
        Erasure erasure = new Erasure(identity, keys);
        String pluginVersion = pluginVersion();
        OpenfireProbes probes = new OpenfireProbes(server, pluginVersion, clock);
        StanzaProbe stanzas = probes.stanzas();
        onUnload("stanza_counter", stanzas::close);
        pinHttpClientLoggersAtInfo(SystemMetricsPlugin.class.getClassLoader());
        Delivery delivery = new Delivery(pluginVersion, openfireVersion(server));
        // Closed by the service's stop too; closing twice is harmless.
        onUnload("delivery", delivery::close);
        ReportSchedule schedule = new ReportSchedule(new ReportAssembler(probes.collectors(), clock), fileWriter,
                identity, newFields, delivery, server::nodeRole, new SendLedger(store, LAST_SENT_PROPERTY),
                schedulers.get());
        ReportDestinations destinations = new ReportDestinations(keys::reportHeaders);
        SystemMetricsService started = new SystemMetricsService(() -> loader.load(consoleSettings.snapshot()),
                () -> loader.fingerprint() + consoleSettings.holdState(),
                new ConsentPolicy(environment, fileWriter.target(), server.confDirectory(),
                        pluginDirectory.toPath().resolve("conf").resolve(ConfigLoader.YAML_FILE)),
                destinations, stanzas::countStanzas,
                stanzas::apply, schedule);
        // The interceptor goes on only once service.start() has told the counter that reporting is on and which
        // categories are chosen.
        stanzas.apply(Set.of());
        service = started;
        onUnload("service", started::stop);
        started.start();
        // The one listener for a console setting changed on the page, on System Properties or on another node.
        OpenfireServer.Registration listener = server.onPropertyChange(SystemPropertyRegistrar.PREFIX,
                started::reconfigure);
        onUnload("property_listener", listener::close);
        SystemPropertyRegistrar systemProperties = new SystemPropertyRegistrar();
        undo.push(() -> systemProperties.unregister(DISPLAY_NAME));
        systemProperties.register(DISPLAY_NAME);
        admin = new PluginAdmin(started, consoleSettings, server, fileWriter, identity, newFields, loader::load,
                destinations.projectProperty(),
                config -> erasure.forget(config.get(Setting.REPORT_ENDPOINT)
                        .map(e -> OwnEndpointDestination.erasure(e, delivery))), actionWait);
    }

    /** An unloading step whose failure is logged (text {@code unload.<what>}) so that the steps after it still run. */
    private void onUnload(String what, Runnable step) {
        undo.push(() -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                LOG.warn(TEXTS.get("unload." + what, e));
            }
        });
    }

    @Override
    public void destroyPlugin() {
        admin = null;
        service = null;
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
    }

    private static String openfireVersion(OpenfireServer server) {
        try {
            return server.openfireVersion();
        } catch (OpenfireUnavailableException e) {
            return "unknown";
        }
    }

    /** Filtered from the pom into a resource at build time. */
    private static String pluginVersion() {
        Properties properties = new Properties();
        try (InputStream in = SystemMetricsPlugin.class.getResourceAsStream("plugin.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // fall through: an unknown version is reported as such rather than failing the plugin
        }
        String version = properties.getProperty("version", "unknown");
        return version.startsWith("${") ? "unknown" : version;
    }

    /**
     * At DEBUG, HttpClient 5 logs each request line, GA4's API secret in its query included, once Openfire's debug log
     * is on. Through log4j 2 (which Openfire ships) by reflection: the plugin neither bundles nor compiles against it.
     */
    static boolean pinHttpClientLoggersAtInfo(ClassLoader loader) {
        try {
            Class<?> level = Class.forName("org.apache.logging.log4j.Level", false, loader);
            Class<?> configurator = Class.forName("org.apache.logging.log4j.core.config.Configurator", false, loader);
            Object info = level.getMethod("getLevel", String.class).invoke(null, "INFO");
            configurator.getMethod("setLevel", String.class, level).invoke(null, HTTP_CLIENT_LOGGERS, info);
            return true;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.debug(TEXTS.get("log4j.unavailable", HTTP_CLIENT_LOGGERS, e));
            return false;
        }
    }

    @Override
    public Optional<SystemMetricsAdmin> admin() {
        return Optional.ofNullable(admin);
    }

    /** As the tests and benchmarks read it; empty while the plugin is not started. */
    Optional<SystemMetricsService> service() {
        return Optional.ofNullable(service);
    }
}
