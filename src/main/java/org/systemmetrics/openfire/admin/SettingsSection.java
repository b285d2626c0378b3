package org.systemmetrics.openfire.admin;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.systemmetrics.core.config.ConsoleSettings;
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

        reportRow(out, current, rejected);
        timerRow(out, current, rejected, ConsoleSettings.INITIAL_REPORT, current.initialReport(),
                current.initialReportMillis());
        timerRow(out, current, rejected, ConsoleSettings.PERIODIC_REPORT, current.periodicReport(),
                current.periodicReportMillis());
        trackingIdRow(out, current, rejected);
        secretRow(out, current, rejected);
        googleAnalyticsUrlRow(out, current, rejected);
        reportEndpointRow(out, current, rejected);
        endpointTokenRow(out, current, rejected);
        categoriesRow(out, current, rejected, page.unseenFields);

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

    private void trackingIdRow(Html out, SettingsView current, Optional<SettingsForm> rejected) {
        String id = rejected.flatMap(f -> f.submitted(ConsoleSettings.TRACKING_ID)).orElse(current.trackingId());
        rowStart(out, ConsoleSettings.TRACKING_ID);
        out.raw("<input type=\"text\" size=\"24\" maxlength=\"40\" placeholder=\"G-XXXXXXXXXX\"")
                .attr("id", fieldId(ConsoleSettings.TRACKING_ID)).attr("name", ConsoleSettings.TRACKING_ID)
                .attr("value", id).raw(">");
        if (!current.moreTrackingIds().isEmpty()) {
            out.raw("<div class=\"sm-hint\" id=\"sm-more-ids\">")
                    .text(messages.get("settings.tracking_id.more", String.join(", ", current.moreTrackingIds())))
                    .raw("</div>");
        }
        rowEnd(out, current, rejected, ConsoleSettings.TRACKING_ID, true);
    }

    private void secretRow(Html out, SettingsView current, Optional<SettingsForm> rejected) {
        rowStart(out, ConsoleSettings.TRACKING_SECRET);
        // value is always empty and autocomplete off: the page must never hold the secret, not even masked.
        out.raw("<input type=\"password\" size=\"24\" maxlength=\"200\" value=\"\" autocomplete=\"new-password\"")
                .attr("id", fieldId(ConsoleSettings.TRACKING_SECRET)).attr("name", ConsoleSettings.TRACKING_SECRET)
                .raw("> <span class=\"sm-secret-state\" id=\"sm-secret-state\">")
                .text(messages.get(current.secretSet() ? "settings.tracking_secret.set" : "settings.tracking_secret.not_set"))
                .raw("</span>");
        addressHint(out, "sm-secret-address-hint");
        if (rejected.map(SettingsForm::secretTyped).orElse(false)
                && !rejected.get().errors().containsKey(ConsoleSettings.TRACKING_SECRET)) {
            out.raw("<div class=\"sm-field-error\" id=\"sm-retype-secret\">")
                    .text(messages.get("settings.tracking_secret.retype")).raw("</div>");
        }
        rowEnd(out, current, rejected, ConsoleSettings.TRACKING_SECRET, false);
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

    private void reportEndpointRow(Html out, SettingsView current, Optional<SettingsForm> rejected) {
        String url = rejected.flatMap(f -> f.submitted(ConsoleSettings.REPORT_ENDPOINT)).orElse(current.reportEndpoint());
        rowStart(out, ConsoleSettings.REPORT_ENDPOINT);
        out.raw("<input type=\"text\" size=\"50\" maxlength=\"500\" placeholder=\"https://\"")
                .attr("id", fieldId(ConsoleSettings.REPORT_ENDPOINT)).attr("name", ConsoleSettings.REPORT_ENDPOINT)
                .attr("value", url).raw(">");
        rowEnd(out, current, rejected, ConsoleSettings.REPORT_ENDPOINT, true);
    }

    private void endpointTokenRow(Html out, SettingsView current, Optional<SettingsForm> rejected) {
        rowStart(out, ConsoleSettings.REPORT_ENDPOINT_TOKEN);
        // Write-only, like the API secret: the page never holds the token.
        out.raw("<input type=\"password\" size=\"24\" maxlength=\"500\" value=\"\" autocomplete=\"new-password\"")
                .attr("id", fieldId(ConsoleSettings.REPORT_ENDPOINT_TOKEN)).attr("name", ConsoleSettings.REPORT_ENDPOINT_TOKEN)
                .raw("> <span class=\"sm-secret-state\" id=\"sm-token-state\">")
                .text(messages.get(current.endpointTokenSet() ? "settings.tracking_secret.set" : "settings.tracking_secret.not_set"))
                .raw("</span>");
        addressHint(out, "sm-token-address-hint");
        if (rejected.map(SettingsForm::tokenTyped).orElse(false)
                && !rejected.get().errors().containsKey(ConsoleSettings.REPORT_ENDPOINT_TOKEN)) {
            out.raw("<div class=\"sm-field-error\" id=\"sm-retype-token\">")
                    .text(messages.get("settings.report_endpoint_token.retype")).raw("</div>");
        }
        rowEnd(out, current, rejected, ConsoleSettings.REPORT_ENDPOINT_TOKEN, false);
    }

    /** A secret is bound to the address it was entered for: changing the address means typing it again. */
    private void addressHint(Html out, String id) {
        out.raw("<div class=\"sm-hint\"").attr("id", id).raw(">").text(messages.get("settings.secret_address_hint"))
                .raw("</div>");
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
