package org.systemmetrics.openfire.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.systemmetrics.core.delivery.DeliveryFailure;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.report.ReportFileWriter;
import org.systemmetrics.core.report.ReportJson;

/**
 * What left (or would leave) the server: the last report exactly as the file holds it, and the last deliveries per
 * destination, newest first, so failures and their reasons can be seen over time.
 */
final class ReportSection {
    static final int ROWS_PER_DESTINATION = 20;

    static void lastReport(Html out, PageFacts facts) {
        String file = facts.reportFile.toAbsolutePath().toString();
        out.section("report.title", "sm-report");
        if (facts.reportJson.isEmpty()) {
            out.raw("<p id=\"sm-report-none\">").say("report.none", file).raw("</p></div>");
            return;
        }
        out.element("p", null, out.words("report.intro", file))
                .raw("<p><a id=\"sm-download\"").attr("download", ReportFileWriter.FILE_NAME).raw(" href=\"")
                .raw(AdminPage.PAGE_URL + SystemMetricsAdminServlet.DOWNLOAD_PATH).raw("\">").say("report.download")
                .raw("</a></p>");
        json(out, "sm-report", facts.reportJson.get(), facts.unseenFields.keySet());
        out.raw("</div>");
    }

    /** A report's JSON as it is written (the file) or would be (the preview), its new fields named above it. */
    static void json(Html out, String id, String json, Set<String> unseenFields) {
        NewFieldsSection.markIn(out, id + "-new", ReportJson.fieldsIn(json, unseenFields));
        out.raw("<pre class=\"sm-json\"").attr("id", id + "-json").raw(">").text(json).raw("</pre>");
    }

    static void history(Html out, PageFacts facts) {
        out.section("history.title", "sm-history");
        Map<String, List<DeliveryOutcome>> byDestination = new TreeMap<>(facts.history);
        byDestination.values().removeIf(List::isEmpty);
        // The report file's write comes before its delivery ends: meanwhile the history says a report is on its way.
        facts.status.sendingSince().ifPresent(since -> out.raw("<p class=\"jive-info\" id=\"sm-history-sending\">")
                .say("history.sending", out.at(since)).raw("</p>"));
        if (byDestination.isEmpty() && facts.status.sendingSince().isEmpty()) {
            out.raw("<p id=\"sm-history-none\">").say("history.none").raw("</p>");
        }
        int index = 0;
        for (Map.Entry<String, List<DeliveryOutcome>> entry : byDestination.entrySet()) {
            // The facade promises order and length; the page does not rely on it.
            List<DeliveryOutcome> newest = entry.getValue().stream()
                    .sorted(Comparator.comparing(DeliveryOutcome::startedAt).reversed())
                    .limit(ROWS_PER_DESTINATION).collect(Collectors.toList());
            out.raw("<h4 class=\"sm-destination\">").say("history.destination", entry.getKey()).raw("</h4>");
            outcomes(out, "sm-history-" + index++, newest, false);
        }
        out.raw("</div>");
    }

    /** Delivery outcomes as rows: for "Send now" results (with their destination) and for the delivery history. */
    static void outcomes(Html out, String id, List<DeliveryOutcome> outcomes, boolean withDestination) {
        List<String> titles = new ArrayList<>(List.of("outcome.time", "outcome.status", "outcome.http",
                "outcome.duration", "outcome.requests", "outcome.error"));
        if (withDestination) {
            titles.add(1, "outcome.destination");
        }
        out.tableHead("jive-table sm-outcomes", id, titles);
        for (DeliveryOutcome outcome : outcomes) {
            List<String> cells = new ArrayList<>(List.of(out.at(outcome.startedAt()),
                    out.words(outcome.succeeded() ? "outcome.ok" : "outcome.failed"), outcome.httpStatus() == 0
                    ? out.words("outcome.http.none") : Integer.toString(outcome.httpStatus()),
                    outcome.duration().toMillis() + " ms", Integer.toString(outcome.requests()),
                    failure(out, outcome.failure())));
            if (withDestination) {
                cells.add(1, outcome.destination());
            }
            out.row(outcome.succeeded() ? "sm-ok" : "sm-failed", cells);
        }
        out.raw("</tbody></table>");
    }

    /**
     * A failure in the administrator's words: its kind picks the text, its facts fill it in; the technical detail
     * stays in openfire.log. Empty where nothing failed.
     */
    static String failure(Html out, Optional<DeliveryFailure> failure) {
        return failure.map(f -> f.text(out::words)).orElse("");
    }
}
