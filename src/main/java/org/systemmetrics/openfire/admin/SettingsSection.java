package org.systemmetrics.openfire.admin;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.systemmetrics.core.config.ConsoleSettings;
import org.systemmetrics.core.config.Setting;
import org.systemmetrics.core.config.SettingSource;
import org.systemmetrics.core.report.ReportCategory;

/**
 * The settings form. Each row shows the effective value, where it comes from, and (for a console value) a
 * button that drops it in favour of the file's. After a refused save it shows what was typed, with the
 * reason next to each refused field. The API secret field is always empty: the secret is write-only.
 */
final class SettingsSection {
    static final String FORM_ID = "sm-settings-form";
    static final String RESET_FORM_ID = "sm-reset-form";

    private final Messages messages;

    SettingsSection(Messages messages) {
        this.messages = messages;
    }

    void render(Html out, PageModel page) {
        SettingsView current = page.settings();
        Optional<SettingsForm> rejected = page.rejectedForm();
        out.raw("<div class=\"jive-contentBoxHeader\">").text(messages.get("settings.title")).raw("</div>")
                .raw("<div class=\"jive-contentBox\" id=\"sm-settings\">")
                // Without a configuration file there is no file value to fall back on: the plugin's default is.
                .element("p", null, messages.get(current.fromShippedDefault() ? "settings.intro_default" : "settings.intro"));
        if (rejected.isPresent()) {
            out.raw("<div class=\"jive-error\" id=\"sm-settings-error\">").text(messages.get("settings.rejected"))
                    .raw("</div>");
        }
        out.raw("<form method=\"post\" action=\"").raw(AdminPage.PAGE_URL).raw("\"").attr("id", FORM_ID).raw(">")
                .raw("<input type=\"hidden\"").attr("name", CsrfGuard.PARAMETER).attr("value", page.csrfToken).raw(">")
                .raw("<table class=\"sm-settings\"><tbody>");

        for (Setting<?> setting : Setting.console()) {
            String key = setting.key();
            switch (setting.kind()) {
                case FLAG:
                    reportRow(out, current, rejected);
                    break;
                case MILLIS:
                    timerRow(out, current, rejected, key, current.timer(setting), current.millis(setting));
                    break;
                case MEASUREMENT_ID:
                    textRow(out, current, rejected, key, current.trackingId(), "24", "40", "G-XXXXXXXXXX");
                    break;
                case URL:
                    if (setting == Setting.GOOGLE_ANALYTICS_URL) {
                        googleAnalyticsUrlRow(out, current, rejected);
                    } else {
                        textRow(out, current, rejected, key, current.reportEndpoint(), "50", "500", "https://");
                    }
                    break;
                case SECRET:
                    secretRow(out, current, rejected, key, "secret", "200", current.secretSet(),
                            "settings.tracking_secret.retype");
                    break;
                case TOKEN:
                    secretRow(out, current, rejected, key, "token", "500", current.endpointTokenSet(),
                            "settings.report_endpoint_token.retype");
                    break;
                case CATEGORIES:
                default:
                    categoriesRow(out, current, rejected, page.unseenFields);
            }
        }

        out.raw("</tbody></table><p><button type=\"submit\" name=\"action\" value=\"save\" id=\"sm-save\">")
                .text(messages.get("settings.save")).raw("</button></p></form>")
                // The reset buttons belong to this separate form (through their form attribute): inside the settings
                // form, the first of them would be the button that Enter in any text field presses.
                .raw("<form method=\"post\" action=\"").raw(AdminPage.PAGE_URL).raw("\"").attr("id", RESET_FORM_ID).raw(">")
                .raw("<input type=\"hidden\"").attr("name", CsrfGuard.PARAMETER).attr("value", page.csrfToken)
                .raw("></form></div>");
    }

    private void reportRow(Html out, SettingsView current, Optional<SettingsForm> rejected) {
        String chosen = rejected.flatMap(f -> f.submitted(ConsoleSettings.REPORT)).orElse(current.reportChoice());
        rowStart(out, ConsoleSettings.REPORT);
        out.raw("<select").attr("id", fieldId(ConsoleSettings.REPORT)).attr("name", ConsoleSettings.REPORT).raw(">");
        if (SettingsView.UNDECIDED.equals(current.reportChoice())) {
            option(out, SettingsView.UNDECIDED, chosen, messages.get(current.fromShippedDefault()
                    ? "settings.report.undecided_default" : "settings.report.undecided"));
        }
        option(out, SettingsView.REPORT, chosen, messages.get("settings.report.report"));
        option(out, SettingsView.NO_REPORT, chosen, messages.get("settings.report.no_report"));
        out.raw("</select>");
        rowEnd(out, current, rejected, ConsoleSettings.REPORT, true);
    }

    private void timerRow(Html out, SettingsView current, Optional<SettingsForm> rejected, String key,
            TimerInput effective, long effectiveMillis) {
        TimerInput shown = rejected.flatMap(f -> f.submittedTimer(key)).orElse(effective);
        rowStart(out, key);
        out.raw("<input type=\"text\" size=\"10\" maxlength=\"20\" inputmode=\"decimal\"").attr("id", fieldId(key))
                .attr("name", key).attr("value", shown.amount()).raw("> <select").attr("id", fieldId(key) + "-unit")
                .attr("name", key + SettingsForm.UNIT_SUFFIX).attr("aria-label", messages.get("settings.unit")).raw(">");
        for (TimerInput.Unit unit : TimerInput.Unit.values()) {
            option(out, unit.param(), shown.unit().param(), messages.get("settings.unit." + unit.name().toLowerCase(Locale.ROOT)));
        }
        out.raw("</select> <span class=\"sm-hint\"").attr("id", fieldId(key) + "-ms").raw(">")
                .text(messages.get("settings.timer.effective_ms", Long.toString(effectiveMillis))).raw("</span>");
        rowEnd(out, current, rejected, key, true);
    }

    /** The measurement ID or the own endpoint's URL; a file's further IDs are listed beside the first. */
    private void textRow(Html out, SettingsView current, Optional<SettingsForm> rejected, String key, String effective,
            String size, String maxLength, String placeholder) {
        rowStart(out, key);
        out.raw("<input type=\"text\"").attr("size", size).attr("maxlength", maxLength).attr("placeholder", placeholder)
                .attr("id", fieldId(key)).attr("name", key)
                .attr("value", rejected.flatMap(f -> f.submitted(key)).orElse(effective)).raw(">");
        if (key.equals(ConsoleSettings.TRACKING_ID) && !current.moreTrackingIds().isEmpty()) {
            out.raw("<div class=\"sm-hint\" id=\"sm-more-ids\">")
                    .text(messages.get("settings.tracking_id.more", String.join(", ", current.moreTrackingIds())))
                    .raw("</div>");
        }
        rowEnd(out, current, rejected, key, true);
    }

    /**
     * The API secret or the endpoint's token: the value is always empty and autocomplete off, since the page must
     * never hold a secret, not even masked. A secret is bound to the address it was entered for: changing the
     * address means typing it again, as the hint says.
     */
    private void secretRow(Html out, SettingsView current, Optional<SettingsForm> rejected, String key, String name,
            String maxLength, boolean set, String retypeKey) {
        rowStart(out, key);
        out.raw("<input type=\"password\" size=\"24\"").attr("maxlength", maxLength)
                .raw(" value=\"\" autocomplete=\"new-password\"").attr("id", fieldId(key)).attr("name", key)
                .raw("> <span class=\"sm-secret-state\" id=\"sm-" + name + "-state\">")
                .text(messages.get(set ? "settings.tracking_secret.set" : "settings.tracking_secret.not_set"))
                .raw("</span><div class=\"sm-hint\" id=\"sm-" + name + "-address-hint\">")
                .text(messages.get("settings.secret_address_hint")).raw("</div>");
        if (rejected.map(f -> f.typed(key)).orElse(false) && !rejected.get().errors().containsKey(key)) {
            out.raw("<div class=\"sm-field-error\" id=\"sm-retype-" + name + "\">")
                    .text(messages.get(retypeKey)).raw("</div>");
        }
        rowEnd(out, current, rejected, key, false);
    }

    /** Google's global endpoint, its EU endpoint, or a URL of one's own typed into the field beside. */
    private void googleAnalyticsUrlRow(Html out, SettingsView current, Optional<SettingsForm> rejected) {
        String url = rejected.flatMap(f -> f.submitted(ConsoleSettings.GOOGLE_ANALYTICS_URL))
                .orElse(current.googleAnalyticsUrl());
        String choice = rejected.flatMap(f -> f.submitted(SettingsForm.GA_ENDPOINT_CHOICE))
                .orElse(current.googleAnalyticsEndpointChoice());
        rowStart(out, ConsoleSettings.GOOGLE_ANALYTICS_URL);
        out.raw("<select").attr("id", fieldId(SettingsForm.GA_ENDPOINT_CHOICE)).attr("name", SettingsForm.GA_ENDPOINT_CHOICE)
                .attr("aria-label", messages.get("settings.google_analytics_url.label")).raw(">");
        option(out, SettingsView.ENDPOINT_GLOBAL, choice, messages.get("settings.google_analytics_url.global"));
        option(out, SettingsView.ENDPOINT_EU, choice, messages.get("settings.google_analytics_url.eu"));
        option(out, SettingsView.ENDPOINT_CUSTOM, choice, messages.get("settings.google_analytics_url.custom"));
        out.raw("</select> <input type=\"text\" size=\"50\" maxlength=\"500\"")
                .attr("id", fieldId(ConsoleSettings.GOOGLE_ANALYTICS_URL)).attr("name", ConsoleSettings.GOOGLE_ANALYTICS_URL)
                .attr("value", url).attr("aria-label", messages.get("settings.google_analytics_url.custom")).raw(">")
                .raw("<div class=\"sm-hint\" id=\"sm-eu-hint\">").text(messages.get("settings.google_analytics_url.eu_hint"))
                .raw("</div>");
        rowEnd(out, current, rejected, ConsoleSettings.GOOGLE_ANALYTICS_URL, true);
    }

    private void categoriesRow(Html out, SettingsView current, Optional<SettingsForm> rejected,
            Map<String, String> unseenFields) {
        Set<ReportCategory> ticked = rejected.flatMap(SettingsForm::submittedCategories).orElse(current.categories());
        out.raw("<tr").attr("id", "sm-row-" + ConsoleSettings.CATEGORIES).raw("><th scope=\"row\">")
                .text(messages.get("settings.categories.label")).raw("<div class=\"sm-hint\">")
                .text(messages.get("settings.categories.hint")).raw("</div></th><td>")
                .raw("<input type=\"hidden\" value=\"1\"").attr("name", SettingsForm.CATEGORIES_SHOWN).raw(">")
                .raw("<div class=\"sm-category\"><input type=\"checkbox\" checked disabled id=\"sm-category-cluster\"> ")
                .raw("<label for=\"sm-category-cluster\">").text(messages.get("settings.categories.cluster")).raw("</label>");
        NewFieldsSection.markCategory(out, messages, unseenFields, ReportCategory.ALWAYS_SENT_EVENTS);
        out.raw("</div>");
        for (ReportCategory category : ReportCategory.values()) {
            String id = "sm-" + SettingsForm.CATEGORY_PREFIX + category.configName();
            out.raw("<div class=\"sm-category\"><input type=\"checkbox\"").attr("id", id)
                    .attr("name", SettingsForm.CATEGORY_PREFIX + category.configName())
                    .raw(ticked.contains(category) ? " checked> " : "> ").raw("<label").attr("for", id).raw(">")
                    .text(messages.get("settings.categories." + category.configName())).raw("</label>");
            NewFieldsSection.markCategory(out, messages, unseenFields, category.events());
            out.raw("</div>");
        }
        rowEnd(out, current, rejected, ConsoleSettings.CATEGORIES, true);
    }

    private void rowStart(Html out, String key) {
        out.raw("<tr").attr("id", "sm-row-" + key).raw("><th scope=\"row\"><label").attr("for", fieldId(key)).raw(">")
                .text(messages.get("settings." + key + ".label")).raw("</label><div class=\"sm-hint\">")
                .text(messages.get("settings." + key + ".hint")).raw("</div></th><td>");
    }

    private void rowEnd(Html out, SettingsView current, Optional<SettingsForm> rejected, String key, boolean showSource) {
        Optional<LocalizedText> error = rejected.map(f -> f.errors().get(key));
        if (error.isPresent()) {
            out.raw("<div class=\"sm-field-error\" role=\"alert\"").attr("id", "sm-error-" + key).raw(">")
                    .text(error.get().render(messages)).raw("</div>");
        }
        out.raw("</td><td class=\"sm-source\">");
        if (showSource) {
            SettingSource source = current.source(key);
            out.raw("<span").attr("class", "sm-source-" + source.name().toLowerCase(Locale.ROOT))
                    .attr("id", "sm-source-" + key).raw(">")
                    .text(messages.get("source." + source.name().toLowerCase(Locale.ROOT))).raw("</span>");
            if (source == SettingSource.CONSOLE) {
                out.raw(" <button type=\"submit\" name=\"reset\"").attr("form", RESET_FORM_ID).attr("value", key)
                        .attr("id", "sm-reset-" + key)
                        .raw(">").text(messages.get(current.fromShippedDefault() ? "settings.reset_default" : "settings.reset"))
                        .raw("</button>");
            }
        }
        out.raw("</td></tr>");
    }

    private static void option(Html out, String value, String chosen, String label) {
        out.raw("<option").attr("value", value).raw(value.equals(chosen) ? " selected>" : ">").text(label).raw("</option>");
    }

    static String fieldId(String key) {
        return "sm-" + key;
    }
}
