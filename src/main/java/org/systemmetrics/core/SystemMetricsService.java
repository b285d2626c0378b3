package org.systemmetrics.core;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.config.ConfigProblem;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.config.Setting;
import org.systemmetrics.core.config.SettingSource;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.consent.ConsentPolicy;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.delivery.Recipients;
import org.systemmetrics.core.identity.Erasure;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.core.schedule.TaskScheduler;
import org.systemmetrics.core.text.Texts;

/**
 * The {@code service_mongoose_system_metrics} service: it owns the configuration in force and hands it to its
 * {@link ReportSchedule}. Everything happens on the schedule's one scheduler thread under its one lock, so a
 * configuration change never races a report; the requests of Openfire's threads are handed to that thread and
 * answered with futures.
 */
public final class SystemMetricsService {
    private static final Logger LOG = LoggerFactory.getLogger(SystemMetricsService.class);
    public static final Duration CONFIG_CHECK_INTERVAL = Duration.ofSeconds(10);
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(1);
    private static final Texts TEXTS = Texts.of(SystemMetricsService.class);

    private final Supplier<ServiceConfig> configSource;
    private final Supplier<String> configFingerprint;
    private final ConsentPolicy consentPolicy;
    private final Function<ServiceConfig, Recipients> destinations;
    private final Consumer<Boolean> reportingSwitch;
    private final Consumer<Set<ReportCategory>> categoriesListener;
    private final ReportSchedule schedule;

    private ServiceConfig config;
    private ConsentDecision decision;
    private volatile Recipients inForce;
    private String lastFingerprint;
    private volatile TaskScheduler.Cancellable nextCheck = () -> { };

    /**
     * @param configFingerprint changes when a configuration file is edited: checked every
     *     {@link #CONFIG_CHECK_INTERVAL}
     * @param reportingSwitch told whether reporting is on (at start and on every change), so nothing of ours runs on
     *     the packet path
     * @param categoriesListener told the chosen categories at start and on every change, so a collector of one that
     *     is off can stop
     */
    public SystemMetricsService(Supplier<ServiceConfig> configSource, Supplier<String> configFingerprint,
            ConsentPolicy consentPolicy, Function<ServiceConfig, Recipients> destinations,
            Consumer<Boolean> reportingSwitch, Consumer<Set<ReportCategory>> categoriesListener,
            ReportSchedule schedule) {
        this.configSource = Objects.requireNonNull(configSource, "configSource");
        this.configFingerprint = configFingerprint;
        this.consentPolicy = Objects.requireNonNull(consentPolicy, "consentPolicy");
        this.destinations = destinations;
        this.reportingSwitch = reportingSwitch;
        this.categoriesListener = categoriesListener;
        this.schedule = schedule;
    }

    public void start() {
        synchronized (schedule.lock) {
            lastFingerprint = configFingerprint.get();
            apply(configSource.get(), true);
            nextCheck = schedule.scheduler.schedule(this::checkFiles, CONFIG_CHECK_INTERVAL);
        }
    }

    /**
     * Re-reads the configuration now; completes once applied, so that the page shown next shows what was saved, or
     * with false when it could not be read again or the plugin is being stopped (the log says why) and the settings in
     * force stay.
     */
    public CompletableFuture<Boolean> reconfigure() {
        return onServiceThread(() -> reread("config.not_applied"), () -> {
            LOG.warn(TEXTS.get("config.not_applied_stopping"));
            return false;
        });
    }

    /**
     * "Send now", outside the schedule; the configuration is read again first, so an opt-out after the click wins.
     * Answers with the status as its own run left it (its role, outcomes, report file), before another run can follow.
     */
    public CompletableFuture<Optional<ServiceStatus>> runNow() {
        return onServiceThread(() -> reportingAfterRecheck() ? schedule.run(true).map(report -> schedule.status())
                : Optional.empty(), Optional::empty);
    }

    /**
     * Sends a freshly built report, as it would be sent, to the destinations' validation servers; empty when reporting
     * is off or no report could be built.
     */
    public CompletableFuture<Optional<List<DeliveryOutcome>>> validate() {
        return onServiceThread(() -> reportingAfterRecheck() ? schedule.previewAsSent()
                .map(report -> schedule.delivery.validate(report, inForce.destinations()))
                : Optional.empty(), Optional::empty);
    }

    /** The report the next run would build, neither written nor sent; empty when none could be built. */
    public CompletableFuture<Optional<Report>> preview() {
        return onServiceThread(schedule::preview, Optional::empty);
    }

    /**
     * Runs <i>Forget this server</i> between reports, so that no report under way carries the old cluster ID after it.
     */
    public CompletableFuture<Optional<Erasure.Result>> forget(Function<ServiceConfig, Erasure.Result> forget) {
        return onServiceThread(() -> Optional.of(forget.apply(config)), Optional::empty);
    }

    /** Where reports go under the current settings, masked, one entry per destination. */
    public List<String> destinations() {
        return inForce.ids();
    }

    /** The last deliveries per masked destination, newest first. */
    public Map<String, List<DeliveryOutcome>> deliveryHistory() {
        return schedule.delivery.recentOutcomes();
    }

    public ServiceStatus status() {
        return schedule.status();
    }

    /** Stops every task and the thread within {@link #SHUTDOWN_GRACE}; safe to call more than once. */
    public void stop() {
        if (schedule.stopped()) {
            return;
        }
        schedule.stop();
        nextCheck.cancel();
        schedule.delivery.close();
        if (!schedule.scheduler.shutdown(SHUTDOWN_GRACE)) {
            LOG.warn(TEXTS.get("stop.thread_alive", SHUTDOWN_GRACE.toMillis()));
        }
    }

    private boolean reportingAfterRecheck() {
        return !schedule.stopped() && reread("config.not_reread") && decision.runs();
    }

    /**
     * Runs {@code task} on the service thread under its lock; never throws: while the plugin is unloaded it answers
     * what {@code otherwise} gives.
     */
    private <T> CompletableFuture<T> onServiceThread(Supplier<T> task, Supplier<T> otherwise) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (schedule.stopped()) {
            result.complete(otherwise.get());
            return result;
        }
        try {
            schedule.scheduler.schedule(() -> {
                synchronized (schedule.lock) {
                    try {
                        result.complete(task.get());
                    } catch (RuntimeException | LinkageError e) {
                        result.completeExceptionally(e);
                    }
                }
            }, Duration.ZERO);
        } catch (RuntimeException shuttingDown) {
            result.complete(otherwise.get());
        }
        return result;
    }

    /** Reads the configuration again and logs only what changed; false, said by {@code failure}, if it cannot. */
    private boolean reread(String failure) {
        try {
            lastFingerprint = configFingerprint.get();
            apply(configSource.get(), false);
            return true;
        } catch (RuntimeException | LinkageError e) {
            LOG.warn(TEXTS.get(failure, e));
            return false;
        }
    }

    private void checkFiles() {
        synchronized (schedule.lock) {
            if (schedule.stopped()) {
                return;
            }
            try {
                if (!configFingerprint.get().equals(lastFingerprint)) {
                    LOG.info(TEXTS.get("config.file_changed"));
                    reread("config.check_failed");
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.warn(TEXTS.get("config.check_failed", e));
            } finally {
                if (!schedule.stopped()) {
                    nextCheck = schedule.scheduler.schedule(this::checkFiles, CONFIG_CHECK_INTERVAL);
                }
            }
        }
    }

    private void apply(ServiceConfig loaded, boolean atStart) {
        ServiceConfig previous = config;
        config = loaded;
        if (atStart || previous == null || !config.problems().equals(previous.problems())) {
            for (ConfigProblem problem : config.problems()) {
                String line = TEXTS.get("config.problem", problem.message());
                if (problem.severity() == ConfigProblem.Severity.ERROR) {
                    LOG.error(line);
                } else {
                    LOG.warn(line);
                }
            }
        }
        if (previous == null || !previous.get(Setting.CATEGORIES).equals(config.get(Setting.CATEGORIES))) {
            safely(() -> categoriesListener.accept(config.get(Setting.CATEGORIES)), "switch.categories_failed");
        }
        ConsentDecision previousDecision = decision;
        inForce = destinations.apply(config);
        decision = consentPolicy.decide(config, inForce);
        boolean stateChanged = previousDecision == null || previousDecision.state() != decision.state();
        if (!atStart && stateChanged) {
            // The per-start silence of report / no_report stays; a change while running is worth one line.
            LOG.info(stateChange(config, decision, inForce));
        } else if (decision.state().consoleOverrides(config) && (atStart || !previous.consoleOverridesFileOptOut())) {
            LOG.info(consoleOverride(config));
        }
        if (atStart || stateChanged) {
            decision.message().ifPresent(message -> {
                if (decision.warns()) {
                    LOG.warn(message);
                } else {
                    LOG.info(message);
                }
            });
        }
        if (previousDecision == null || previousDecision.runs() != decision.runs()) {
            boolean on = decision.runs();
            safely(() -> reportingSwitch.accept(on), on ? "switch.on_failed" : "switch.off_failed");
        }
        if (decision.runs()) {
            // Not inline: this also runs in the plugin's start, which no database wait may hold up.
            onServiceThread(() -> {
                schedule.announceNewFields();
                return null;
            }, () -> null);
        }
        schedule.applied(config, decision, inForce.destinations());
    }

    /** The one line that records a change of reporting state at run time, naming what made it. */
    private static String stateChange(ServiceConfig config, ConsentDecision decision, Recipients recipients) {
        String source = config.sourceOf(Setting.REPORT) == SettingSource.CONSOLE ? "console" : "file";
        String file = config.origin().describe();
        String state = decision.state().name().toLowerCase(Locale.ROOT);
        switch (decision.state()) {
            case RUNNING:
                return decision.state().consoleOverrides(config) ? consoleOverride(config)
                        : TEXTS.get("state.running." + source + (recipients.nobody() ? "_nowhere" : ""), file);
            case OFF_BY_NO_REPORT:
            case OFF_OPT_OUT_UNCLEAR:
                return TEXTS.get("state." + state + "." + source, file);
            default:
                return TEXTS.get("state." + state, file);
        }
    }

    /** Said when "Send reports" in the console outweighs a file's opt-out, which a configuration tool may keep. */
    private static String consoleOverride(ServiceConfig config) {
        // Only a file's OFF, CONFIG_UNREADABLE or OPT_OUT_UNCLEAR can be outweighed, each with its own text.
        String consent = config.fileConsent().name().toLowerCase(Locale.ROOT);
        return TEXTS.get("override." + consent, config.origin().describe());
    }

    /** What the service tells the probes must not stop it; a failure is said by the text {@code failure}. */
    private static void safely(Runnable action, String failure) {
        try {
            action.run();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn(TEXTS.get(failure, e));
        }
    }
}
