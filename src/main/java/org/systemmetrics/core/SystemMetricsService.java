package org.systemmetrics.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.core.cluster.SendLedger;
import org.systemmetrics.core.config.ConfigProblem;
import org.systemmetrics.core.config.LoadedConfig;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.consent.ConsentPolicy;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.delivery.ReportDelivery;
import org.systemmetrics.core.identity.ClusterIdentity;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.core.report.ReportAssembler;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.core.report.ReportFileWriter;
import org.systemmetrics.core.schedule.TaskScheduler;

/**
 * The {@code service_mongoose_system_metrics} service: applies the configuration, decides with the
 * {@link ConsentPolicy} whether to run, and runs reports on its own scheduler thread (first after
 * {@code initial_report}, then every {@code periodic_report}). Every change of state happens on that one
 * thread, so runs never overlap and a configuration change never races a report.
 */
public final class SystemMetricsService {
    private static final Logger LOG = LoggerFactory.getLogger(SystemMetricsService.class);
    /** How often the configuration files are checked for edits. */
    public static final Duration CONFIG_CHECK_INTERVAL = Duration.ofSeconds(10);
    /**
     * How soon a first report that could not be made (this node has not joined its cluster yet, or the cluster
     * ID could not be read) is tried again, unless {@code periodic_report} is shorter.
     */
    static final Duration WAIT_RETRY = Duration.ofSeconds(15);
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(1);

    private final Supplier<LoadedConfig> configSource;
    private final Supplier<String> configFingerprint;
    private final ConsentPolicy consentPolicy;
    private final ReportAssembler assembler;
    private final ReportFileWriter fileWriter;
    private final ClusterIdentity identity;
    private final ReportDelivery delivery;
    private final Consumer<Boolean> reportingSwitch;
    private final Supplier<NodeRole> nodeRole;
    private final SendLedger sendLedger;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private final Consumer<Set<ReportCategory>> categoriesListener;

    // Touched on the scheduler thread, and by start() on Openfire's thread; stateLock keeps start() from racing a
    // first report that is due at once (initial_report: 0). Never held by stop() or the admin page.
    private final Object stateLock = new Object();
    private ServiceConfig config;
    private List<ConfigProblem> lastProblems = List.of();
    private ConsentDecision decision;
    private String lastFingerprint;
    private Instant runningSince;
    private Instant lastRunAt;
    private volatile TaskScheduler.Cancellable nextRun;
    private Instant nextRunAt;
    private boolean waitingToReport;
    private volatile NodeRole lastRole;
    private Instant sendCoveredUntil;
    private Report lastReport;
    private List<DeliveryOutcome> lastOutcomes = List.of();
    private Boolean switchedOn;
    private volatile TaskScheduler.Cancellable nextConfigCheck;
    private volatile ServiceStatus status;
    private volatile boolean stopped;

    public SystemMetricsService(Builder builder) {
        this.configSource = Objects.requireNonNull(builder.configSource, "configSource");
        this.configFingerprint = builder.configFingerprint == null ? () -> "" : builder.configFingerprint;
        this.consentPolicy = Objects.requireNonNull(builder.consentPolicy, "consentPolicy");
        this.assembler = Objects.requireNonNull(builder.assembler, "assembler");
        this.fileWriter = Objects.requireNonNull(builder.fileWriter, "fileWriter");
        this.identity = Objects.requireNonNull(builder.identity, "identity");
        this.delivery = builder.delivery == null ? ReportDelivery.NONE : builder.delivery;
        this.reportingSwitch = builder.reportingSwitch == null ? on -> { } : builder.reportingSwitch;
        this.nodeRole = builder.nodeRole == null ? () -> NodeRole.ALONE : builder.nodeRole;
        this.sendLedger = builder.sendLedger;
        this.scheduler = Objects.requireNonNull(builder.scheduler, "scheduler");
        this.clock = Objects.requireNonNull(builder.clock, "clock");
        this.categoriesListener = builder.categoriesListener == null ? categories -> { } : builder.categoriesListener;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads the configuration, logs what the administrator must know, and schedules the first report. */
    public void start() {
        synchronized (stateLock) {
            lastFingerprint = configFingerprint.get();
            apply(configSource.get(), true);
            nextConfigCheck = scheduler.schedule(this::checkConfigFiles, CONFIG_CHECK_INTERVAL);
        }
    }

    /**
     * Re-reads the configuration now (the admin console saved something); applied on the service thread. The
     * future completes once that has happened (or cannot happen any more), so that the admin page shown next
     * shows what was saved rather than the settings from before.
     */
    public CompletableFuture<Void> reconfigure() {
        CompletableFuture<Void> applied = new CompletableFuture<>();
        boolean queued = submit(() -> {
            try {
                synchronized (stateLock) {
                    try {
                        lastFingerprint = configFingerprint.get();
                        apply(configSource.get(), false);
                    } catch (RuntimeException | LinkageError e) {
                        LOG.warn("System metrics: could not apply the changed settings ({}); the current settings stay.",
                                e.toString());
                    }
                }
            } finally {
                applied.complete(null);
            }
        });
        if (!queued) {
            applied.complete(null);
        }
        return applied;
    }

    /**
     * Builds, writes and sends a report now (the admin console's "Send now"), on the service thread, and
     * does not disturb the periodic schedule. The configuration is read again first: an opt-out that arrived
     * after the click wins, and then nothing is built or sent (empty).
     */
    public CompletableFuture<Optional<Report>> runNow() {
        CompletableFuture<Optional<Report>> result = new CompletableFuture<>();
        if (stopped) {
            result.complete(Optional.empty());
            return result;
        }
        if (!submit(() -> {
            synchronized (stateLock) {
                result.complete(reportingAfterRecheck() ? produceReport(true) : Optional.empty());
            }
        })) {
            result.complete(Optional.empty());
        }
        return result;
    }

    /**
     * Runs {@code check} (the admin console's "Validate") with a preview report and the current configuration on
     * the service thread, after reading the configuration again; empty when reporting is off by then, so an
     * opt-out that arrived after the click wins, or when no preview could be built.
     */
    public <T> CompletableFuture<Optional<T>> checkWhileReporting(BiFunction<Report, ServiceConfig, T> check) {
        CompletableFuture<Optional<T>> result = new CompletableFuture<>();
        if (!submit(() -> {
            synchronized (stateLock) {
                try {
                    result.complete(reportingAfterRecheck()
                            ? assembleSafely().map(report -> check.apply(report, config)) : Optional.empty());
                } catch (RuntimeException | LinkageError e) {
                    result.completeExceptionally(e);
                }
            }
        })) {
            result.complete(Optional.empty());
        }
        return result;
    }

    /**
     * Sends a freshly built report to the destinations' validation servers (the admin console's "Validate"), after
     * reading the configuration again; empty when reporting is off by then or no preview could be built.
     */
    public CompletableFuture<Optional<List<DeliveryOutcome>>> validate() {
        return checkWhileReporting(delivery::validate);
    }

    /** The cluster ID the reports carry, as stored now; empty while it does not exist yet. Creates nothing. */
    public Optional<String> clusterId() {
        return identity.existing();
    }

    /** Where reports go under the current settings, masked, one entry per destination. */
    public List<String> destinations() {
        return delivery.destinationIds(status.config());
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
            lastFingerprint = configFingerprint.get();
            apply(configSource.get(), false);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("System metrics: could not read the settings again ({}); nothing is sent now.", e.toString());
            return false;
        }
        return decision.runs();
    }

    /**
     * Builds a report as the next run would, without writing or sending it (the admin console's "Preview").
     * Empty when the service is stopped or the cluster ID does not exist yet.
     */
    public CompletableFuture<Optional<Report>> preview() {
        CompletableFuture<Optional<Report>> result = new CompletableFuture<>();
        if (!submit(() -> result.complete(assembleSafely()))) {
            result.complete(Optional.empty());
        }
        return result;
    }

    private Optional<Report> assembleSafely() {
        try {
            // A preview creates nothing: before the first report there is no cluster ID yet, and while reporting is
            // off none may be created, so the preview shows a placeholder in its place.
            return Optional.of(assembler.preview(identity.existing().orElse(ClusterIdentity.PREVIEW_PLACEHOLDER),
                    config.categories(), new ReportContext(config.configType())));
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("System metrics: could not build a preview ({}).", e.toString());
            return Optional.empty();
        }
    }

    /**
     * Hands work to the service thread. Called from Openfire's threads (property events, admin pages), so it
     * must not throw even when the plugin is being unloaded at that moment.
     */
    private boolean submit(Runnable task) {
        if (stopped) {
            return false;
        }
        try {
            scheduler.schedule(task, Duration.ZERO);
            return true;
        } catch (RuntimeException shuttingDown) {
            return false;
        }
    }

    /** Stops every task and the thread within {@link #SHUTDOWN_GRACE}; safe to call more than once. */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        cancel(nextRun);
        cancel(nextConfigCheck);
        delivery.close();
        if (!scheduler.shutdown(SHUTDOWN_GRACE)) {
            LOG.warn("System metrics: the report thread did not stop within {} ms; it is a daemon thread and ends "
                    + "with its current network call.", SHUTDOWN_GRACE.toMillis());
        }
    }

    public ServiceStatus status() {
        return status;
    }

    private void checkConfigFiles() {
        synchronized (stateLock) {
            checkConfigFilesLocked();
        }
    }

    private void checkConfigFilesLocked() {
        if (stopped) {
            return;
        }
        try {
            String fingerprint = configFingerprint.get();
            if (!fingerprint.equals(lastFingerprint)) {
                lastFingerprint = fingerprint;
                LOG.info("System metrics: the configuration file changed; applying it.");
                apply(configSource.get(), false);
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("System metrics: could not check the configuration files ({}); the current settings stay.", e.toString());
        } finally {
            if (!stopped) {
                nextConfigCheck = scheduler.schedule(this::checkConfigFiles, CONFIG_CHECK_INTERVAL);
            }
        }
    }

    private void apply(LoadedConfig loaded, boolean atStart) {
        if (atStart || !loaded.problems().equals(lastProblems)) {
            for (ConfigProblem problem : loaded.problems()) {
                if (problem.severity() == ConfigProblem.Severity.ERROR) {
                    LOG.error("System metrics: {}", problem.message());
                } else {
                    LOG.warn("System metrics: {}", problem.message());
                }
            }
        }
        lastProblems = loaded.problems();
        ServiceConfig previous = config;
        config = loaded.config();
        if (previous == null || !previous.categories().equals(config.categories())) {
            try {
                categoriesListener.accept(config.categories());
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("System metrics: could not apply the chosen categories ({}).", e.toString());
            }
        }
        ConsentDecision previousDecision = decision;
        decision = consentPolicy.decide(config.consent(), delivery.describeDestinations(config));
        if (atStart || previousDecision == null || previousDecision.state() != decision.state()) {
            decision.message().ifPresent(message -> {
                if (decision.level().orElse(ConsentDecision.Level.INFO) == ConsentDecision.Level.WARN) {
                    LOG.warn(message);
                } else {
                    LOG.info(message);
                }
            });
        }
        boolean wasRunning = previousDecision != null && previousDecision.runs();
        flipReportingSwitch(decision.runs());
        if (!decision.runs()) {
            cancel(nextRun);
            nextRun = null;
            runningSince = null;
            lastRunAt = null;
        } else if (!wasRunning || timersChanged(previous, config)) {
            if (!wasRunning) {
                runningSince = clock.instant();
                lastRunAt = null;
            }
            scheduleNextRun();
        }
        publishStatus();
    }

    /** Tells whoever hooks into Openfire (the stanza counter) that reporting went on or off; never throws. */
    private void flipReportingSwitch(boolean on) {
        if (switchedOn != null && switchedOn == on) {
            return;
        }
        switchedOn = on;
        try {
            reportingSwitch.accept(on);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("System metrics: could not switch reporting {} everywhere ({}).", on ? "on" : "off", e.toString());
        }
    }

    private static boolean timersChanged(ServiceConfig before, ServiceConfig after) {
        return before == null || !before.initialReport().equals(after.initialReport())
                || !before.periodicReport().equals(after.periodicReport());
    }

    private void scheduleNextRun() {
        cancel(nextRun);
        Instant due = lastRunAt == null ? runningSince.plus(config.initialReport()) : lastRunAt.plus(config.periodicReport());
        scheduleRunAt(due);
    }

    private void scheduleRunAt(Instant due) {
        Duration delay = Duration.between(clock.instant(), due);
        nextRun = scheduler.schedule(this::periodicRun, delay.isNegative() ? Duration.ZERO : delay);
        nextRunAt = due;
    }

    private void periodicRun() {
        synchronized (stateLock) {
            periodicRunLocked();
        }
    }

    private void periodicRunLocked() {
        if (stopped || !decision.runs()) {
            return;
        }
        Instant startedAt = clock.instant();
        Optional<Report> produced = Optional.empty();
        try {
            produced = produceReport(false);
        } finally {
            if (!stopped && decision.runs()) {
                if (produced.isEmpty() && lastRunAt == null && waitingToReport) {
                    scheduleRunAt(startedAt.plus(WAIT_RETRY.compareTo(config.periodicReport()) < 0
                            ? WAIT_RETRY : config.periodicReport()));
                } else {
                    lastRunAt = startedAt;
                    Instant ownNext = startedAt.plus(config.periodicReport());
                    if (sendCoveredUntil != null && sendCoveredUntil.isAfter(startedAt)
                            && sendCoveredUntil.isBefore(ownNext)) {
                        // Another node sent this period's report: send when that period ends, not a whole period
                        // later, so the cluster loses no report when seniority moves.
                        scheduleRunAt(sendCoveredUntil);
                    } else {
                        scheduleNextRun();
                    }
                }
            }
            publishStatus();
        }
    }

    /**
     * Assembles, writes and delivers one report as this node's role allows; logs and swallows whatever goes
     * wrong. {@code manual}: asked for in the admin console, so the senior member sends without claiming the
     * period (an extra report the administrator chose, which does not move the cluster's schedule).
     */
    private Optional<Report> produceReport(boolean manual) {
        sendCoveredUntil = null;
        try {
            NodeRole role = nodeRole.get();
            NodeRole previousRole = lastRole;
            lastRole = role;
            if (!role.writesReports()) {
                waitingToReport = true;
                if (previousRole != NodeRole.JOINING) {
                    LOG.info("System metrics: clustering is enabled but this node has not joined the cluster yet; "
                            + "nothing is written or sent until it has.");
                }
                return Optional.empty();
            }
            Optional<String> clientId = identity.current();
            waitingToReport = clientId.isEmpty();
            if (clientId.isEmpty()) {
                LOG.warn("System metrics: no cluster ID could be stored or read; the report is postponed.");
                return Optional.empty();
            }
            Report report = assembler.assemble(clientId.get(), config.categories(),
                    new ReportContext(config.configType()));
            fileWriter.write(report);
            lastReport = report;
            if (role.sends() && mayClaimThePeriod(role, manual)) {
                lastOutcomes = delivery.deliver(report, config);
            }
            return Optional.of(report);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable unexpected) {
            LOG.error("System metrics: a report run failed; the next one is still scheduled.", unexpected);
            return Optional.empty();
        } finally {
            publishStatus();
        }
    }

    private boolean mayClaimThePeriod(NodeRole role, boolean manual) {
        if (role != NodeRole.SENIOR || manual || sendLedger == null) {
            return true;
        }
        SendLedger.Claim claim = sendLedger.claim(clock.instant(), config.periodicReport());
        if (claim.granted()) {
            return true;
        }
        sendCoveredUntil = claim.coveredUntil().orElse(null);
        LOG.info("System metrics: another cluster node already sent the report of this period; this node wrote its "
                + "report file and sends the next report at {}.", sendCoveredUntil);
        return false;
    }

    /** This node's role at the last report run; empty before the first. */
    public Optional<NodeRole> lastRole() {
        return Optional.ofNullable(lastRole);
    }

    private void publishStatus() {
        status = new ServiceStatus(decision.state(), config, decision.runs() && nextRun != null ? nextRunAt : null,
                lastReport, lastOutcomes);
    }

    private static void cancel(TaskScheduler.Cancellable task) {
        if (task != null) {
            task.cancel();
        }
    }

    /** Collaborators of the service; all but delivery, node role and send ledger are required. */
    public static final class Builder {
        private Supplier<LoadedConfig> configSource;
        private Supplier<String> configFingerprint;
        private ConsentPolicy consentPolicy;
        private ReportAssembler assembler;
        private ReportFileWriter fileWriter;
        private ClusterIdentity identity;
        private ReportDelivery delivery;
        private Consumer<Boolean> reportingSwitch;
        private Supplier<NodeRole> nodeRole;
        private SendLedger sendLedger;
        private TaskScheduler scheduler;
        private Clock clock;
        private Consumer<Set<ReportCategory>> categoriesListener;

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

        /** This node's part in the cluster, read at every run; a lone server when not given. */
        public Builder nodeRole(Supplier<NodeRole> role) {
            this.nodeRole = role;
            return this;
        }

        /** Where the senior member claims each period before sending; without it every sender sends. */
        public Builder sendLedger(SendLedger ledger) {
            this.sendLedger = ledger;
            return this;
        }

        /**
         * Called on the service thread with true when reporting goes on and false when it goes off (also at start),
         * so that nothing of ours runs on Openfire's packet path while reporting is off.
         */
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

        /**
         * Told the chosen categories when the service starts and whenever they change, on the service thread, so
         * that what collects data for a category that is off (the stanza counter) can stop collecting.
         */
        public Builder categoriesListener(Consumer<Set<ReportCategory>> listener) {
            this.categoriesListener = listener;
            return this;
        }

        public SystemMetricsService build() {
            return new SystemMetricsService(this);
        }
    }
}
