package org.systemmetrics.openfire;

import java.io.File;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
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
import org.systemmetrics.core.ServiceStatus;
import org.systemmetrics.core.SystemMetricsService;
import org.systemmetrics.core.cluster.SendLedger;
import org.systemmetrics.core.cluster.SharedStore;
import org.systemmetrics.core.config.ConfigLoader;
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
import org.systemmetrics.openfire.admin.SystemMetricsAdmin;
import org.systemmetrics.openfire.admin.SystemMetricsAdminHost;
import org.systemmetrics.openfire.probe.OpenfireProbes;
import org.systemmetrics.openfire.seam.HttpClientLogGuard;
import org.systemmetrics.openfire.seam.LiveOpenfireServer;
import org.systemmetrics.openfire.seam.OpenfireServer;
import org.systemmetrics.openfire.seam.OpenfireUnavailableException;
import org.systemmetrics.openfire.seam.SystemPropertyRegistrar;

/**
 * The plugin's composition root: wires the service to the running Openfire on load and takes every piece
 * down again, in reverse order, on unload, so Openfire can reload the plugin without leaking threads,
 * listeners or the class loader. Nothing here may stop Openfire from starting: a failure is logged and the
 * plugin stays loaded but idle.
 */
public final class SystemMetricsPlugin implements Plugin, SystemMetricsAdminHost {
    private static final Logger LOG = LoggerFactory.getLogger(SystemMetricsPlugin.class);
    /** Where the random cluster ID is kept: a database property, shared by the cluster, kept across reinstalls. */
    public static final String CLUSTER_ID_PROPERTY = PluginName.CANONICAL + ".cluster_id";
    /**
     * When a node last sent the cluster's report (epoch ms, the database's clock): how the senior members agree on one
     * send per period. Each send is a new property {@code last_sent_at.<n>}; the bare name is read once after an
     * upgrade from a version that kept it there.
     */
    public static final String LAST_SENT_PROPERTY = PluginName.CANONICAL + ".last_sent_at";
    /** The version of the report-field record last announced in the log (the one-time notice of new fields). */
    public static final String FIELDS_ANNOUNCED_PROPERTY = PluginName.CANONICAL + ".fields_announced";
    /** The version of the report-field record an administrator has seen (confirmed on the admin page). */
    public static final String FIELDS_SEEN_PROPERTY = PluginName.CANONICAL + ".fields_seen";
    /**
     * The installation key (issue 19): this property holds its fingerprint; {@code <this>.<fingerprint>}, encrypted,
     * its private part. Not a setting: the plugin creates it, and only <i>Forget this server</i> replaces it.
     */
    public static final String INSTALLATION_KEY_PROPERTY = PluginName.CANONICAL + ".installation_key";
    /** plugin.xml's resolved name; Openfire ties system properties to a plugin by it. */
    static final String DISPLAY_NAME = "System Metrics";

    private final Function<File, OpenfireServer> servers;
    private final Supplier<TaskScheduler> schedulers;
    private final Clock clock;
    private final Map<String, String> environment;

    private OpenfireServer server;
    private Delivery delivery;
    private SystemMetricsService service;
    private OpenfireServer.Registration propertyListener;
    private OpenfireProbes probes;
    private PropertyConsoleSettings consoleSettings;
    private SystemPropertyRegistrar systemProperties;
    private volatile SystemMetricsAdmin admin;

    /** Called by Openfire's plugin manager. */
    public SystemMetricsPlugin() {
        this(LiveOpenfireServer::new, ExecutorTaskScheduler::new, Clock.systemUTC(), System.getenv());
    }

    SystemMetricsPlugin(Function<File, OpenfireServer> servers, Supplier<TaskScheduler> schedulers, Clock clock,
            Map<String, String> environment) {
        this.servers = servers;
        this.schedulers = schedulers;
        this.clock = clock;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public void initializePlugin(PluginManager manager, File pluginDirectory) {
        try {
            start(pluginDirectory);
        } catch (RuntimeException | Error e) {
            // Error too (a StackOverflowError, a LinkageError): whatever happened, undo what was registered.
            LOG.error("System metrics: the plugin could not start and stays idle; Openfire is not affected.", e);
            destroyPlugin();
        }
    }

    private void start(File pluginDirectory) {
        server = servers.apply(pluginDirectory);
        consoleSettings = new PropertyConsoleSettings(server, clock);
        ConfigLoader loader = new ConfigLoader(server.confDirectory());
        ReportFileWriter fileWriter = new ReportFileWriter(server.logsDirectory());
        SharedStore store = server.sharedStore();
        ClusterIdentity identity = new ClusterIdentity(store, CLUSTER_ID_PROPERTY);
        NewFields newFields = new NewFields(ReportFields.load(), store, FIELDS_ANNOUNCED_PROPERTY,
                FIELDS_SEEN_PROPERTY);
        InstallationKeys keys = new InstallationKeys(store, INSTALLATION_KEY_PROPERTY,
                new EncryptedProperties(server, INSTALLATION_KEY_PROPERTY));
        // The database's clock signs, so that a new senior whose own clock is slower never signs "before" the last
        // report, which a collector would refuse as replayed.
        Erasure erasure = new Erasure(identity, keys, store::now);
        probes = new OpenfireProbes(server, PluginVersion.read(), clock);
        HttpClientLogGuard.pinHttpClientLoggersAtInfo(SystemMetricsPlugin.class.getClassLoader());
        delivery = new Delivery(PluginVersion.read(), openfireVersion());
        service = SystemMetricsService.builder()
                .configSource(() -> loader.load(consoleSettings.snapshot()),
                        () -> loader.fingerprint() + consoleSettings.holdState())
                .consentPolicy(new ConsentPolicy(environment, fileWriter.target(), server.confDirectory(),
                        pluginDirectory == null ? null : pluginDirectory.toPath().resolve("conf").resolve(
                                ConfigLoader.YAML_FILE)))
                .assembler(new ReportAssembler(probes.collectors(), clock))
                .fileWriter(fileWriter)
                .identity(identity)
                .delivery(delivery)
                .destinations(new ReportDestinations(body -> keys.reportHeaders(body, store::now)))
                .nodeRole(server::nodeRole)
                .sendLedger(new SendLedger(store, LAST_SENT_PROPERTY))
                .newFields(newFields)
                .onReportingSwitched(probes::countStanzas)
                .scheduler(schedulers.get())
                .clock(clock)
                .categoriesListener(probes::apply)
                .build();
        // The interceptor goes on only once service.start() has told the probes that reporting is on and which
        // categories are chosen.
        probes.apply(Set.of());
        service.start();
        propertyListener = server.onPropertyChange(PropertyConsoleSettings.PREFIX, service::reconfigure);
        systemProperties = new SystemPropertyRegistrar();
        systemProperties.register(DISPLAY_NAME, service::reconfigure);
        Delivery sender = delivery;
        admin = new PluginAdmin(service, consoleSettings, server, fileWriter, identity, newFields, loader::load,
                config -> erasure.forget(config.reportEndpoint().map(e -> OwnEndpointDestination.erasure(e, sender))));
    }

    @Override
    public void destroyPlugin() {
        admin = null;
        if (systemProperties != null) {
            systemProperties.unregister(DISPLAY_NAME);
            systemProperties = null;
        }
        if (propertyListener != null) {
            try {
                propertyListener.close();
            } catch (RuntimeException e) {
                LOG.warn("System metrics: could not remove the property listener ({}).", e.toString());
            }
            propertyListener = null;
        }
        try {
            if (service != null) {
                service.stop(); // closes the delivery too
            } else if (delivery != null) {
                delivery.close();
            }
        } catch (RuntimeException e) {
            LOG.warn("System metrics: stopping the service failed ({}); unloading goes on.", e.toString());
        }
        service = null;
        if (probes != null) {
            try {
                probes.close();
            } catch (RuntimeException e) {
                LOG.warn("System metrics: could not remove the stanza counter ({}).", e.toString());
            }
            probes = null;
        }
        delivery = null;
        server = null;
        consoleSettings = null;
    }

    private String openfireVersion() {
        try {
            return server.openfireVersion();
        } catch (OpenfireUnavailableException e) {
            return "unknown";
        }
    }

    @Override
    public Optional<SystemMetricsAdmin> admin() {
        return Optional.ofNullable(admin);
    }

    /** The service's state for the admin console; empty while the plugin is not started. */
    public Optional<ServiceStatus> status() {
        SystemMetricsService current = service;
        return current == null ? Optional.empty() : Optional.ofNullable(current.status());
    }

    Optional<SystemMetricsService> service() {
        return Optional.ofNullable(service);
    }
}
