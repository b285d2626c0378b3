package org.systemmetrics.core.delivery.ga4;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.config.LogText;
import org.systemmetrics.core.config.OwnEndpoint;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.delivery.DeliveryFailure;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.delivery.Recipients;
import org.systemmetrics.core.delivery.ReportDelivery;
import org.systemmetrics.core.delivery.ValidationMessage;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.core.report.ReportJson;

/**
 * Sends each report to GA4 with the Measurement Protocol: to the project's property when this build has
 * one, and to every {@code tracking_id} the administrator configured; and, when {@code report_endpoint} is set,
 * to the administrator's own endpoint as the report file's JSON, with the same guarantees (parallel, retried,
 * within the same budget, in the history). The report is first made acceptable
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
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;
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
        this(new Ga4Destinations(ProjectProperty.fromBuild()),
                Ga4Transport.withJvmTrust(Ga4Transport.userAgent(pluginVersion, openfireVersion)),
                RetryPolicy.DEFAULT, budget, Clock.systemUTC(), Sleeper.REAL, () -> ThreadLocalRandom.current().nextDouble(),
                new DeliveryHistory(), new Ga4RequestSplitter());
    }

    // Visible for testing: a local stand-in for Google, a fake clock and sleeper, fixed jitter.
    Ga4Delivery(Ga4Destinations destinations, Ga4Transport transport, RetryPolicy retryPolicy, Duration budget,
            Clock clock, Sleeper sleeper, DoubleSupplier jitter, DeliveryHistory history, Ga4RequestSplitter splitter) {
        this.destinations = Objects.requireNonNull(destinations, "destinations");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.budget = positive(budget);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.history = Objects.requireNonNull(history, "history");
        this.splitter = Objects.requireNonNull(splitter, "splitter");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
    }

    @Override
    public List<DeliveryOutcome> deliver(Report report, ServiceConfig config) {
        List<Ga4Destination> targets = destinations.of(config);
        Optional<OwnEndpoint> own = config.reportEndpoint();
        List<Ga4Request> requests = targets.isEmpty() ? List.of() : prepare(report);
        if (!targets.isEmpty() && requests.isEmpty()) {
            LOG.info("System metrics: no event of this report is acceptable to Google Analytics; nothing is sent there.");
        }
        ReportRun run = newRun(targets, own);
        List<Ga4Sender> senders = new ArrayList<>();
        if (!requests.isEmpty()) {
            targets.forEach(destination -> senders.add(new Ga4Sender(run, destination.measurementId(),
                    destination.collectUri(config.googleAnalyticsUrl()), Optional.empty(), requests, retryPolicy,
                    Ga4Sender.AnswerReader.IGNORE)));
        }
        // Exactly the report file's text: an administrator's collector can store it as the file would be.
        Optional<Ga4Sender> ownSender = own.map(endpoint -> new Ga4Sender(run, label(endpoint), endpoint.url(),
                endpoint.token(), List.of(new Ga4Request(report.events(), ReportJson.toPrettyJson(report))),
                retryPolicy, Ga4Sender.AnswerReader.IGNORE));
        ownSender.ifPresent(senders::add);
        if (senders.isEmpty()) {
            return List.of();
        }
        List<DeliveryOutcome> outcomes = sendAll(senders);
        for (int i = 0; i < outcomes.size(); i++) {
            DeliveryOutcome outcome = outcomes.get(i);
            history.record(outcome);
            if (ownSender.isPresent() && i == outcomes.size() - 1) { // the own endpoint's sender comes last
                logOwn(outcome);
            } else {
                log(outcome, requests.size());
            }
        }
        return outcomes;
    }

    /**
     * Sends the same requests {@link #deliver} would to GA's validation server ({@code /debug/mp/collect} on the
     * configured host) and returns, per destination, what it objected to ({@link DeliveryOutcome#validationMessages()})
     * or why the check could not be made. Nothing is recorded in GA or in the history; a failed request is not
     * retried, since an administrator is waiting for the answer.
     */
    @Override
    public List<DeliveryOutcome> validate(Report report, ServiceConfig config) {
        List<Ga4Destination> targets = destinations.of(config);
        if (targets.isEmpty()) {
            return List.of();
        }
        List<Ga4Request> requests = prepare(report);
        if (requests.isEmpty()) {
            return targets.stream().map(destination -> DeliveryOutcome.of(destination.measurementId(),
                    clock.instant(), Duration.ZERO, 0, 0, DeliveryFailure.of(DeliveryFailure.Kind.NOTHING_TO_CHECK,
                            String.valueOf(config.googleAnalyticsUrl().getHost()), ""), List.of()))
                    .collect(Collectors.toList());
        }
        ReportRun run = newRun(targets, Optional.empty());
        List<Ga4Sender> senders = targets.stream().map(destination -> new Ga4Sender(run, destination.measurementId(),
                destination.debugUri(config.googleAnalyticsUrl()), Optional.empty(), requests, RetryPolicy.NONE,
                (body, request) -> ValidationResponses.parse(body, request, run.masker())))
                .collect(Collectors.toList());
        List<DeliveryOutcome> results = sendAll(senders);
        results.forEach(result -> LOG.info("System metrics: GA4 validation: {}", describeValidation(result)));
        return results;
    }

    /**
     * Where reports go under this configuration as the history names them: the measurement IDs, project property
     * first, then the URL of the administrator's own endpoint; never a secret or token.
     */
    @Override
    public List<String> destinationIds(ServiceConfig config) {
        List<String> ids = destinations.of(config).stream().map(Ga4Destination::measurementId)
                .collect(Collectors.toCollection(ArrayList::new));
        config.reportEndpoint().map(Ga4Delivery::label).ifPresent(ids::add);
        return ids;
    }

    @Override
    public String describeDestinations(ServiceConfig config) {
        Optional<String> own = config.reportEndpoint().map(Ga4Delivery::label);
        if (own.isEmpty()) {
            return destinations.describe(config);
        }
        if (destinations.of(config).isEmpty()) {
            return "your own endpoint " + own.get() + " only (nothing is sent to Google Analytics)";
        }
        return destinations.describe(config) + "; and your own endpoint " + own.get();
    }

    @Override
    public Recipients recipients(ServiceConfig config) {
        List<Ga4Destination> targets = destinations.of(config);
        return new Recipients(describeDestinations(config), targets.stream().anyMatch(Ga4Destination::isProjectProperty),
                targets.stream().anyMatch(d -> !d.isProjectProperty()) || config.reportEndpoint().isPresent());
    }

    /** The last {@value DeliveryHistory#DEFAULT_CAPACITY} outcomes per destination, for the admin console. */
    public DeliveryHistory history() {
        return history;
    }

    @Override
    public Map<String, List<DeliveryOutcome>> recentOutcomes() {
        return history.snapshot();
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

    private List<DeliveryOutcome> sendAll(List<Ga4Sender> senders) {
        if (closed.get()) {
            return senders.stream().map(sender -> sender.abandoned(
                    "the GA4 delivery is shut down (the plugin is unloading)")).collect(Collectors.toList());
        }
        return workers.sendAll(senders, budget);
    }

    /**
     * How the administrator's endpoint is named in the history, the page and the log: scheme and host only. The
     * path may be a capability URL's secret, and the full URL is shown only in the settings form to whoever set it.
     */
    private static String label(OwnEndpoint endpoint) {
        return LogText.address(endpoint.url());
    }

    private static String describeValidation(DeliveryOutcome result) {
        List<ValidationMessage> messages = result.validationMessages();
        return result.destination() + (result.error().isPresent() ? " not checked: " + failureText(result)
                : messages.isEmpty() ? " valid" : " " + messages.size() + " validation messages: " + messages)
                + " (" + result.requests() + " requests)";
    }

    /** The administrator's words first; the technical detail after them, for whoever reads the log to the end. */
    private static String failureText(DeliveryOutcome outcome) {
        return outcome.failure().map(DeliveryFailure::toString).orElseGet(() -> outcome.error().orElse("unknown error"));
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
                    failureText(outcome), outcome.requests(), outcome.duration().toMillis());
        }
    }

    private void logOwn(DeliveryOutcome outcome) {
        if (outcome.succeeded()) {
            LOG.info("System metrics: report delivered to your endpoint {} (HTTP {}, {} ms).", outcome.destination(),
                    outcome.httpStatus(), outcome.duration().toMillis());
        } else if (closed.get()) {
            LOG.info("System metrics: the report was not delivered to your endpoint {} because the plugin is unloading "
                    + "({} POSTs, {} ms).", outcome.destination(), outcome.requests(), outcome.duration().toMillis());
        } else {
            LOG.warn("System metrics: could not deliver the report to your endpoint {}: {} ({} POSTs, {} ms). The report "
                    + "file is written all the same; the next report is sent as scheduled.", outcome.destination(),
                    failureText(outcome), outcome.requests(), outcome.duration().toMillis());
        }
    }

    /** One report's shared conditions; its masker knows every secret and token of this run. */
    private ReportRun newRun(List<Ga4Destination> targets, Optional<OwnEndpoint> own) {
        List<String> secrets = targets.stream().map(Ga4Destination::apiSecret).collect(Collectors.toCollection(ArrayList::new));
        own.flatMap(OwnEndpoint::token).ifPresent(secrets::add);
        return new ReportRun(transport, clock, sleeper, jitter, new SecretMasker(secrets), budget);
    }

    private static Duration positive(Duration budget) {
        Objects.requireNonNull(budget, "budget");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("budget must be positive, not " + budget);
        }
        return budget;
    }
}
