package org.systemmetrics.openfire.admin;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.systemmetrics.core.delivery.DeliveryOutcome;

/** The last deliveries per destination, newest first, so failures and their reasons can be seen over time. */
final class HistorySection {
    static final int ROWS_PER_DESTINATION = 20;

    private final Messages messages;
    private final OutcomeTable outcomes;
    private final TimeText time;

    HistorySection(Messages messages, OutcomeTable outcomes, TimeText time) {
        this.messages = messages;
        this.outcomes = outcomes;
        this.time = time;
    }

    void render(Html out, PageModel page) {
        out.raw("<div class=\"jive-contentBoxHeader\">").text(messages.get("history.title")).raw("</div>")
                .raw("<div class=\"jive-contentBox\" id=\"sm-history\">");
        Map<String, List<DeliveryOutcome>> byDestination = new TreeMap<>(page.history);
        byDestination.values().removeIf(List::isEmpty);
        boolean sending = page.status.sendingSince().isPresent();
        // The report file is written before its delivery ends: meanwhile the history says a report is on its way.
        page.status.sendingSince().ifPresent(since -> out.raw("<p class=\"jive-info\" id=\"sm-history-sending\">")
                .text(messages.get("history.sending", time.at(since))).raw("</p>"));
        if (byDestination.isEmpty() && sending) {
            out.raw("</div>");
            return;
        }
        if (byDestination.isEmpty()) {
            out.raw("<p id=\"sm-history-none\">").text(messages.get("history.none")).raw("</p></div>");
            return;
        }
        int index = 0;
        for (Map.Entry<String, List<DeliveryOutcome>> entry : byDestination.entrySet()) {
            out.raw("<h4 class=\"sm-destination\">").text(messages.get("history.destination", entry.getKey())).raw("</h4>");
            outcomes.render(out, "sm-history-" + index++, newest(entry.getValue()), false);
        }
        out.raw("</div>");
    }

    /** The facade promises order and length; the page does not rely on it. */
    private static List<DeliveryOutcome> newest(List<DeliveryOutcome> outcomes) {
        return outcomes.stream().sorted(Comparator.comparing(DeliveryOutcome::startedAt).reversed())
                .limit(ROWS_PER_DESTINATION).collect(Collectors.toList());
    }
}
