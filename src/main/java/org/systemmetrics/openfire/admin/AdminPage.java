package org.systemmetrics.openfire.admin;

import java.time.Clock;
import java.util.function.Supplier;
import org.systemmetrics.core.PluginName;

/** The whole page; the {@code pageID} in its head is all Openfire's decorator needs to frame it in the console. */
final class AdminPage {
    /** The sidebar item's id in plugin.xml. */
    static final String PAGE_ID = PluginName.CANONICAL + "-settings";
    /** The servlet's URL relative to the page itself (web.xml maps {@code /system-metrics}). */
    static final String PAGE_URL = "system-metrics";

    /** Only the page's own elements are styled here; Openfire's jive-* classes keep the console's look. */
    private static final String STYLE = "<style>"
            + ".sm-state{margin:0 0 10px 0}"
            + ".sm-facts th,.sm-settings th{text-align:left;vertical-align:top;padding:4px 14px 4px 0;width:30%}"
            + ".sm-facts td,.sm-settings td{vertical-align:top;padding:4px 10px 4px 0}"
            + ".sm-hint{color:#666;font-size:0.9em;font-weight:normal}"
            + ".sm-field-error{color:#b00000;font-weight:bold;margin-top:4px}"
            + ".sm-source span{font-size:0.9em;white-space:nowrap}"
            + ".sm-source-console{color:#00529b;font-weight:bold}"
            + ".sm-json{max-height:30em;overflow:auto;background:#f7f7f7;border:1px solid #ccc;padding:8px;"
            + "font-size:0.9em;white-space:pre}"
            + ".sm-result-box{margin:10px 0}"
            + ".sm-outcomes .sm-failed td{color:#b00000}"
            + ".sm-destination{margin:12px 0 4px 0}"
            // Openfire's Bootstrap makes a label an inline-block, which a long label moves whole below its checkbox.
            + ".sm-category{display:flex;align-items:baseline;margin:2px 0}"
            + ".sm-category input{flex:none}"
            + ".sm-category label{display:block;flex:0 1 auto;min-width:0;margin:0 0.3em 0 0}"
            + ".sm-new{background:#fff3c4;border:1px solid #e0b400;border-radius:3px;padding:0 4px;font-size:0.85em;"
            + "font-weight:bold;color:#6b5200}"
            + "</style>";

    private final Messages messages;
    private final Supplier<Clock> clock;

    /** @param clock in the server's time zone, asked per page so that a change in Openfire shows at once */
    AdminPage(Messages messages, Supplier<Clock> clock) {
        this.messages = messages;
        this.clock = clock;
    }

    String render(PageModel page) {
        Html out = start();
        // What the plugin does with the report is said from the destinations in force, never assumed; a build's project
        // property is left out only at a Google Analytics endpoint not Google's own (ReportDestinations).
        out.element("p", "sm-intro", messages.get(!page.facts.destinations.isEmpty() ? "page.intro"
                : page.facts.projectProperty ? "page.intro_nowhere_withheld" : "page.intro_nowhere"));
        if (page.flash != null) {
            out.raw("<div").attr("class", page.flashClass).attr("id", "sm-flash").raw(">")
                    .text(page.flash.render(messages)).raw("</div><br>");
        }
        StatusSection.render(out, page.facts);
        NewFieldsSection.render(out, page);
        SettingsSection.render(out, page);
        ActionsSection.render(out, page);
        ReportSection.lastReport(out, page.facts);
        ReportSection.history(out, page.facts);
        return end(out);
    }

    /** A page with one message and nothing else: service unavailable, request refused. */
    String message(String cssClass, LocalizedText text) {
        Html out = start();
        out.raw("<div").attr("class", cssClass).attr("id", "sm-message").raw(">").text(text.render(messages))
                .raw("</div><p><a href=\"").raw(PAGE_URL).raw("\">").text(messages.get("page.reload")).raw("</a></p>");
        return end(out);
    }

    private Html start() {
        return new Html(messages, clock.get()).raw("<html><head><title>").say("page.title").raw("</title>")
                .raw("<meta name=\"pageID\"").attr("content", PAGE_ID).raw("/>").raw(STYLE).raw("</head><body>");
    }

    private static String end(Html out) {
        return out.raw("</body></html>").toString();
    }
}
