package org.systemmetrics.openfire.admin;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.systemmetrics.core.config.Setting;
import org.systemmetrics.core.config.SettingSource;
import org.systemmetrics.core.report.ReportCategory;

/**
 * The settings form: each row the effective value (after a refused save, what was typed, with the reason), where it
 * comes from, and for a console value a button that drops it in favour of the file's. Secrets are write-only.
 */
final class SettingsSection {
    static final String FORM_ID = "sm-settings-form";
    static final String RESET_FORM_ID = "sm-reset-form";

    static void render(Html out, PageModel page) {
        SettingsForm form = page.settings();
        out.section("settings.title", "sm-settings")
                // Without a configuration file there is no file value to fall back on: the plugin's default is.
                .element("p", null, out.words(form.fromShippedDefault() ? "settings.intro_default" : "settings.intro"));
        if (!form.valid()) {
            out.raw("<div class=\"jive-error\" id=\"sm-settings-error\">").say("settings.rejected").raw("</div>");
        }
        out.postForm(FORM_ID, page.csrfToken).raw("<table class=\"sm-settings\"><tbody>");

        for (Setting<?> setting : Setting.console()) {
            if (setting.secret()) {
                secretRow(out, form, setting);
            } else if (setting.kind() == Setting.Kind.MEASUREMENT_ID) {
                textRow(out, form, setting, "24", "40", "G-XXXXXXXXXX");
            } else if (setting.kind() == Setting.Kind.URL && setting.secretOf().isPresent()) {
                textRow(out, form, setting, "50", "500", "https://");
            } else if (setting.kind() == Setting.Kind.URL) {
                googleAnalyticsUrlRow(out, form, page.facts.projectProperty);
            } else if (setting.kind() == Setting.Kind.MILLIS) {
                timerRow(out, form, setting);
            } else if (setting.kind() == Setting.Kind.FLAG) {
                reportRow(out, form);
            } else {
                categoriesRow(out, form, page.facts.unseenFields);
            }
        }

        out.raw("</tbody></table><p><button type=\"submit\" name=\"action\" value=\"save\" id=\"sm-save\">")
                .say("settings.save").raw("</button></p></form>")
                // The reset buttons belong to this separate form (through their form attribute): inside the settings
                // form, the first of them would be the button that Enter in any text field presses.
                .postForm(RESET_FORM_ID, page.csrfToken).raw("</form></div>");
    }

    private static void reportRow(Html out, SettingsForm form) {
        String chosen = form.shown(Setting.REPORT.key());
        rowStart(out, Setting.REPORT.key());
        out.raw("<select").attr("id", fieldId(Setting.REPORT.key())).attr("name", Setting.REPORT.key()).raw(">");
        if (SettingsForm.UNDECIDED.equals(form.reportChoice())) {
            option(out, SettingsForm.UNDECIDED, chosen, out.words(form.fromShippedDefault()
                    ? "settings.report.undecided_default" : "settings.report.undecided"));
        }
        option(out, SettingsForm.REPORT, chosen, out.words("settings.report.report"));
        option(out, SettingsForm.NO_REPORT, chosen, out.words("settings.report.no_report"));
        out.raw("</select>");
        rowEnd(out, form, Setting.REPORT);
    }

    private static void timerRow(Html out, SettingsForm form, Setting<?> timer) {
        String key = timer.key();
        String unitField = key + SettingsForm.UNIT_SUFFIX;
        rowStart(out, key);
        out.raw("<input type=\"text\" size=\"10\" maxlength=\"20\" inputmode=\"decimal\"").attr("id", fieldId(key))
                .attr("name", key).attr("value", form.shown(key)).raw("> <select").attr("id", fieldId(key) + "-unit")
                .attr("name", unitField).attr("aria-label", out.words("settings.unit")).raw(">");
        for (TimerInput.Unit unit : TimerInput.Unit.values()) {
            option(out, unit.param(), form.shown(unitField),
                    out.words("settings.unit." + unit.name().toLowerCase(Locale.ROOT)));
        }
        out.raw("</select> <span class=\"sm-hint\"").attr("id", fieldId(key) + "-ms").raw(">")
                .say("settings.timer.effective_ms", Long.toString(form.millis(timer))).raw("</span>");
        rowEnd(out, form, timer);
    }

    /** The measurement ID or the own endpoint's URL; a file's further IDs are listed beside the first. */
    private static void textRow(Html out, SettingsForm form, Setting<?> setting, String size, String maxLength,
            String placeholder) {
        String key = setting.key();
        rowStart(out, key);
        out.raw("<input type=\"text\"").attr("size", size).attr("maxlength", maxLength).attr("placeholder", placeholder)
                .attr("id", fieldId(key)).attr("name", key).attr("value", form.shown(key)).raw(">");
        if (setting == Setting.TRACKING_ID && !form.moreTrackingIds().isEmpty()) {
            out.raw("<div class=\"sm-hint\" id=\"sm-more-ids\">")
                    .say("settings.tracking_id.more", String.join(", ", form.moreTrackingIds()))
                    .raw("</div>");
        }
        rowEnd(out, form, setting);
    }

    /**
     * The API secret or the endpoint's token: the value is always empty and autocomplete off, since the page must
     * never hold a secret, not even masked. A secret is bound to the address it was entered for: changing the
     * address means typing it again, as the hint says.
     */
    private static void secretRow(Html out, SettingsForm form, Setting<?> setting) {
        String key = setting.key();
        String name = setting.kind().name().toLowerCase(Locale.ROOT); // "secret" or "token", in the element IDs
        rowStart(out, key);
        String maxLength = setting.kind() == Setting.Kind.SECRET ? "200" : "500";
        String state = form.secretSet(setting) ? "settings.tracking_secret.set" : "settings.tracking_secret.not_set";
        out.raw("<input type=\"password\" size=\"24\"").attr("maxlength", maxLength)
                .raw(" value=\"\" autocomplete=\"new-password\"").attr("id", fieldId(key)).attr("name", key)
                .raw("> <span class=\"sm-secret-state\" id=\"sm-" + name + "-state\">").say(state)
                .raw("</span><div class=\"sm-hint\" id=\"sm-" + name + "-address-hint\">")
                .say("settings.secret_address_hint").raw("</div>");
        if (form.typed(key) && !form.errors().containsKey(key)) {
            out.raw("<div class=\"sm-field-error\" id=\"sm-retype-" + name + "\">")
                    .say("settings." + key + ".retype").raw("</div>");
        }
        rowEnd(out, form, setting);
    }

    private static void googleAnalyticsUrlRow(Html out, SettingsForm form, boolean projectProperty) {
        String key = Setting.GOOGLE_ANALYTICS_URL.key();
        String choice = form.shown(SettingsForm.GA_ENDPOINT_CHOICE);
        rowStart(out, key);
        out.raw("<select").attr("id", fieldId(SettingsForm.GA_ENDPOINT_CHOICE))
                .attr("name", SettingsForm.GA_ENDPOINT_CHOICE)
                .attr("aria-label", out.words("settings.google_analytics_url.label")).raw(">");
        option(out, SettingsForm.ENDPOINT_GLOBAL, choice, out.words("settings.google_analytics_url.global"));
        option(out, SettingsForm.ENDPOINT_EU, choice, out.words("settings.google_analytics_url.eu"));
        option(out, SettingsForm.ENDPOINT_CUSTOM, choice, out.words("settings.google_analytics_url.custom"));
        out.raw("</select> <input type=\"text\" size=\"50\" maxlength=\"500\"")
                .attr("id", fieldId(key)).attr("name", key).attr("value", form.shown(key))
                .attr("aria-label", out.words("settings.google_analytics_url.custom")).raw(">")
                .raw("<div class=\"sm-hint\" id=\"sm-eu-hint\">").say("settings.google_analytics_url.eu_hint")
                // A build without the project's property has none to follow the choice.
                .text(projectProperty ? " " + out.words("settings.google_analytics_url.eu_hint_project") : "")
                .raw("</div>");
        rowEnd(out, form, Setting.GOOGLE_ANALYTICS_URL);
    }

    private static void categoriesRow(Html out, SettingsForm form, Map<String, String> unseenFields) {
        Set<ReportCategory> ticked = form.categories();
        out.raw("<tr").attr("id", "sm-row-" + Setting.CATEGORIES.key()).raw("><th scope=\"row\">")
                .say("settings.categories.label").raw("<div class=\"sm-hint\">")
                .say("settings.categories.hint").raw("</div></th><td>")
                .raw("<input type=\"hidden\" value=\"1\"").attr("name", SettingsForm.CATEGORIES_SHOWN).raw(">")
                .raw("<div class=\"sm-category\">")
                .raw("<input type=\"checkbox\" checked disabled id=\"sm-category-cluster\"> ")
                .raw("<label for=\"sm-category-cluster\">").say("settings.categories.cluster").raw("</label>");
        NewFieldsSection.markCategory(out, unseenFields, ReportCategory.ALWAYS_SENT_EVENTS);
        out.raw("</div>");
        for (ReportCategory category : ReportCategory.values()) {
            String id = "sm-" + SettingsForm.CATEGORY_PREFIX + category.configName();
            out.raw("<div class=\"sm-category\"><input type=\"checkbox\"").attr("id", id)
                    .attr("name", SettingsForm.CATEGORY_PREFIX + category.configName())
                    .raw(ticked.contains(category) ? " checked> " : "> ").raw("<label").attr("for", id).raw(">")
                    .say("settings.categories." + category.configName()).raw("</label>");
            NewFieldsSection.markCategory(out, unseenFields, category.events());
            out.raw("</div>");
        }
        rowEnd(out, form, Setting.CATEGORIES);
    }

    private static void rowStart(Html out, String key) {
        out.raw("<tr").attr("id", "sm-row-" + key).raw("><th scope=\"row\"><label").attr("for", fieldId(key)).raw(">")
                .say("settings." + key + ".label").raw("</label><div class=\"sm-hint\">")
                .say("settings." + key + ".hint").raw("</div></th><td>");
    }

    /** The row's error, then its source and, for a console value, its reset; a secret's row has neither. */
    private static void rowEnd(Html out, SettingsForm form, Setting<?> setting) {
        String key = setting.key();
        Optional<LocalizedText> error = Optional.ofNullable(form.errors().get(key));
        if (error.isPresent()) {
            out.raw("<div class=\"sm-field-error\" role=\"alert\"").attr("id", "sm-error-" + key).raw(">")
                    .text(error.get().render(out.messages)).raw("</div>");
        }
        out.raw("</td><td class=\"sm-source\">");
        if (setting.resettable()) {
            SettingSource source = form.source(setting);
            String name = source.name().toLowerCase(Locale.ROOT);
            out.raw("<span").attr("class", "sm-source-" + name).attr("id", "sm-source-" + key).raw(">")
                    .say("source." + name).raw("</span>");
            if (source == SettingSource.CONSOLE) {
                out.raw(" <button type=\"submit\" name=\"reset\"").attr("form", RESET_FORM_ID).attr("value", key)
                        .attr("id", "sm-reset-" + key)
                        .raw(">").say(form.resetsToFile(setting) ? "settings.reset" : "settings.reset_default")
                        .raw("</button>");
            }
        }
        out.raw("</td></tr>");
    }

    private static void option(Html out, String value, String chosen, String label) {
        out.raw("<option").attr("value", value).raw(value.equals(chosen) ? " selected>" : ">").text(label)
                .raw("</option>");
    }

    static String fieldId(String key) {
        return "sm-" + key;
    }
}
