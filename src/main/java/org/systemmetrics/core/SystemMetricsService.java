package org.systemmetrics.core;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.core.cluster.SendLedger;
import org.systemmetrics.core.config.LoadedConfig;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.consent.ConsentPolicy;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.delivery.Recipients;
import org.systemmetrics.core.delivery.ReportDelivery;
import org.systemmetrics.core.identity.ClusterIdentity;
import org.systemmetrics.core.identity.Erasure;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.core.report.ReportAssembler;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.core.report.ReportFileWriter;
import org.systemmetrics.core.schedule.TaskScheduler;

/**
 * The {@code service_mongoose_system_metrics} service: a {@link ConfigWatcher} applies the configuration, a
 * {@link ReportSchedule} runs reports. Both work on one scheduler thread, so a configuration change never races a
 * report; this class hands the requests of Openfire's threads to that thread and answers with futures.
 */
public final class SystemMetricsService {
    private static final Logger LOG = LoggerFactory.getLogger(SystemMetricsService.class);
    public static final Duration CONFIG_CHECK_INTERVAL = ConfigWatcher.CHECK_INTERVAL;
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(1);
    private static final Recipients NOWHERE = new Recipients("no Google Analytics property (none is configured, so "
            + "reports are only written to the file)", List.of());

    private final ReportDelivery delivery;
    private final Function<ServiceConfig, Recipients> destinations;
    private final TaskScheduler scheduler;
    // Held by whatever runs on the scheduler thread, and by start() on Openfire's thread, so that start() does not
    // race a first report that is due at once (initial_report: 0). Never held by stop() or the admin page.
    private final Object stateLock = new Object();
    private final ReportSchedule schedule;
    private final ConfigWatcher watcher;
    private final NewFields newFields;
    private volatile boolean stopped;

    private SystemMetricsService(Builder b) {
        this.delivery = b.delivery;
        this.destinations = b.destinations;
        this.scheduler = Objects.requireNonNull(b.scheduler, "scheduler");
        this.newFields = b.newFields;
        this.schedule = new ReportSchedule(Objects.requireNonNull(b.assembler, "assembler"),
                Objects.requireNonNull(b.fileWriter, "fileWriter"), Objects.requireNonNull(b.identity, "identity"),
                (report, config) -> delivery.deliver(report, destinations.apply(config).destinations()), b.nodeRole,
                b.sendLedger, newFields, scheduler, Objects.requireNonNull(b.clock, "clock"), stateLock);
        this.watcher = new ConfigWatcher(Objects.requireNonNull(b.configSource, "configSource"), b.configFingerprint,
                Objects.requireNonNull(b.consentPolicy, "consentPolicy"), destinations, b.reportingSwitch,
                b.categoriesListener, schedule, scheduler, stateLock);
    }

    public static Builder builder() {
        return new Builder();
    }

    public void start() {
        synchronized (stateLock) {
            watcher.start();
        }
    }

    /** Re-reads the configuration now; completes once applied, so that the page shown next shows what was saved. */
    public CompletableFuture<Void> reconfigure() {
        return onServiceThread(() -> {
            try {
                watcher.reread();
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("System metrics: could not apply the changed settings ({}); the current settings stay.",
                        e.toString());
            }
            return null;
        }, null);
    }

    /** "Send now", outside the schedule; the configuration is read again first, so an opt-out after the click wins. */
    public CompletableFuture<Optional<Report>> runNow() {
        return onServiceThread(() -> reportingAfterRecheck() ? schedule.run(true) : Optional.empty(), Optional.empty());
    }

    /**
     * Runs {@code check} with a preview report, as it would be sent, and the configuration read again; empty when
     * reporting is off by then or no preview could be built.
     */
    public <T> CompletableFuture<Optional<T>> checkWhileReporting(BiFunction<Report, ServiceConfig, T> check) {
        return onServiceThread(() -> reportingAfterRecheck()
                ? schedule.preview().map(report -> check.apply(newFields == null ? report
                        : newFields.forSending(report, watcher.decision()), watcher.config()))
                : Optional.empty(), Optional.empty());
    }

    /** Sends a freshly built report to the destinations' validation servers. */
    public CompletableFuture<Optional<List<DeliveryOutcome>>> validate() {
        return checkWhileReporting((report, config) -> delivery.validate(report,
                destinations.apply(config).destinations()));
    }

    /** The report the next run would build, neither written nor sent; empty when none could be built. */
    public CompletableFuture<Optional<Report>> preview() {
        return onServiceThread(schedule::preview, Optional.empty());
    }

    /**
     * Runs <i>Forget this server</i> with the configuration in force, between reports, so that no report under way
     * carries the old cluster ID after it; empty when the service is stopped.
     */
    public CompletableFuture<Optional<Erasure.Result>> forget(Function<ServiceConfig, Erasure.Result> forget) {
        return onServiceThread(() -> Optional.of(forget.apply(watcher.config())), Optional.empty());
    }

    /** Where reports go under the current settings, masked, one entry per destination. */
    public List<String> destinations() {
        return destinations.apply(status().config()).ids();
    }

    /** The last deliveries per masked destination, newest first. */
    public Map<String, List<DeliveryOutcome>> deliveryHistory() {
        return delivery.recentOutcomes();
    }

    private boolean reportingAfterRecheck() {
        if (stopped) {
            return false;
        }
        try {
            watcher.reread();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("System metrics: could not read the settings again ({}); nothing is sent now.", e.toString());
            return false;
        }
        return watcher.decision().runs();
    }

    /** Runs {@code task} on the service thread under its lock; never throws, also while the plugin is unloaded. */
    private <T> CompletableFuture<T> onServiceThread(Supplier<T> task, T otherwise) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (stopped) {
            result.complete(otherwise);
            return result;
        }
        try {
            scheduler.schedule(() -> {
                synchronized (stateLock) {
                    try {
                        result.complete(task.get());
                    } catch (RuntimeException | LinkageError e) {
                        result.completeExceptionally(e);
                    }
                }
            }, Duration.ZERO);
        } catch (RuntimeException shuttingDown) {
            result.complete(otherwise);
        }
        return result;
    }

    /** Stops every task and the thread within {@link #SHUTDOWN_GRACE}; safe to call more than once. */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        schedule.stop();
        watcher.stop();
        delivery.close();
        if (!scheduler.shutdown(SHUTDOWN_GRACE)) {
            LOG.warn("System metrics: the report thread did not stop within {} ms; it is a daemon thread and ends "
                    + "with its current network call.", SHUTDOWN_GRACE.toMillis());
        }
    }

    public ServiceStatus status() {
        return schedule.status();
    }

    /** Collaborators of the service; those without a default here are required. */
    public static final class Builder {
        private Supplier<LoadedConfig> configSource;
        private Supplier<String> configFingerprint = () -> "";
        private ConsentPolicy consentPolicy;
        private ReportAssembler assembler;
        private ReportFileWriter fileWriter;
        private ClusterIdentity identity;
        private ReportDelivery delivery = ReportDelivery.NONE;
        private Function<ServiceConfig, Recipients> destinations = config -> NOWHERE;
        private Consumer<Boolean> reportingSwitch = on -> { };
        private Supplier<NodeRole> nodeRole = () -> NodeRole.ALONE;
        private SendLedger sendLedger;
        private TaskScheduler scheduler;
        private Clock clock;
        private Consumer<Set<ReportCategory>> categoriesListener = categories -> { };
        private NewFields newFields;

        public Builder configSource(Supplier<LoadedConfig> source, Supplier<String> fingerprint) {
            this.configSource = source;
            this.configFingerprint = fingerprint;
            return this;
        }

        public Builder consentPolicy(ConsentPolicy policy) {
            this.consentPolicy = policy;
            return this;
        }

        public Builder assembler(ReportAssembler assembler) {
            this.assembler = assembler;
            return this;
        }

        public Builder fileWriter(ReportFileWriter writer) {
            this.fileWriter = writer;
            return this;
        }

        public Builder identity(ClusterIdentity identity) {
            this.identity = identity;
            return this;
        }

        public Builder delivery(ReportDelivery delivery) {
            this.delivery = delivery;
            return this;
        }

        public Builder destinations(Function<ServiceConfig, Recipients> destinations) {
            this.destinations = destinations;
            return this;
        }

        public Builder nodeRole(Supplier<NodeRole> role) {
            this.nodeRole = role;
            return this;
        }

        /** Without it every sender sends. */
        public Builder sendLedger(SendLedger ledger) {
            this.sendLedger = ledger;
            return this;
        }

        /** Told whether reporting is on (at start and on every change), so nothing of ours runs on the packet path. */
        public Builder onReportingSwitched(Consumer<Boolean> reportingSwitch) {
            this.reportingSwitch = reportingSwitch;
            return this;
        }

        public Builder scheduler(TaskScheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Told the chosen categories at start and on every change, so a collector of one that is off can stop. */
        public Builder categoriesListener(Consumer<Set<ReportCategory>> listener) {
            this.categoriesListener = listener;
            return this;
        }

        /** Without it no field counts as new. */
        public Builder newFields(NewFields newFields) {
            this.newFields = newFields;
            return this;
        }

        public SystemMetricsService build() {
            return new SystemMetricsService(this);
        }
    }
}
