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
        for (String key : List.of("outcome.time", "outcome.destination", "outcome.status", "outcome.http",
                "outcome.duration", "outcome.requests", "outcome.error")) {
            if (withDestination || !key.equals("outcome.destination")) {
                out.raw("<th scope=\"col\">").text(messages.get(key)).raw("</th>");
            }
        }
        out.raw("</tr></thead><tbody>");
        for (DeliveryOutcome outcome : outcomes) {
            out.raw("<tr").attr("class", outcome.succeeded() ? "sm-ok" : "sm-failed").raw(">");
            cell(out, time.at(outcome.startedAt()));
            if (withDestination) {
                cell(out, outcome.destination());
            }
            cell(out, messages.get(outcome.succeeded() ? "outcome.ok" : "outcome.failed"));
            cell(out, outcome.httpStatus() == 0 ? messages.get("outcome.http.none") : Integer.toString(outcome.httpStatus()));
            cell(out, outcome.duration().toMillis() + " ms");
            cell(out, Integer.toString(outcome.requests()));
            cell(out, failure(messages, outcome));
            out.raw("</tr>");
        }
        out.raw("</tbody></table>");
    }

    /**
     * A failure in the administrator's words: its kind picks the text, its facts fill it in; the technical detail
     * stays in openfire.log. Empty for an outcome that did not fail.
     */
    static String failure(Messages messages, DeliveryOutcome outcome) {
        return outcome.failure().map(failure -> failure.text(messages::get)).orElseGet(() -> outcome.error().orElse(""));
    }

    private static void cell(Html out, String value) {
        out.raw("<td>").text(value).raw("</td>");
    }
}
