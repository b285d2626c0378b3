package org.systemmetrics.openfire.admin;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.delivery.ValidationMessage;
import org.systemmetrics.core.identity.Erasure;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.core.report.ReportFields;
import org.systemmetrics.core.report.ReportJson;

/**
 * Preview, Send now, Validate and Forget this server, and the result of the one just used; the two that transmit
 * only while running.
 */
final class ActionsSection {
    static final String FORGET = "forget";
    private static final Map<Erasure.Outcome, String> FORGOTTEN_BOX = Map.of(
            Erasure.Outcome.ERASED, "jive-success", Erasure.Outcome.REFUSED, "jive-warning");

    static void render(Html out, PageModel page) {
        boolean runs = page.status.runs();
        out.section("actions.title", "sm-actions").element("p", null, out.words("actions.intro"))
                .raw("<form method=\"post\" action=\"").raw(AdminPage.PAGE_URL).raw("\" id=\"sm-actions-form\">")
                .raw("<input type=\"hidden\"").attr("name", CsrfGuard.PARAMETER).attr("value", page.csrfToken).raw(">")
                .raw("<table class=\"sm-actions\"><tbody>");
        button(out, "preview", true);
        button(out, "send", runs);
        button(out, "validate", runs);
        // Offered while off too (one who opted out may still want the data erased); it cannot be undone: asked first.
        button(out, FORGET, true);
        out.raw("</tbody></table>");
        out.raw("<p class=\"sm-hint\" id=\"sm-validate-scope\">").say("actions.validate.scope").raw("</p>");
        if (!runs) {
            out.raw("<p class=\"sm-hint\" id=\"sm-actions-off\">").say("actions.off").raw("</p>");
        }
        out.raw("</form>");
        if (page.actionResult != null) {
            renderResult(out, page, page.actionResult);
        }
        out.raw("</div>");
    }

    private static void button(Html out, String action, boolean enabled) {
        out.raw("<tr><td><button type=\"submit\" name=\"action\"").attr("value", action).attr("id", "sm-" + action);
        if (action.equals(FORGET)) {
            out.attr("data-confirm", out.words("actions.forget.confirm"))
                    .raw(" onclick=\"return confirm(this.getAttribute('data-confirm'))\"");
        }
        out.raw(enabled ? ">" : " disabled>").say("actions." + action).raw("</button></td><td class=\"sm-hint\">")
                .say("actions." + action + ".hint").raw("</td></tr>");
    }

    private static void renderResult(Html out, PageModel page, ActionResult result) {
        out.raw("<div id=\"sm-result\"").attr("data-kind", result.kind.name()).raw(">");
        switch (result.kind) {
            case PREVIEW:
                if (page.status.runs()) {
                    box(out, "jive-info", out.words("actions.preview.done"));
                } else {
                    // Nothing would be sent now, and the stanza counter runs only while reporting is on.
                    box(out, "jive-info", out.words("actions.preview.done_off")
                            + (page.settings().categories().contains(ReportCategory.STANZAS)
                                    ? " " + out.words("actions.preview.no_stanzas") : ""));
                }
                NewFieldsSection.markIn(out, "sm-preview-new",
                        ReportFields.presentIn(result.report, page.unseenFields.keySet()));
                out.raw("<pre class=\"sm-json\" id=\"sm-preview-json\">").text(ReportJson.toPrettyJson(result.report))
                        .raw("</pre>");
                break;
            case SENT:
                renderSent(out, page, result.outcomes);
                break;
            case VALIDATED:
                renderValidation(out, result.outcomes);
                break;
            case FORGOTTEN:
                renderForgotten(out, result.forgotten);
                break;
            case FAILED:
            default:
                box(out, "jive-error", result.failure.render(out.messages));
        }
        out.raw("</div>");
    }

    private static void renderSent(Html out, PageModel page, List<DeliveryOutcome> sent) {
        Map<Boolean, List<String>> byResult = sent.stream().collect(Collectors.partitioningBy(DeliveryOutcome::succeeded,
                Collectors.mapping(DeliveryOutcome::destination, Collectors.toList())));
        List<String> delivered = byResult.get(true);
        List<String> failed = byResult.get(false);
        if (sent.isEmpty()) {
            box(out, "jive-info", page.role == NodeRole.MEMBER
                    ? out.words("actions.send.member", StatusSection.seniorName(out, page))
                    : out.words("actions.send.nowhere"));
            return;
        }
        if (failed.isEmpty()) {
            box(out, "jive-success", out.words("actions.send.done"));
        } else if (delivered.isEmpty()) {
            // Say what happened at the destinations in force: one that failed is not "not accepted everywhere".
            box(out, "jive-error", failed.size() == 1 ? out.words("actions.send.failed_one", failed.get(0))
                    : out.words("actions.send.failed_all", String.join(", ", failed)));
        } else {
            box(out, "jive-warning", out.words("actions.send.some_failed", String.join(", ", delivered),
                    String.join(", ", failed)));
        }
        ReportSection.outcomes(out, "sm-send-results", sent, true);
    }

    /** A check that never reached the validation server is kept apart from Google's messages: it says nothing. */
    private static void renderValidation(Html out, List<DeliveryOutcome> checked) {
        if (checked.isEmpty()) {
            // No destination could check: that is not "nothing to object to".
            box(out, "jive-info", out.words("actions.validate.nothing"));
            return;
        }
        Map<Boolean, List<DeliveryOutcome>> byResult = checked.stream()
                .collect(Collectors.partitioningBy(DeliveryOutcome::succeeded));
        List<DeliveryOutcome> answered = byResult.get(true);
        List<DeliveryOutcome> notChecked = byResult.get(false);
        // Messages Google gave for the requests it did answer count, even where a later request went unchecked.
        long found = checked.stream().mapToLong(o -> o.validationMessages().size()).sum();
        if (!notChecked.isEmpty()) {
            out.raw("<div class=\"jive-warning sm-result-box\" id=\"sm-validate-not-checked\">")
                    .say(answered.isEmpty() ? "actions.validate.not_checked"
                            : "actions.validate.not_checked_some")
                    .raw("<ul>");
            for (DeliveryOutcome outcome : notChecked) {
                out.raw("<li").attr("data-failure", outcome.failure().map(f -> f.kind().name()).orElse("")).raw(">")
                        .say("actions.validate.not_checked_item", outcome.destination(),
                                ReportSection.failure(out, outcome)).raw("</li>");
            }
            out.raw("</ul></div>");
        }
        if (found == 0 && !answered.isEmpty()) {
            box(out, "jive-success", notChecked.isEmpty() ? out.words("actions.validate.clean")
                    : out.words("actions.validate.clean_for", answered.stream().map(DeliveryOutcome::destination)
                            .collect(Collectors.joining(", "))));
        }
        if (found == 0) {
            return;
        }
        box(out, "jive-warning", out.words("actions.validate.found", Long.toString(found)));
        out.raw("<table class=\"jive-table\" id=\"sm-validation\"><thead><tr>");
        for (String key : List.of("validation.destination", "validation.request", "validation.field",
                "validation.description", "validation.code")) {
            out.raw("<th scope=\"col\">").say(key).raw("</th>");
        }
        out.raw("</tr></thead><tbody>");
        for (DeliveryOutcome outcome : checked) {
            for (ValidationMessage message : outcome.validationMessages()) {
                out.raw("<tr>");
                for (String cell : List.of(outcome.destination(), Integer.toString(message.request()),
                        message.fieldPath(), message.description(), message.validationCode())) {
                    out.raw("<td>").text(cell).raw("</td>");
                }
                out.raw("</tr>");
            }
        }
        out.raw("</tbody></table>");
    }

    /** What the own endpoint erased and what it did not, and that Google Analytics' data is erased elsewhere. */
    private static void renderForgotten(Html out, Erasure.Result result) {
        String status = Integer.toString(result.status());
        boolean tryAgain = result.outcome() == Erasure.Outcome.TRY_AGAIN;
        if (result.newClusterId().isEmpty() && !tryAgain) {
            box(out, "jive-info", out.words("actions.forget.never_reported"));
        } else if (tryAgain) {
            box(out, "jive-error", out.words(result.status() == 0 ? "actions.forget.try_again"
                    : "actions.forget.try_again_status", status));
        } else {
            // The outcome's name is its text's key: erased, nothing_held, refused, no_endpoint.
            box(out, FORGOTTEN_BOX.getOrDefault(result.outcome(), "jive-info"), out.words("actions.forget."
                    + result.outcome().name().toLowerCase(Locale.ROOT), status));
            result.newClusterId().ifPresent(id -> box(out, "jive-info", out.words("actions.forget.new_id", id)));
            box(out, "jive-info", out.words("actions.forget.ga4"));
        }
    }

    private static void box(Html out, String cssClass, String text) {
        out.raw("<div").attr("class", cssClass + " sm-result-box").raw(">").text(text).raw("</div>");
    }
}
