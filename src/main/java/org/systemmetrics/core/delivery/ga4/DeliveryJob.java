package org.systemmetrics.core.delivery.ga4;

import org.systemmetrics.core.delivery.DeliveryOutcome;

/** Sends a report to one destination, retrying within the run's deadline, and says how it went. */
final class DeliveryJob implements DestinationWorkers.Job<DeliveryOutcome> {
    private final Ga4Sender sender;
    private final ReportRun run;
    private final Ga4Destination destination;

    DeliveryJob(Ga4Sender sender, ReportRun run, Ga4Destination destination) {
        this.sender = sender;
        this.run = run;
        this.destination = destination;
    }

    @Override
    public DeliveryOutcome run(InFlight inFlight) {
        Ga4Sender.SendResult result = sender.send(destination.collectUri(run.endpoint()), run.requests(), run.deadline(),
                inFlight, true, run.masker());
        String id = destination.measurementId();
        return result.error()
                .map(error -> DeliveryOutcome.failure(id, run.startedAt(), run.elapsed(), result.posts(),
                        result.lastStatus(), error))
                .orElseGet(() -> DeliveryOutcome.success(id, run.startedAt(), run.elapsed(), result.posts(),
                        result.lastStatus()));
    }

    @Override
    public DeliveryOutcome abandoned(String why) {
        return DeliveryOutcome.failure(destination.measurementId(), run.startedAt(), run.elapsed(), 0, 0,
                run.masker().errorText(why));
    }
}
