package org.systemmetrics.openfire.admin;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.systemmetrics.core.config.Setting;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.delivery.ValidationMessage;
import org.systemmetrics.core.identity.Erasure;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.core.report.ReportJson;

/** What one of the action buttons produced, and how the page shows it once under the buttons (never stored). */
final class ActionResult {
    private static final Map<Erasure.Outcome, String> FORGOTTEN_BOX = Map.of(
            Erasure.Outcome.ERASED, "jive-success", Erasure.Outcome.REFUSED, "jive-warning");

    private final String kind;
    private final BiConsumer<Html, PageModel> view;

    private ActionResult(String kind, BiConsumer<Html, PageModel> view) {
        this.kind = kind;
        this.view = view;
    }

    static ActionResult preview(Report report) {
        return new ActionResult("PREVIEW", (out, page) -> {
            if (page.facts.status.runs()) {
                box(out, "jive-info", out.words("actions.preview.done"));
            } else {
                // Nothing would be sent now, and the stanza counter runs only while reporting is on.
                box(out, "jive-info", out.words("actions.preview.done_off")
                        + (page.facts.status.config().get(Setting.CATEGORIES).contains(ReportCategory.STANZAS)
                                ? " " + out.words("actions.preview.no_stanzas") : ""));
            }
            ReportSection.json(out, "sm-preview", ReportJson.toPrettyJson(report), page.facts.unseenFields.keySet());
        });
    }

    static ActionResult sent(SystemMetricsAdmin.Sent ran) {
        return new ActionResult("SENT", (out, page) -> {
            List<String> delivered = destinations(ran.outcomes, true);
            List<String> failed = destinations(ran.outcomes, false);
            // A logs folder that refuses the file leaves the sending alone: the file's fact is said apart, after it.
            boolean written = ran.fileWritten;
            String file = " " + out.words(written ? "actions.send.file_written" : "actions.send.file_unwritten");
            if (ran.went() != SystemMetricsAdmin.Went.SENT) {
                box(out, written ? "jive-info" : "jive-warning", (ran.went() == SystemMetricsAdmin.Went.MEMBER
                        ? out.words("actions.send.member", StatusSection.seniorName(out, page.facts))
                        : out.words("actions.send.nowhere")) + file);
                return;
            }
            if (failed.isEmpty()) {
                box(out, written ? "jive-success" : "jive-warning", out.words("actions.send.done") + file);
            } else if (delivered.isEmpty()) {
                // Say what happened at the destinations in force: one that failed is not "not accepted everywhere".
                box(out, "jive-error", (failed.size() == 1 ? out.words("actions.send.failed_one", failed.get(0))
                        : out.words("actions.send.failed_all", String.join(", ", failed))) + file);
            } else {
                box(out, "jive-warning", out.words("actions.send.some_failed", String.join(", ", delivered),
                        String.join(", ", failed)) + file);
            }
            ReportSection.outcomes(out, "sm-send-results", ran.outcomes, true);
        });
    }

    /**
     * One outcome per destination GA's validation server checked. A check that never reached the validation server
     * is kept apart from Google's messages: it says nothing.
     */
    static ActionResult validated(List<DeliveryOutcome> checked) {
        return new ActionResult("VALIDATED", (out, page) -> {
            if (checked.isEmpty()) {
                // No destination could check: that is not "nothing to object to".
                box(out, "jive-info", out.words("actions.validate.nothing"));
                return;
            }
            List<String> answered = destinations(checked, true);
            List<DeliveryOutcome> notChecked = checked.stream().filter(o -> !o.succeeded())
                    .collect(Collectors.toList());
            if (!notChecked.isEmpty()) {
                out.raw("<div class=\"jive-warning sm-result-box\" id=\"sm-validate-not-checked\">")
                        .say(answered.isEmpty() ? "actions.validate.not_checked" : "actions.validate.not_checked_some")
                        .raw("<ul>");
                for (DeliveryOutcome outcome : notChecked) {
                    out.raw("<li").attr("data-failure", outcome.failure().map(f -> f.kind().name()).orElse(""))
                            .raw(">").say("actions.validate.not_checked_item", outcome.destination(),
                                    ReportSection.failure(out, outcome.failure())).raw("</li>");
                }
                out.raw("</ul></div>");
            }
            // Messages Google gave for the requests it did answer count, even where a later request went unchecked.
            long found = checked.stream().mapToLong(o -> o.validationMessages().size()).sum();
            if (found == 0) {
                if (!answered.isEmpty()) {
                    box(out, "jive-success", notChecked.isEmpty() ? out.words("actions.validate.clean")
                            : out.words("actions.validate.clean_for", String.join(", ", answered)));
                }
                return;
            }
            box(out, "jive-warning", out.words("actions.validate.found", Long.toString(found)));
            out.tableHead("jive-table", "sm-validation", List.of("validation.destination", "validation.request",
                    "validation.field", "validation.description", "validation.code"));
            for (DeliveryOutcome outcome : checked) {
                for (ValidationMessage message : outcome.validationMessages()) {
                    out.row(null, List.of(outcome.destination(), Integer.toString(message.request()),
                            message.fieldPath(), message.description(), message.validationCode()));
                }
            }
            out.raw("</tbody></table>");
        });
    }

    /** What the own endpoint erased and what it did not, and that Google Analytics' data is erased elsewhere. */
    static ActionResult forgotten(Erasure.Result result) {
        return new ActionResult("FORGOTTEN", (out, page) -> {
            String status = Integer.toString(result.status());
            if (result.outcome() == Erasure.Outcome.TRY_AGAIN) {
                box(out, "jive-error", out.words(result.status() == 0 ? "actions.forget.try_again"
                        : "actions.forget.try_again_status", status));
            } else if (result.outcome() == Erasure.Outcome.NOT_ASKED) {
                box(out, "jive-error", out.words("actions.forget.not_asked",
                        ReportSection.failure(out, result.failure())));
            } else if (EnumSet.of(Erasure.Outcome.KEY_NOT_KEPT, Erasure.Outcome.NOT_FINISHED,
                    Erasure.Outcome.KEY_UNREADABLE).contains(result.outcome())) {
                if (result.status() != 0) { // the endpoint answered before the database failed: what it did
                    endpointDid(out, Erasure.outcome(result.status()), status);
                }
                box(out, "jive-error", out.words("actions.forget." + result.outcome().name().toLowerCase(Locale.ROOT)));
            } else if (!result.idReplaced()) {
                box(out, "jive-info", out.words("actions.forget.never_reported"));
            } else {
                endpointDid(out, result.outcome(), status);
                box(out, "jive-info", result.newClusterId().map(id -> out.words("actions.forget.new_id", id))
                        .orElseGet(() -> out.words("actions.forget.new_id_elsewhere")));
                box(out, "jive-info", out.words("actions.forget.ga4"));
            }
        });
    }

    /** The outcome's name is its text's key: erased, nothing_held, refused, no_endpoint. */
    private static void endpointDid(Html out, Erasure.Outcome outcome, String status) {
        box(out, FORGOTTEN_BOX.getOrDefault(outcome, "jive-info"),
                out.words("actions.forget." + outcome.name().toLowerCase(Locale.ROOT), status));
    }

    /** An action still queued behind the service's work: what still happens and where it shows, not a failure. */
    static ActionResult pending(String key) {
        return new ActionResult("PENDING", (out, page) -> box(out, "jive-warning", out.words(key)));
    }

    static ActionResult failed(LocalizedText why) {
        return new ActionResult("FAILED", (out, page) -> box(out, "jive-error", why.render(out.messages)));
    }

    void render(Html out, PageModel page) {
        out.raw("<div id=\"sm-result\"").attr("data-kind", kind).raw(">");
        view.accept(out, page);
        out.raw("</div>");
    }

    static List<String> destinations(List<DeliveryOutcome> outcomes, boolean succeeded) {
        return outcomes.stream().filter(o -> o.succeeded() == succeeded).map(DeliveryOutcome::destination)
                .collect(Collectors.toList());
    }

    private static void box(Html out, String cssClass, String text) {
        out.element("div", cssClass + " sm-result-box", text);
    }
}
