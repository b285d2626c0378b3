package org.systemmetrics.openfire.admin;

import java.util.Locale;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.core.consent.ConsentDecision;

/** The top of the page: the service's state in words, and the facts an administrator checks first. */
final class StatusSection {
    private final Messages messages;
    private final TimeText time;

    StatusSection(Messages messages, TimeText time) {
        this.messages = messages;
        this.time = time;
    }

    void render(Html out, PageModel page) {
        ConsentDecision.State state = page.status.state();
        String stateKey = "state." + state.name().toLowerCase(Locale.ROOT);
        out.raw("<div class=\"jive-contentBoxHeader\">").text(messages.get("status.title")).raw("</div>")
                .raw("<div class=\"jive-contentBox\" id=\"sm-status\">")
                .raw("<div").attr("class", boxClass(state) + " sm-state").attr("id", "sm-state")
                .attr("data-state", state.name()).raw(">")
                .element("strong", null, messages.get(stateKey + ".title")).raw(" ")
                .element("span", null, messages.get(stateKey + (page.sendsNowhere() ? ".text_nowhere" : ".text")))
                .raw("</div>");
        if (page.status.config().consoleOverridesFileOptOut()) {
            out.raw("<div class=\"jive-warning sm-state\" id=\"sm-console-override\"").attr("data-file-consent",
                    page.status.config().fileConsent().name()).raw(">").text(messages.get("status.console_override."
                    + page.status.config().fileConsent().name().toLowerCase(Locale.ROOT))).raw("</div>");
        }
        out.raw("<table class=\"sm-facts\"><tbody>");
        fact(out, "sm-cluster-id", "status.cluster_id",
                page.clusterId.orElseGet(() -> messages.get("status.cluster_id.none")));
        fact(out, "sm-role", "status.role", roleText(page));
        fact(out, "sm-next-report", "status.next_report", page.status.nextReportAt()
                .map(at -> time.isDue(at) ? messages.get("status.next_report.now")
                        : messages.get("status.next_report.at", time.at(at), time.untilNow(at)))
                .orElseGet(() -> messages.get("status.next_report.none")));
        fact(out, "sm-config-file", "status.config_file", page.status.config().origin().file()
                .map(path -> path.toAbsolutePath().toString())
                .orElseGet(() -> messages.get("status.config_file.default")));
        // While off nothing goes anywhere; the page still says where reports would go once switched on.
        fact(out, "sm-destinations", page.serviceRuns() ? "status.destinations" : "status.destinations.when_on",
                page.destinations.isEmpty()
                ? messages.get("status.destinations.none") : String.join(", ", page.destinations));
        fact(out, "sm-report-file", "status.report_file", page.reportFile.toAbsolutePath().toString());
        out.raw("</tbody></table></div>");
    }

    private String roleText(PageModel page) {
        String key = "status.role." + page.role.name().toLowerCase(Locale.ROOT);
        return page.role == NodeRole.MEMBER ? messages.get(key, seniorName(messages, page)) : messages.get(key);
    }

    /** The senior member's host name when Openfire knows it; the admin page is the only place it is shown. */
    static String seniorName(Messages messages, PageModel page) {
        return page.seniorHost.filter(host -> !host.isBlank()).orElseGet(() -> messages.get("status.role.senior_unknown"));
    }

    private void fact(Html out, String id, String labelKey, String value) {
        out.raw("<tr><th scope=\"row\">").text(messages.get(labelKey)).raw("</th><td").attr("id", id).raw(">")
                .text(value).raw("</td></tr>");
    }

    /** Running is good news, a pending decision is worth a look, a broken file is an error, "off" is neutral. */
    static String boxClass(ConsentDecision.State state) {
        switch (state) {
            case RUNNING:
                return "jive-success";
            case RUNNING_WITH_NOTICE:
            case NOT_CONFIGURED:
                return "jive-warning";
            case OFF_CONFIG_UNREADABLE:
            case OFF_OPT_OUT_UNCLEAR:
                return "jive-error";
            default:
                return "jive-info";
        }
    }
}
