package org.systemmetrics.openfire.admin;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.delivery.DeliveryOutcome;

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
        List<DeliveryOutcome> last = lastDelivery(page);
        long failed = last.stream().filter(o -> !o.succeeded()).count();
        // "Running" is not the whole truth while deliveries fail: the box says how the last one went.
        String boxClass = failed > 0 ? "jive-warning" : boxClass(state);
        out.raw("<div class=\"jive-contentBoxHeader\">").text(messages.get("status.title")).raw("</div>")
                .raw("<div class=\"jive-contentBox\" id=\"sm-status\">")
                .raw("<div").attr("class", boxClass + " sm-state").attr("id", "sm-state")
                .attr("data-state", state.name()).raw(">")
                .element("strong", null, messages.get(stateKey + ".title")).raw(" ")
                .element("span", null, messages.get(stateKey + (page.sendsNowhere() ? ".text_nowhere" : ".text")));
        if (failed > 0) {
            out.raw(" <span id=\"sm-state-delivery\"").attr("data-failed", failed == last.size() ? "all" : "some")
                    .raw(">").text(messages.get(failed == last.size() ? "status.delivery_failing"
                            : "status.delivery_partly")).raw("</span>");
        }
        out.raw("</div>");
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
        fact(out, "sm-destinations", page.status.runs() ? "status.destinations" : "status.destinations.when_on",
                page.destinations.isEmpty()
                ? messages.get("status.destinations.none") : String.join(", ", page.destinations));
        if (!last.isEmpty()) {
            fact(out, "sm-last-delivery", "status.last_delivery", messages.get("status.last_delivery.at",
                    time.at(last.get(0).startedAt()), last.stream().map(o -> o.succeeded()
                            ? messages.get("status.last_delivery.ok", o.destination())
                            : messages.get("status.last_delivery.failed", o.destination(), OutcomeTable.failure(messages, o)))
                            .collect(Collectors.joining("; "))));
        }
        fact(out, "sm-report-file", "status.report_file", page.reportFile.toAbsolutePath().toString());
        out.raw("</tbody></table></div>");
    }

    /**
     * The outcomes of this node's last delivery while it runs and sends; nothing while one is under way (the
     * history says so) or when this node does not send, whose outcomes would be from an earlier role.
     */
    private static List<DeliveryOutcome> lastDelivery(PageModel page) {
        if (!page.status.runs() || !page.role.sends() || page.status.sendingSince().isPresent()) {
            return List.of();
        }
        return page.status.lastOutcomes();
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
