package org.systemmetrics.core.delivery.ga4;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.config.TrackingId;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.delivery.ReportDelivery;
import org.systemmetrics.core.report.Report;

/**
 * Sends each report to GA4 with the Measurement Protocol: to the project's property when this build has
 * one, and to every {@code tracking_id} the administrator configured. The report is first made acceptable
 * to GA (see {@link Ga4EventSanitizer}) and cut into requests GA takes whole; destinations are served in
 * parallel and the whole delivery ends within its time budget. Never throws; every outcome is kept in the
 * {@link #history()} and logged once per destination.
 */
public final class Ga4Delivery implements ReportDelivery {
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(Ga4Delivery.class);

    private final Ga4Destinations destinations;
    private final Ga4EventSanitizer sanitizer = new Ga4EventSanitizer();
    private final Ga4RequestSplitter splitter;
    private final Ga4Transport transport;
    private final Ga4Sender sender;
    private final DestinationWorkers workers = new DestinationWorkers();
    private final DeliveryHistory history;
    private final Duration budget;
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param pluginVersion and {@code openfireVersion} go into the User-Agent header, so GA's side can tell
     *     versions apart if ever needed
     */
    public Ga4Delivery(String pluginVersion, String openfireVersion) {
        this(pluginVersion, openfireVersion, DEFAULT_BUDGET);
    }

    /** @param budget how long one report's delivery (all destinations, all tries) may take at most */
    public Ga4Delivery(String pluginVersion, String openfireVersion, Duration budget) {
        this(ProjectProperty.fromBuild(), Ga4Transport.withJvmTrust(Ga4Transport.userAgent(pluginVersion, openfireVersion)),
                RetryPolicy.DEFAULT, budget, Clock.systemUTC(), Sleeper.REAL, () -> ThreadLocalRandom.current().nextDouble(),
                new DeliveryHistory(), new Ga4RequestSplitter());
    }

    // Visible for testing: a local stand-in for Google, a fake clock and sleeper, fixed jitter.
    Ga4Delivery(Optional<TrackingId> projectProperty, Ga4Transport transport, RetryPolicy retryPolicy, Duration budget,
            Clock clock, Sleeper sleeper, DoubleSupplier jitter, DeliveryHistory history, Ga4RequestSplitter splitter) {
        this.destinations = new Ga4Destinations(projectProperty);
        this.transport = Objects.requireNonNull(transport, "transport");
        this.budget = positive(budget);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.history = Objects.requireNonNull(history, "history");
        this.splitter = Objects.requireNonNull(splitter, "splitter");
        this.sender = new Ga4Sender(transport, retryPolicy, clock, sleeper, jitter);
    }

    @Override
    public List<DeliveryOutcome> deliver(Report report, ServiceConfig config) {
        List<Ga4Destination> targets = destinations.of(config);
        if (targets.isEmpty()) {
            return List.of();
        }
        List<Ga4Request> requests = prepare(report);
        if (requests.isEmpty()) {
            LOG.info("System metrics: no event of this report is acceptable to Google Analytics; nothing is sent.");
            return List.of();
        }
        ReportRun run = new ReportRun(config.googleAnalyticsUrl(), requests, clock, budget, maskerFor(targets));
        List<DeliveryJob> jobs = targets.stream().map(destination -> new DeliveryJob(sender, run, destination))
                .collect(Collectors.toList());
        List<DeliveryOutcome> outcomes = runAll(jobs);
        for (DeliveryOutcome outcome : outcomes) {
            history.record(outcome);
            log(outcome, requests.size());
        }
        return outcomes;
    }

    /**
     * Sends the same requests {@link #deliver} would to GA's validation server ({@code /debug/mp/collect} on the
     * configured host) and returns what it says, per destination. Nothing is recorded in GA or in the history;
     * a failed request is not retried, since an administrator is waiting for the answer.
     */
    public List<ValidationResult> validate(Report report, ServiceConfig config) {
        List<Ga4Destination> targets = destinations.of(config);
        if (targets.isEmpty()) {
            return List.of();
        }
        List<Ga4Request> requests = prepare(report);
        if (requests.isEmpty()) {
            return targets.stream().map(destination -> new ValidationResult(destination.measurementId(), 0, List.of(),
                    "nothing to validate: no event of this report is acceptable to Google Analytics"))
                    .collect(Collectors.toList());
        }
        ReportRun run = new ReportRun(config.googleAnalyticsUrl(), requests, clock, budget, maskerFor(targets));
        List<ValidationJob> jobs = targets.stream().map(destination -> new ValidationJob(sender, run, destination))
                .collect(Collectors.toList());
        List<ValidationResult> results = runAll(jobs);
        results.forEach(result -> LOG.info("System metrics: GA4 validation: {}", result));
        return results;
    }

    /** The measurement IDs reports go to under this configuration, project property first; never a secret. */
    public List<String> destinationIds(ServiceConfig config) {
        return destinations.of(config).stream().map(Ga4Destination::measurementId).collect(Collectors.toList());
    }

    @Override
    public String describeDestinations(ServiceConfig config) {
        return destinations.describe(config);
    }

    /** The last {@value DeliveryHistory#DEFAULT_CAPACITY} outcomes per destination, for the admin console. */
    public DeliveryHistory history() {
        return history;
    }

    /** Aborts deliveries in flight and stops every thread of ours; later deliveries fail at once. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            workers.abortAll("stopped: the plugin is unloading");
            transport.close();
            workers.close();
        }
    }

    private List<Ga4Request> prepare(Report report) {
        return splitter.split(report.clientId(), sanitizer.sanitize(report.events()));
    }

    private <R> List<R> runAll(List<? extends DestinationWorkers.Job<R>> jobs) {
        if (closed.get()) {
            List<R> refused = new ArrayList<>();
            jobs.forEach(job -> refused.add(job.abandoned("the GA4 delivery is shut down (the plugin is unloading)")));
            return refused;
        }
        return workers.runAll(jobs, budget);
    }

    private void log(DeliveryOutcome outcome, int parts) {
        if (outcome.succeeded()) {
            LOG.info("System metrics: report delivered to GA4 property {} ({} event request{}, HTTP {}, {} ms).",
                    outcome.destination(), parts, parts == 1 ? "" : "s", outcome.httpStatus(), outcome.duration().toMillis());
        } else if (closed.get()) {
            // The administrator unloaded or replaced the plugin: expected, not a delivery problem to warn about
            // (a real Openfire showed this WARN at every redeploy that met a report in flight).
            LOG.info("System metrics: the report was not delivered to GA4 property {} because the plugin is unloading "
                    + "({} POSTs, {} ms).", outcome.destination(), outcome.requests(), outcome.duration().toMillis());
        } else {
            LOG.warn("System metrics: could not deliver the report to GA4 property {}: {} ({} POSTs, {} ms). The report "
                    + "file is written all the same; the next report is sent as scheduled.", outcome.destination(),
                    outcome.error().orElse("unknown error"), outcome.requests(), outcome.duration().toMillis());
        }
    }

    private SecretMasker maskerFor(List<Ga4Destination> targets) {
        return new SecretMasker(targets.stream().map(Ga4Destination::apiSecret).collect(Collectors.toList()));
    }

    private static Duration positive(Duration budget) {
        Objects.requireNonNull(budget, "budget");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("budget must be positive, not " + budget);
        }
        return budget;
    }
}
