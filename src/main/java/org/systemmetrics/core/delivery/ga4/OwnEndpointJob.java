package org.systemmetrics.core.delivery.ga4;

import org.systemmetrics.core.config.OwnEndpoint;
import org.systemmetrics.core.delivery.DeliveryOutcome;

/**
 * Sends a report to the administrator's own endpoint: one POST of the report file's JSON, with the same
 * retries, deadline and abort rules as a GA4 destination, and the outcome under the endpoint's URL.
 */
final class OwnEndpointJob implements DestinationWorkers.Job<DeliveryOutcome> {
    private final Ga4Sender sender;
    private final ReportRun run;
    private final OwnEndpoint endpoint;

    OwnEndpointJob(Ga4Sender sender, ReportRun run, OwnEndpoint endpoint) {
        this.sender = sender;
        this.run = run;
        this.endpoint = endpoint;
    }

    /**
     * How the endpoint is named in the history and the log: its URL, which the configuration check keeps free of
     * user names and query strings; should the token itself appear in the path, it is masked there too.
     */
    static String label(OwnEndpoint endpoint) {
        return new SecretMasker(endpoint.token().stream().collect(java.util.stream.Collectors.toList()))
                .mask(endpoint.url().toString());
    }

    @Override
    public DeliveryOutcome run(InFlight inFlight) {
        Ga4Sender.SendResult result = sender.send(endpoint.url(), run.requests(), run.deadline(), inFlight, true,
                run.masker(), endpoint.token());
        String label = label(endpoint);
        return result.error()
                .map(error -> DeliveryOutcome.failure(label, run.startedAt(), run.elapsed(), result.posts(),
                        result.lastStatus(), error))
                .orElseGet(() -> DeliveryOutcome.success(label, run.startedAt(), run.elapsed(), result.posts(),
                        result.lastStatus()));
    }

    @Override
    public DeliveryOutcome abandoned(String why) {
        return DeliveryOutcome.failure(label(endpoint), run.startedAt(), run.elapsed(), 0, 0,
                run.masker().errorText(why));
    }
}
