package org.systemmetrics.core;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.config.ConfigProblem;
import org.systemmetrics.core.config.ConsoleSettings;
import org.systemmetrics.core.config.LoadedConfig;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.config.SettingSource;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.consent.ConsentPolicy;
import org.systemmetrics.core.delivery.Recipients;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.core.schedule.TaskScheduler;

/**
 * The configuration as it is now: checks the files every {@link #CHECK_INTERVAL}, and on a change logs its problems
 * and the consent line once and tells the switches and the {@link ReportSchedule}. Runs under the service's lock.
 */
final class ConfigWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(10);

    private final Supplier<LoadedConfig> source;
    private final Supplier<String> fingerprint;
    private final ConsentPolicy consentPolicy;
    private final Function<ServiceConfig, Recipients> recipients;
    private final Consumer<Boolean> reportingSwitch;
    private final Consumer<Set<ReportCategory>> categoriesListener;
    private final ReportSchedule schedule;
    private final TaskScheduler scheduler;
    private final Object lock;

    private ServiceConfig config;
    private ConsentDecision decision;
    private List<ConfigProblem> lastProblems = List.of();
    private String lastFingerprint;
    private Boolean switchedOn;
    private volatile TaskScheduler.Cancellable nextCheck;
    private volatile boolean stopped;

    ConfigWatcher(Supplier<LoadedConfig> source, Supplier<String> fingerprint, ConsentPolicy consentPolicy,
            Function<ServiceConfig, Recipients> recipients, Consumer<Boolean> reportingSwitch,
            Consumer<Set<ReportCategory>> categoriesListener, ReportSchedule schedule, TaskScheduler scheduler,
            Object lock) {
        this.source = source;
        this.fingerprint = fingerprint;
        this.consentPolicy = consentPolicy;
        this.recipients = recipients;
        this.reportingSwitch = reportingSwitch;
        this.categoriesListener = categoriesListener;
        this.schedule = schedule;
        this.scheduler = scheduler;
        this.lock = lock;
    }

    void start() {
        lastFingerprint = fingerprint.get();
        apply(source.get(), true);
        nextCheck = scheduler.schedule(this::checkFiles, CHECK_INTERVAL);
    }

    /** Reads the configuration again and logs only what changed; throws when it cannot be read. */
    void reread() {
        lastFingerprint = fingerprint.get();
        apply(source.get(), false);
    }

    ServiceConfig config() {
        return config;
    }

    ConsentDecision decision() {
        return decision;
    }

    void stop() {
        stopped = true;
        TaskScheduler.Cancellable check = nextCheck;
        if (check != null) {
            check.cancel();
        }
    }

    private void checkFiles() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            try {
                if (!fingerprint.get().equals(lastFingerprint)) {
                    LOG.info("System metrics: the configuration file changed; applying it.");
                    reread();
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("System metrics: could not check the configuration files ({}); the current settings stay.",
                        e.toString());
            } finally {
                if (!stopped) {
                    nextCheck = scheduler.schedule(this::checkFiles, CHECK_INTERVAL);
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
            try {
                categoriesListener.accept(config.categories());
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("System metrics: could not apply the chosen categories ({}).", e.toString());
            }
        }
        ConsentDecision previousDecision = decision;
        Recipients inForce = recipients.apply(config);
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
    static String stateChange(ServiceConfig config, ConsentDecision decision, Recipients recipients) {
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
    static String consoleOverride(ServiceConfig config) {
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
}
