package org.systemmetrics.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.core.cluster.SendLedger;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.config.Setting;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.delivery.Destination;
import org.systemmetrics.core.delivery.ReportDelivery;
import org.systemmetrics.core.identity.ClusterIdentity;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.core.report.ReportAssembler;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.core.report.ReportFileWriter;
import org.systemmetrics.core.schedule.TaskScheduler;
import org.systemmetrics.core.text.Texts;

/**
 * When reports are made and what each run does, as this node's cluster role allows (the senior member claims the
 * period in the {@link SendLedger} first). Everything of the service runs under its {@link #lock}, these timers too,
 * so runs never overlap; only the {@link SystemMetricsService} it is given to calls it.
 */
public final class ReportSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(ReportSchedule.class);
    private static final Texts TEXTS = Texts.of(ReportSchedule.class);
    /** Retry of a first report this node could not make yet (not joined, no cluster ID); at most a period. */
    static final Duration WAIT_RETRY = Duration.ofSeconds(15);
    /** Retry of a failed run, doubled per failure in a row up to a period: a lasting fault logs rarely. */
    static final Duration FAILED_RETRY = Duration.ofSeconds(30);

    // The service uses these three. The lock is held by whatever runs on the scheduler thread, and by the service's
    // start() on Openfire's thread, so that the start does not race a first report due at once (initial_report: 0).
    // Never held by stop() or the admin page, which read the status.
    final Object lock = new Object();
    final ReportDelivery delivery;
    final TaskScheduler scheduler;
    private volatile ServiceStatus status;
    private volatile boolean stopped;
    private final ReportAssembler assembler;
    private final ReportFileWriter fileWriter;
    private final ClusterIdentity identity;
    private final NewFields newFields;
    private final Supplier<NodeRole> nodeRole;
    private final SendLedger sendLedger;
    private final Clock clock;

    private ServiceConfig config;
    private ConsentDecision decision;
    private List<Destination> destinations;
    private Instant runningSince;
    private Instant lastRunAt;
    private volatile TaskScheduler.Cancellable nextRun = () -> { };
    private Instant nextRunAt;
    private int failedRuns;
    private boolean lastRunFailed;
    private NodeRole lastRole = NodeRole.ALONE; // until the first run: a lone server
    private Instant sendCoveredUntil;
    private List<DeliveryOutcome> lastOutcomes = List.of();
    private Instant sendingSince;
    private boolean fileWritten = true;

    public ReportSchedule(ReportAssembler assembler, ReportFileWriter fileWriter, ClusterIdentity identity,
            NewFields newFields, ReportDelivery delivery, Supplier<NodeRole> nodeRole, SendLedger sendLedger,
            TaskScheduler scheduler) {
        this.assembler = Objects.requireNonNull(assembler, "assembler");
        this.fileWriter = Objects.requireNonNull(fileWriter, "fileWriter");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.newFields = Objects.requireNonNull(newFields, "newFields");
        this.delivery = delivery;
        this.nodeRole = nodeRole;
        this.sendLedger = Objects.requireNonNull(sendLedger, "sendLedger");
        this.scheduler = scheduler;
        this.clock = scheduler.clock();
    }

    /** Starts, stops or re-times the runs as the configuration now says. */
    void applied(ServiceConfig config, ConsentDecision decision, List<Destination> destinations) {
        ServiceConfig previous = this.config;
        boolean wasRunning = this.decision != null && this.decision.runs();
        this.config = config;
        this.decision = decision;
        this.destinations = destinations;
        if (!decision.runs()) {
            nextRun.cancel();
            nextRunAt = null;
            runningSince = null;
            lastRunAt = null;
        } else if (!wasRunning || !previous.get(Setting.INITIAL_REPORT).equals(config.get(Setting.INITIAL_REPORT))
                || !previous.get(Setting.PERIODIC_REPORT).equals(config.get(Setting.PERIODIC_REPORT))) {
            if (!wasRunning) {
                runningSince = clock.instant(); // lastRunAt is null: reporting was off, or this is the start
            }
            Instant due = nextDue();
            if (wasRunning && lastRunAt == null && due.isBefore(clock.instant())) {
                LOG.info(TEXTS.get("run.first_overdue", config.get(Setting.INITIAL_REPORT).toMillis()));
            }
            scheduleRunAt(due);
        }
        publishStatus();
    }

    /** Runs on the service thread, never in {@link #applied}: that also runs in the plugin's start. */
    void announceNewFields() {
        if (!stopped) {
            newFields.announceOnce(decision, !destinations.isEmpty());
        }
    }

    /** The report the next run would build; it creates nothing, not even the cluster ID (a placeholder shows it). */
    Optional<Report> preview() {
        try {
            return Optional.of(assembler.preview(identity.existing().orElse(ClusterIdentity.PREVIEW_PLACEHOLDER),
                    context()));
        } catch (RuntimeException | LinkageError e) {
            LOG.warn(TEXTS.get("preview.failed", e));
            return Optional.empty();
        }
    }

    Optional<Report> previewAsSent() {
        return preview().map(report -> newFields.forSending(report, decision));
    }

    void stop() {
        stopped = true;
        nextRun.cancel();
    }

    boolean stopped() {
        return stopped;
    }

    /** Read without the lock: the admin page never waits for a run. */
    ServiceStatus status() {
        return status;
    }

    /** The first run is due {@code initial_report} after reporting started, each later one a period after the last. */
    private Instant nextDue() {
        return lastRunAt == null ? runningSince.plus(config.get(Setting.INITIAL_REPORT)) : lastRunAt.plus(period());
    }

    /** A run whose time has passed is made now, and the status says now: never a time in the past. */
    private void scheduleRunAt(Instant due) {
        nextRun.cancel();
        Instant now = clock.instant();
        Duration delay = Duration.between(now, due);
        nextRun = scheduler.schedule(this::periodicRun, delay.isNegative() ? Duration.ZERO : delay);
        nextRunAt = delay.isNegative() ? now : due;
    }

    private void periodicRun() {
        synchronized (lock) {
            if (stopped || !decision.runs()) {
                return;
            }
            Instant startedAt = clock.instant();
            Optional<Report> produced = Optional.empty();
            try {
                produced = run(false);
            } finally {
                if (!stopped && decision.runs()) {
                    scheduleAfterRun(startedAt, produced.isPresent());
                }
                publishStatus();
            }
        }
    }

    private void scheduleAfterRun(Instant startedAt, boolean produced) {
        if (!produced && lastRunFailed) {
            failedRuns++;
            Duration wait = FAILED_RETRY.multipliedBy(1L << Math.min(failedRuns - 1, 20));
            scheduleRunAt(startedAt.plus(atMostAPeriod(wait)));
        } else if (!produced && lastRunAt == null) {
            // Not joined yet, or no cluster ID: the first report is made as soon as it can be.
            scheduleRunAt(startedAt.plus(atMostAPeriod(WAIT_RETRY)));
        } else {
            failedRuns = 0;
            lastRunAt = startedAt;
            if (sendCoveredUntil != null && sendCoveredUntil.isAfter(startedAt)
                    && sendCoveredUntil.isBefore(startedAt.plus(period()))) {
                // Another node sent this period's report: send when its period ends, so none is lost when
                // seniority moves.
                scheduleRunAt(sendCoveredUntil);
            } else {
                scheduleRunAt(nextDue());
            }
        }
    }

    private Duration atMostAPeriod(Duration wait) {
        return wait.compareTo(period()) < 0 ? wait : period();
    }

    private Duration period() {
        return config.get(Setting.PERIODIC_REPORT);
    }

    /**
     * Assembles, writes and delivers one report as this node's role allows; never throws. {@code manual} ("Send
     * now"): the senior member sends without claiming the period, so the cluster's schedule does not move.
     */
    Optional<Report> run(boolean manual) {
        sendCoveredUntil = null;
        lastRunFailed = false;
        try {
            NodeRole role = nodeRole.get();
            NodeRole previousRole = lastRole;
            lastRole = role;
            if (!role.writesReports()) {
                if (previousRole != NodeRole.JOINING) {
                    LOG.info(TEXTS.get("run.not_joined"));
                }
                return Optional.empty();
            }
            if (role == NodeRole.MEMBER) {
                sendLedger.checkClock(clock.instant()); // told of a wrong clock too, as it may become senior
            }
            Optional<String> clientId = identity.current();
            if (clientId.isEmpty()) {
                LOG.warn(TEXTS.get("run.no_cluster_id"));
                return Optional.empty();
            }
            Report assembled = assembler.assemble(clientId.get(), context());
            announceNewFields();
            // The file shows exactly what is sent, so a field held back from sending is not written either.
            Report report = newFields.forSending(assembled, decision);
            fileWritten = fileWriter.write(report);
            if (role.sends() && mayClaimThePeriod(role, manual)) {
                // The report file's write comes before its delivery ends: the page says it is being sent meanwhile.
                sendingSince = clock.instant();
                publishStatus();
                try {
                    lastOutcomes = delivery.deliver(report, destinations);
                } finally {
                    sendingSince = null;
                }
            }
            return Optional.of(report);
        } catch (VirtualMachineError fatal) {
            // Retried like any failed run, backing off: a JVM short of memory is not asked again every 15 s.
            lastRunFailed = true;
            throw fatal;
        } catch (Throwable unexpected) {
            lastRunFailed = true;
            LOG.error(TEXTS.get("run.failed"), unexpected);
            return Optional.empty();
        } finally {
            publishStatus();
        }
    }

    private boolean mayClaimThePeriod(NodeRole role, boolean manual) {
        if (role != NodeRole.SENIOR || manual) {
            return true;
        }
        sendCoveredUntil = sendLedger.claim(clock.instant(), period()).orElse(null);
        if (sendCoveredUntil == null) {
            return true;
        }
        LOG.info(TEXTS.get("run.sent_by_another", sendCoveredUntil));
        return false;
    }

    private ReportContext context() {
        return new ReportContext(config.configType(), config.get(Setting.CATEGORIES));
    }

    private void publishStatus() {
        status = new ServiceStatus(decision.state(), config, nextRunAt, lastOutcomes, sendingSince, lastRole,
                fileWritten);
    }
}
