package org.systemmetrics.core.delivery.ga4;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
        Instant startedAt = clock.instant();
        SecretMasker masker = maskerFor(targets);
        List<DeliveryJob> jobs = targets.stream()
                .map(destination -> new DeliveryJob(destination, config.googleAnalyticsUrl(), requests, startedAt, masker))
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
        Instant startedAt = clock.instant();
        SecretMasker masker = maskerFor(targets);
        List<ValidationJob> jobs = targets.stream()
                .map(destination -> new ValidationJob(destination, config.googleAnalyticsUrl(), requests, startedAt, masker))
                .collect(Collectors.toList());
        List<ValidationResult> results = runAll(jobs);
        results.forEach(result -> LOG.info("System metrics: GA4 validation: {}", result));
        return results;
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
        } else {
            LOG.warn("System metrics: could not deliver the report to GA4 property {}: {} ({} POSTs, {} ms). The report "
                    + "file is written all the same; the next report is sent as scheduled.", outcome.destination(),
                    outcome.error().orElse("unknown error"), outcome.requests(), outcome.duration().toMillis());
        }
    }

    private SecretMasker maskerFor(List<Ga4Destination> targets) {
        return new SecretMasker(targets.stream().map(Ga4Destination::apiSecret).collect(Collectors.toList()));
    }

    private Duration elapsedSince(Instant startedAt) {
        Duration elapsed = Duration.between(startedAt, clock.instant());
        return elapsed.isNegative() ? Duration.ZERO : elapsed;
    }

    private static Duration positive(Duration budget) {
        Objects.requireNonNull(budget, "budget");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("budget must be positive, not " + budget);
        }
        return budget;
    }

    /** Sends a report to one destination, retrying within the budget. */
    private final class DeliveryJob implements DestinationWorkers.Job<DeliveryOutcome> {
        private final Ga4Destination destination;
        private final URI endpoint;
        private final List<Ga4Request> requests;
        private final Instant startedAt;
        private final SecretMasker masker;

        DeliveryJob(Ga4Destination destination, URI endpoint, List<Ga4Request> requests, Instant startedAt,
                SecretMasker masker) {
            this.destination = destination;
            this.endpoint = endpoint;
            this.requests = requests;
            this.startedAt = startedAt;
            this.masker = masker;
        }

        @Override
        public DeliveryOutcome run(InFlight inFlight) {
            Ga4Sender.SendResult result = sender.send(destination.collectUri(endpoint), requests, startedAt.plus(budget),
                    inFlight, true, masker);
            String id = destination.measurementId();
            return result.error()
                    .map(error -> DeliveryOutcome.failure(id, startedAt, elapsedSince(startedAt), result.posts(),
                            result.lastStatus(), error))
                    .orElseGet(() -> DeliveryOutcome.success(id, startedAt, elapsedSince(startedAt), result.posts(),
                            result.lastStatus()));
        }

        @Override
        public DeliveryOutcome abandoned(String why) {
            return DeliveryOutcome.failure(destination.measurementId(), startedAt, elapsedSince(startedAt), 0, 0,
                    masker.errorText(why));
        }
    }

    /** Sends a report to one destination's validation server, once, and reads its verdict. */
    private final class ValidationJob implements DestinationWorkers.Job<ValidationResult> {
        private final Ga4Destination destination;
        private final URI endpoint;
        private final List<Ga4Request> requests;
        private final Instant startedAt;
        private final SecretMasker masker;

        ValidationJob(Ga4Destination destination, URI endpoint, List<Ga4Request> requests, Instant startedAt,
                SecretMasker masker) {
            this.destination = destination;
            this.endpoint = endpoint;
            this.requests = requests;
            this.startedAt = startedAt;
            this.masker = masker;
        }

        @Override
        public ValidationResult run(InFlight inFlight) {
            Ga4Sender.SendResult result = sender.send(destination.debugUri(endpoint), requests, startedAt.plus(budget),
                    inFlight, false, masker);
            List<ValidationMessage> messages = new ArrayList<>();
            List<String> answers = result.responseBodies();
            for (int i = 0; i < answers.size(); i++) {
                try {
                    messages.addAll(ValidationResponses.parse(answers.get(i), i + 1, masker));
                } catch (IllegalArgumentException unreadable) {
                    return new ValidationResult(destination.measurementId(), requests.size(), messages,
                            "Google's answer to request " + (i + 1) + " could not be read: " + unreadable.getMessage());
                }
            }
            return new ValidationResult(destination.measurementId(), requests.size(), messages, result.error().orElse(null));
        }

        @Override
        public ValidationResult abandoned(String why) {
            return new ValidationResult(destination.measurementId(), requests.size(), List.of(), masker.errorText(why));
        }
    }
}
