package org.systemmetrics.core.delivery.ga4;

import java.util.ArrayList;
import java.util.List;

/** Sends a report to one destination's validation server, once, and reads its verdict. */
final class ValidationJob implements DestinationWorkers.Job<ValidationResult> {
    private final Ga4Sender sender;
    private final ReportRun run;
    private final Ga4Destination destination;

    ValidationJob(Ga4Sender sender, ReportRun run, Ga4Destination destination) {
        this.sender = sender;
        this.run = run;
        this.destination = destination;
    }

    @Override
    public ValidationResult run(InFlight inFlight) {
        int requests = run.requests().size();
        Ga4Sender.SendResult result = sender.send(destination.debugUri(run.endpoint()), run.requests(), run.deadline(),
                inFlight, false, run.masker());
        List<ValidationMessage> messages = new ArrayList<>();
        List<String> answers = result.responseBodies();
        for (int i = 0; i < answers.size(); i++) {
            try {
                messages.addAll(ValidationResponses.parse(answers.get(i), i + 1, run.masker()));
            } catch (IllegalArgumentException unreadable) {
                // An answer we cannot read proves nothing: it must not pass for "no messages".
                return new ValidationResult(destination.measurementId(), requests, messages,
                        "Google's answer to request " + (i + 1) + " could not be read: " + unreadable.getMessage());
            }
        }
        return new ValidationResult(destination.measurementId(), requests, messages, result.error().orElse(null));
    }

    @Override
    public ValidationResult abandoned(String why) {
        return new ValidationResult(destination.measurementId(), run.requests().size(), List.of(),
                run.masker().errorText(why));
    }
}
