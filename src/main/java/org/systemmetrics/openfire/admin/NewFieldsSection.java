package org.systemmetrics.openfire.admin;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.systemmetrics.core.consent.ConsentDecision.State;
import org.systemmetrics.core.report.ReportFields;

/**
 * "New in this version": the unconfirmed report fields, whether they are sent meanwhile, and the button that
 * confirms them for the whole cluster; shown only while there is something new. Also marks them in a report.
 */
final class NewFieldsSection {
    static final String ACTION = "fields_seen";

    static void render(Html out, PageModel page) {
        if (page.facts.unseenFields.isEmpty()) {
            return;
        }
        out.section("newfields.title", "sm-new-fields").element("p", null, out.words("newfields.intro"))
                .raw("<ul id=\"sm-new-fields-list\">");
        for (Map.Entry<String, String> field : page.facts.unseenFields.entrySet()) {
            out.raw("<li").attr("data-field", field.getKey()).raw("><code>").text(field.getKey()).raw("</code> ");
            badge(out);
            out.raw(" <span class=\"sm-hint\">").say("newfields.since", field.getValue()).raw("</span></li>");
        }
        out.raw("</ul>")
                .raw("<p id=\"sm-new-fields-sending\">").say(sendingKey(page.facts)).raw("</p>")
                .postForm("sm-new-fields-form", page.csrfToken)
                .raw("<button type=\"submit\" name=\"action\"").attr("value", ACTION).raw(" id=\"sm-fields-seen\">")
                .say("newfields.confirm").raw("</button> <span class=\"sm-hint\">").say("newfields.confirm.hint")
                .raw("</span></form></div>");
    }

    /** One line under a report naming its fields that are new and not confirmed yet; nothing when there are none. */
    static void markIn(Html out, String id, List<String> newFieldsInReport) {
        if (newFieldsInReport.isEmpty()) {
            return;
        }
        out.raw("<p class=\"sm-new-marker\"").attr("id", id).raw(">");
        badge(out);
        out.raw(" ").say("newfields.in_report", String.join(", ", newFieldsInReport)).raw("</p>");
    }

    /** In "What is reported": a "new" mark beside a category with unconfirmed fields, named in its title. */
    static void markCategory(Html out, Map<String, String> unseenFields, List<String> events) {
        List<String> fields = unseenFields.keySet().stream()
                .filter(field -> events.contains(ReportFields.eventOf(field)))
                .collect(Collectors.toList());
        if (!fields.isEmpty()) {
            out.raw(" <span class=\"sm-new\"").attr("title", String.join(", ", fields)).raw(">")
                    .say("newfields.badge").raw("</span>");
        }
    }

    private static void badge(Html out) {
        out.raw("<span class=\"sm-new\">").say("newfields.badge").raw("</span>");
    }

    private static String sendingKey(PageFacts facts) {
        State state = facts.status.state();
        if (state == State.RUNNING_WITH_NOTICE) {
            // "Sent" only where a destination is in force; otherwise they are only written to the file.
            return facts.sendsNowhere() ? "newfields.written_under_notice" : "newfields.sent_under_notice";
        }
        return state == State.RUNNING ? "newfields.held_back" : "newfields.not_reporting";
    }
}
