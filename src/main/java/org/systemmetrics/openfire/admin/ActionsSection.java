package org.systemmetrics.openfire.admin;

/**
 * Preview, Send now, Validate and Forget this server, and under them the result of the one just used
 * ({@link ActionResult}); the two that transmit only while running.
 */
final class ActionsSection {
    static final String FORGET = "forget";

    static void render(Html out, PageModel page) {
        boolean runs = page.facts.status.runs();
        out.section("actions.title", "sm-actions").element("p", null, out.words("actions.intro"))
                .postForm("sm-actions-form", page.csrfToken).raw("<table class=\"sm-actions\"><tbody>");
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
            page.actionResult.render(out, page);
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
}
