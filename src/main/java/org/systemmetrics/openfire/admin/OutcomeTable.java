package org.systemmetrics.openfire.admin;

import java.util.List;
import org.systemmetrics.core.delivery.DeliveryOutcome;

/** Delivery outcomes as rows: used for "Send now" results and for the delivery history alike. */
final class OutcomeTable {
    private final Messages messages;
    private final TimeText time;

    OutcomeTable(Messages messages, TimeText time) {
        this.messages = messages;
        this.time = time;
    }

    void render(Html out, String id, List<DeliveryOutcome> outcomes, boolean withDestination) {
        out.raw("<table class=\"jive-table sm-outcomes\"").attr("id", id).raw("><thead><tr>");
        header(out, "outcome.time");
        if (withDestination) {
            header(out, "outcome.destination");
        }
        header(out, "outcome.status");
        header(out, "outcome.http");
        header(out, "outcome.duration");
        header(out, "outcome.requests");
        header(out, "outcome.error");
        out.raw("</tr></thead><tbody>");
        for (DeliveryOutcome outcome : outcomes) {
            out.raw("<tr").attr("class", outcome.succeeded() ? "sm-ok" : "sm-failed").raw(">");
            cell(out, time.at(outcome.startedAt()));
            if (withDestination) {
                cell(out, outcome.destination());
            }
            cell(out, messages.get(outcome.succeeded() ? "outcome.ok" : "outcome.failed"));
            cell(out, outcome.httpStatus() == 0 ? messages.get("outcome.http.none") : Integer.toString(outcome.httpStatus()));
            cell(out, TimeText.millis(outcome.duration()));
            cell(out, Integer.toString(outcome.requests()));
            cell(out, FailureText.of(messages, outcome));
            out.raw("</tr>");
        }
        out.raw("</tbody></table>");
    }

    private void header(Html out, String key) {
        out.raw("<th scope=\"col\">").text(messages.get(key)).raw("</th>");
    }

    private static void cell(Html out, String value) {
        out.raw("<td>").text(value).raw("</td>");
    }
}
