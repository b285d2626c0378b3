package org.systemmetrics.openfire.admin;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.core.consent.ConsentDecision.State;
import org.systemmetrics.core.delivery.DeliveryOutcome;

/** The top of the page: the service's state in words, and the facts an administrator checks first. */
final class StatusSection {
    /** Running is good news, a pending decision is worth a look, a broken file is an error, "off" is neutral. */
    private static final Map<State, String> BOX = Map.of(State.RUNNING, "jive-success",
            State.RUNNING_WITH_NOTICE, "jive-warning", State.NOT_CONFIGURED, "jive-warning",
            State.OFF_CONFIG_UNREADABLE, "jive-error", State.OFF_OPT_OUT_UNCLEAR, "jive-error");

    static void render(Html out, PageFacts facts) {
        State state = facts.status.state();
        String stateKey = "state." + state.name().toLowerCase(Locale.ROOT);
        List<DeliveryOutcome> last = lastDelivery(facts);
        long failed = last.stream().filter(o -> !o.succeeded()).count();
        // "Running" is not the whole truth while deliveries fail: the box says how the last one went.
        String boxClass = failed > 0 ? "jive-warning" : BOX.getOrDefault(state, "jive-info");
        out.section("status.title", "sm-status")
                .raw("<div").attr("class", boxClass + " sm-state").attr("id", "sm-state")
                .attr("data-state", state.name()).raw(">")
                .element("strong", null, out.words(stateKey + ".title")).raw(" ")
                .element("span", null, out.words(stateKey + (facts.sendsNowhere() ? ".text_nowhere" : ".text")));
        if (failed > 0) {
            out.raw(" <span id=\"sm-state-delivery\"").attr("data-failed", failed == last.size() ? "all" : "some")
                    .raw(">").say(failed == last.size() ? "status.delivery_failing" : "status.delivery_partly")
                    .raw("</span>");
        }
        out.raw("</div>");
        if (state.consoleOverrides(facts.status.config())) {
            String fileConsent = facts.status.config().fileConsent().name();
            out.raw("<div class=\"jive-warning sm-state\" id=\"sm-console-override\"")
                    .attr("data-file-consent", fileConsent).raw(">")
                    .say("status.console_override." + fileConsent.toLowerCase(Locale.ROOT)).raw("</div>");
        }
        out.raw("<table class=\"sm-facts\"><tbody>");
        fact(out, "sm-cluster-id", "status.cluster_id",
                facts.clusterId.orElseGet(() -> out.words("status.cluster_id.none")));
        fact(out, "sm-role", "status.role", out.words("status.role." + facts.role.name().toLowerCase(Locale.ROOT),
                facts.role == NodeRole.MEMBER ? new Object[] {seniorName(out, facts)} : new Object[0]));
        fact(out, "sm-next-report", "status.next_report", facts.status.nextReportAt()
                .map(at -> out.isDue(at) ? out.words("status.next_report.now")
                        : out.words("status.next_report.at", out.at(at), out.untilNow(at)))
                .orElseGet(() -> out.words("status.next_report.none")));
        fact(out, "sm-config-file", "status.config_file", facts.status.config().origin().file()
                .map(path -> path.toAbsolutePath().toString())
                .orElseGet(() -> out.words("status.config_file.default")));
        // While off nothing goes anywhere; the page still says where reports would go once switched on.
        fact(out, "sm-destinations", facts.status.runs() ? "status.destinations" : "status.destinations.when_on",
                facts.destinations.isEmpty()
                ? out.words("status.destinations.none") : String.join(", ", facts.destinations));
        if (!last.isEmpty()) {
            fact(out, "sm-last-delivery", "status.last_delivery", out.words("status.last_delivery.at",
                    out.at(last.get(0).startedAt()), last.stream().map(o -> o.succeeded()
                            ? out.words("status.last_delivery.ok", o.destination())
                            : out.words("status.last_delivery.failed", o.destination(),
                                    ReportSection.failure(out, o.failure())))
                            .collect(Collectors.joining("; "))));
        }
        fact(out, "sm-report-file", "status.report_file", facts.reportFile.toAbsolutePath().toString());
        out.raw("</tbody></table></div>");
    }

    /**
     * The outcomes of this node's last delivery while it runs and sends; nothing while one is under way (the
     * history says so) or when this node does not send, whose outcomes would be from an earlier role.
     */
    private static List<DeliveryOutcome> lastDelivery(PageFacts facts) {
        if (!facts.status.runs() || !facts.role.sends() || facts.status.sendingSince().isPresent()) {
            return List.of();
        }
        return facts.status.lastOutcomes();
    }

    /** The senior member's host name when Openfire knows it; the admin page is the only place it is shown. */
    static String seniorName(Html out, PageFacts facts) {
        return facts.seniorHost.filter(host -> !host.isBlank())
                .orElseGet(() -> out.words("status.role.senior_unknown"));
    }

    private static void fact(Html out, String id, String labelKey, String value) {
        out.raw("<tr><th scope=\"row\">").say(labelKey).raw("</th><td").attr("id", id).raw(">").text(value)
                .raw("</td></tr>");
    }
}
