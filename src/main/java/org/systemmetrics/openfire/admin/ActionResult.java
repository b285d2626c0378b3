package org.systemmetrics.openfire.admin;

import java.util.List;
import java.util.Objects;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.identity.Erasure;
import org.systemmetrics.core.report.Report;

/** What one of the action buttons produced, shown once under the buttons (never stored). */
final class ActionResult {
    enum Kind { PREVIEW, SENT, VALIDATED, FORGOTTEN, FAILED }

    final Kind kind;
    final Report report;
    /** One per destination: where Send now delivered, or what GA's validation server said. */
    final List<DeliveryOutcome> outcomes;
    final LocalizedText failure;
    /** What Forget this server did. */
    final Erasure.Result forgotten;

    private ActionResult(Kind kind, Report report, List<DeliveryOutcome> outcomes, LocalizedText failure,
            Erasure.Result forgotten) {
        this.kind = kind;
        this.report = report;
        this.outcomes = List.copyOf(outcomes);
        this.failure = failure;
        this.forgotten = forgotten;
    }

    static ActionResult preview(Report report) {
        return new ActionResult(Kind.PREVIEW, Objects.requireNonNull(report, "report"), List.of(), null, null);
    }

    static ActionResult sent(List<DeliveryOutcome> outcomes) {
        return new ActionResult(Kind.SENT, null, outcomes, null, null);
    }

    static ActionResult validated(List<DeliveryOutcome> checked) {
        return new ActionResult(Kind.VALIDATED, null, checked, null, null);
    }

    static ActionResult failed(LocalizedText why) {
        return new ActionResult(Kind.FAILED, null, List.of(), why, null);
    }

    static ActionResult forgotten(Erasure.Result result) {
        return new ActionResult(Kind.FORGOTTEN, null, List.of(), null, Objects.requireNonNull(result, "result"));
    }
}
