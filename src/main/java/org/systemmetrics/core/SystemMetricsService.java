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
import org.systemmetrics.core.config.ConfigProblem;
import org.systemmetrics.core.config.ConsoleSettings;
import org.systemmetrics.core.config.LoadedConfig;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.config.SettingSource;
import org.systemmetrics.core.consent.ConsentDecision;
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
 * The {@code service_mongoose_system_metrics} service. It owns the configuration in force: it checks the files every
 * {@link #CONFIG_CHECK_INTERVAL}, and on a change logs the problems and the consent line once, tells the switches and
 * hands the result to its {@link ReportSchedule}, which owns the timers and the runs. Everything happens on one
 * scheduler thread under one lock, so a configuration change never races a report; the requests of Openfire's
 * threads are handed to that thread and answered with futures.
 */
public final class SystemMetricsService {
    private static final Logger LOG = LoggerFactory.getLogger(SystemMetricsService.class);
    public static final Duration CONFIG_CHECK_INTERVAL = Duration.ofSeconds(10);
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(1);
    private static final Recipients NOWHERE = new Recipients("no Google Analytics property (none is configured, so "
            + "reports are only written to the file)", List.of());

    private final Supplier<LoadedConfig> configSource;
    private final Supplier<String> configFingerprint;
    private final ConsentPolicy consentPolicy;
    private final ReportDelivery delivery;
    private final Function<ServiceConfig, Recipients> destinations;
    private final Consumer<Boolean> reportingSwitch;
    private final Consumer<Set<ReportCategory>> categoriesListener;
    private final NewFields newFields;
    private final TaskScheduler scheduler;
    // Held by whatever runs on the scheduler thread, and by start() on Openfire's thread, so that start() does not
    // race a first report that is due at once (initial_report: 0). Never held by stop() or the admin page.
    private final Object stateLock = new Object();
    private final ReportSchedule schedule;

    private ServiceConfig config;
    private ConsentDecision decision;
    private List<ConfigProblem> lastProblems = List.of();
    private String lastFingerprint;
    private Boolean switchedOn;
    private volatile TaskScheduler.Cancellable nextCheck;
    private volatile boolean stopped;

    private SystemMetricsService(Builder b) {
        this.configSource = Objects.requireNonNull(b.configSource, "configSource");
        this.configFingerprint = b.configFingerprint;
        this.consentPolicy = Objects.requireNonNull(b.consentPolicy, "consentPolicy");
        this.delivery = b.delivery;
        this.destinations = b.destinations;
        this.reportingSwitch = b.reportingSwitch;
        this.categoriesListener = b.categoriesListener;
        this.newFields = b.newFields;
        this.scheduler = Objects.requireNonNull(b.scheduler, "scheduler");
        this.schedule = new ReportSchedule(b, (report, config) -> delivery.deliver(report,
                destinations.apply(config).destinations()), stateLock);
    }

    public static Builder builder() {
        return new Builder();
    }

    public void start() {
        synchronized (stateLock) {
            lastFingerprint = configFingerprint.get();
            apply(configSource.get(), true);
            nextCheck = scheduler.schedule(this::checkFiles, CONFIG_CHECK_INTERVAL);
        }
    }

    /** Re-reads the configuration now; completes once applied, so that the page shown next shows what was saved. */
    public CompletableFuture<Void> reconfigure() {
        return onServiceThread(() -> {
            try {
                reread();
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

    /** Runs {@code check} with a preview report as it would be sent; empty when reporting is off or no preview. */
    public <T> CompletableFuture<Optional<T>> checkWhileReporting(BiFunction<Report, ServiceConfig, T> check) {
        return onServiceThread(() -> reportingAfterRecheck()
                ? schedule.preview().map(report -> check.apply(newFields == null ? report
                        : newFields.forSending(report, decision), config))
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

    /** Runs <i>Forget this server</i> between reports, so that no report under way carries the old cluster ID after it. */
    public CompletableFuture<Optional<Erasure.Result>> forget(Function<ServiceConfig, Erasure.Result> forget) {
        return onServiceThread(() -> Optional.of(forget.apply(config)), Optional.empty());
    }

    /** Where reports go under the current settings, masked, one entry per destination. */
    public List<String> destinations() {
        return destinations.apply(status().config()).ids();
    }

    /** The last deliveries per masked destination, newest first. */
    public Map<String, List<DeliveryOutcome>> deliveryHistory() {
        return delivery.recentOutcomes();
    }

    public ServiceStatus status() {
        return schedule.status();
    }

    /** Stops every task and the thread within {@link #SHUTDOWN_GRACE}; safe to call more than once. */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        schedule.stop();
        TaskScheduler.Cancellable check = nextCheck;
        if (check != null) {
            check.cancel();
        }
        delivery.close();
        if (!scheduler.shutdown(SHUTDOWN_GRACE)) {
            LOG.warn("System metrics: the report thread did not stop within {} ms; it is a daemon thread and ends "
                    + "with its current network call.", SHUTDOWN_GRACE.toMillis());
        }
    }

    private boolean reportingAfterRecheck() {
        if (stopped) {
            return false;
        }
        try {
            reread();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("System metrics: could not read the settings again ({}); nothing is sent now.", e.toString());
            return false;
        }
        return decision.runs();
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

    /** Reads the configuration again and logs only what changed; throws when it cannot be read. */
    private void reread() {
        lastFingerprint = configFingerprint.get();
        apply(configSource.get(), false);
    }

    private void checkFiles() {
        synchronized (stateLock) {
            if (stopped) {
                return;
            }
            try {
                if (!configFingerprint.get().equals(lastFingerprint)) {
                    LOG.info("System metrics: the configuration file changed; applying it.");
                    reread();
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("System metrics: could not check the configuration files ({}); the current settings stay.",
                        e.toString());
            } finally {
                if (!stopped) {
                    nextCheck = scheduler.schedule(this::checkFiles, CONFIG_CHECK_INTERVAL);
                }
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
            safely(() -> categoriesListener.accept(config.categories()), "apply the chosen categories");
        }
        ConsentDecision previousDecision = decision;
        Recipients inForce = destinations.apply(config);
        decision = consentPolicy.decide(config, inForce);
        boolean stateChanged = previousDecision == null || previousDecision.state() != decision.state();
        if (!atStart && stateChanged) {
            // The per-start silence of report / no_report stays; a change while running is worth one line.
            LOG.info(stateChange(config, decision, inForce));
        } else if (config.consoleOverridesFileOptOut() && (atStart || !previous.consoleOverridesFileOptOut())) {
            LOG.info(consoleOverride(config));
        }
        if (atStart || stateChanged) {
            decision.message().ifPresent(message -> {
                if (decision.level().orElse(ConsentDecision.Level.INFO) == ConsentDecision.Level.WARN) {
                    LOG.warn(message);
                } else {
                    LOG.info(message);
                }
            });
        }
        flipReportingSwitch(decision.runs());
        schedule.applied(previous, config, previousDecision, decision);
    }

    /** The one line that records a change of reporting state at run time, naming what made it. */
    private static String stateChange(ServiceConfig config, ConsentDecision decision, Recipients recipients) {
        boolean console = config.sourceOf(ConsoleSettings.REPORT) == SettingSource.CONSOLE;
        String file = config.origin().describe();
        switch (decision.state()) {
            case RUNNING:
                if (config.consoleOverridesFileOptOut()) {
                    return consoleOverride(config);
                }
                return "System metrics: reporting is now on, " + (console
                        ? "chosen in the admin console (Send reports)" : "chosen by report: true in " + file)
                        + (recipients.nobody() ? ": reports are gathered and written to the report file as scheduled; "
                                + "no destination is set, so nothing is sent."
                                : ": reports are gathered, written and sent as scheduled.");
            case RUNNING_WITH_NOTICE:
                return "System metrics: reporting is now on with the consent notice: no choice is made in " + file
                        + " or in the admin console.";
            case OFF_BY_NO_REPORT:
                return "System metrics: reporting is now off, " + (console
                        ? "chosen in the admin console (Do not send reports)"
                        : "chosen by an opt-out (no_report or report: false) in " + file)
                        + ": nothing is gathered, written or sent.";
            case NOT_CONFIGURED:
                return "System metrics: reporting is now off: " + file + " has no service_mongoose_system_metrics "
                        + "entry.";
            case OFF_CONFIG_UNREADABLE:
                return "System metrics: reporting is now off: " + file + " cannot be read (the ERROR above says why).";
            case OFF_OPT_OUT_UNCLEAR:
                return "System metrics: reporting is now off: " + (console
                        ? "the admin console's systemmetrics.report is neither true nor false"
                        : "an opt-out in " + file + " cannot be read with certainty") + " (the ERROR above says why).";
            case OFF_BY_DO_NOT_TRACK:
            default:
                return "System metrics: reporting is now off: the DO_NOT_TRACK environment variable is set.";
        }
    }

    /** Said when "Send reports" in the console outweighs an opt-out in the file, which a configuration tool may keep. */
    private static String consoleOverride(ServiceConfig config) {
        String file = config.origin().describe();
        String says;
        switch (config.fileConsent()) {
            case OFF:
                says = file + " says no_report";
                break;
            case CONFIG_UNREADABLE:
                says = file + " cannot be read and may say no_report";
                break;
            default:
                says = file + " has an opt-out that cannot be read with certainty";
        }
        return "System metrics: reporting is on although " + says + ": \"Send reports\" chosen in the admin console "
                + "overrides the file. To let the file decide again, choose \"Use file value\" next to Reporting on the "
                + "System Metrics page.";
    }

    private void flipReportingSwitch(boolean on) {
        if (switchedOn == null || switchedOn != on) {
            switchedOn = on;
            safely(() -> reportingSwitch.accept(on), "switch reporting " + (on ? "on" : "off") + " everywhere");
        }
    }

    /** What the service tells the probes must not stop it. */
    private static void safely(Runnable action, String what) {
        try {
            action.run();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("System metrics: could not {} ({}).", what, e.toString());
        }
    }

    /** Collaborators of the service; those without a default here are required. */
    public static final class Builder {
        Supplier<LoadedConfig> configSource;
        Supplier<String> configFingerprint = () -> "";
        ConsentPolicy consentPolicy;
        ReportAssembler assembler;
        ReportFileWriter fileWriter;
        ClusterIdentity identity;
        ReportDelivery delivery = ReportDelivery.NONE;
        Function<ServiceConfig, Recipients> destinations = config -> NOWHERE;
        Consumer<Boolean> reportingSwitch = on -> { };
        Supplier<NodeRole> nodeRole = () -> NodeRole.ALONE;
        SendLedger sendLedger;
        TaskScheduler scheduler;
        Clock clock;
        Consumer<Set<ReportCategory>> categoriesListener = categories -> { };
        NewFields newFields;

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
