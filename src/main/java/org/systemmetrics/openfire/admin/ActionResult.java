package org.systemmetrics.openfire.admin;

import java.util.List;
import java.util.Objects;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.report.Report;

/** What one of the action buttons produced, shown once under the buttons (never stored). */
final class ActionResult {
    enum Kind { PREVIEW, SENT, VALIDATED, FAILED }

    private final Kind kind;
    private final Report report;
    private final List<DeliveryOutcome> outcomes;
    private final List<DeliveryOutcome> validation;
    private final LocalizedText failure;

    private ActionResult(Kind kind, Report report, List<DeliveryOutcome> outcomes, List<DeliveryOutcome> validation,
            LocalizedText failure) {
        this.kind = kind;
        this.report = report;
        this.outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
        this.validation = validation == null ? List.of() : List.copyOf(validation);
        this.failure = failure;
    }

    static ActionResult preview(Report report) {
        return new ActionResult(Kind.PREVIEW, Objects.requireNonNull(report, "report"), null, null, null);
    }

    static ActionResult sent(List<DeliveryOutcome> outcomes) {
        return new ActionResult(Kind.SENT, null, outcomes, null, null);
    }

    static ActionResult validated(List<DeliveryOutcome> checked) {
        return new ActionResult(Kind.VALIDATED, null, null, checked, null);
    }

    static ActionResult failed(LocalizedText why) {
        return new ActionResult(Kind.FAILED, null, null, null, why);
    }

    Kind kind() {
        return kind;
    }

    Report report() {
        return report;
    }

    List<DeliveryOutcome> outcomes() {
        return outcomes;
    }

    List<DeliveryOutcome> validation() {
        return validation;
    }

    LocalizedText failure() {
        return failure;
    }
}
