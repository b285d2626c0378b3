package org.systemmetrics.openfire.admin;

import java.net.URI;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.systemmetrics.core.config.ConsoleSettings;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.config.Setting;
import org.systemmetrics.core.report.ReportCategory;

/**
 * Reads a submitted settings form against the current settings. Every field is checked before anything is
 * saved: the result is either a set of changes or a set of errors, never both. A field left as it was shown
 * is not a change, so saving once does not turn every file value into a console value. A text field emptied
 * by the administrator means "use the file's value again"; an empty API secret means "keep the current one".
 */
final class SettingsForm {
    static final String UNIT_SUFFIX = "_unit";
    /** The select between Google's global endpoint, its EU endpoint and a URL of one's own. */
    static final String GA_ENDPOINT_CHOICE = ConsoleSettings.GOOGLE_ANALYTICS_URL + "_choice";
    /** Present in every form that shows the category checkboxes, so "none ticked" can be told from "not shown". */
    static final String CATEGORIES_SHOWN = "categories_shown";
    static final String CATEGORY_PREFIX = "category_";

    private final Map<String, String> changes = new LinkedHashMap<>();
    private final Map<String, LocalizedText> errors = new LinkedHashMap<>();
    private final Map<String, String> submitted = new LinkedHashMap<>();
    private final Map<String, TimerInput> submittedTimers = new LinkedHashMap<>();
    private boolean secretTyped;
    private boolean tokenTyped;
    private Set<ReportCategory> submittedCategories;

    private SettingsForm() {
    }

    /** @param params the request's form fields (one value each) */
    static SettingsForm read(Function<String, String> params, SettingsView current) {
        SettingsForm form = new SettingsForm();
        form.readReport(params, current);
        form.readTimer(params, Setting.INITIAL_REPORT, current.initialReport());
        form.readTimer(params, Setting.PERIODIC_REPORT, current.periodicReport());
        form.readTracking(params, current);
        form.readUrl(params, current);
        form.readReportEndpoint(params, current);
        form.readCategories(params, current);
        if (!form.errors.isEmpty()) {
            form.changes.clear();
        }
        return form;
    }

    boolean valid() {
        return errors.isEmpty();
    }

    /** What to pass to {@link SystemMetricsAdmin#save}; empty when invalid or nothing changed. */
    Map<String, String> changes() {
        return Collections.unmodifiableMap(changes);
    }

    /** Error per field name. */
    Map<String, LocalizedText> errors() {
        return Collections.unmodifiableMap(errors);
    }

    /** What was typed into a text field or chosen in a select, to show it again next to its error. */
    Optional<String> submitted(String field) {
        return Optional.ofNullable(submitted.get(field));
    }

    /** Whether an API secret was typed: after a refusal it has to be typed again, as it is never sent back. */
    boolean secretTyped() {
        return secretTyped;
    }

    /** Whether an endpoint token was typed: like the API secret, it is never sent back and must be typed again. */
    boolean tokenTyped() {
        return tokenTyped;
    }

    /** The boxes ticked in a refused form, to show them again. */
    Optional<Set<ReportCategory>> submittedCategories() {
        return Optional.ofNullable(submittedCategories);
    }

    Optional<TimerInput> submittedTimer(String key) {
        return Optional.ofNullable(submittedTimers.get(key));
    }

    private void readReport(Function<String, String> params, SettingsView current) {
        String raw = params.apply(ConsoleSettings.REPORT);
        if (raw == null) {
            return; // a form without the select says nothing about it
        }
        String choice = raw.trim();
        submitted.put(ConsoleSettings.REPORT, choice);
        if (choice.equals(current.reportChoice())) {
            return;
        }
        switch (choice) {
            case SettingsView.REPORT:
                changes.put(ConsoleSettings.REPORT, "true");
                break;
            case SettingsView.NO_REPORT:
                changes.put(ConsoleSettings.REPORT, "false");
                break;
            case SettingsView.UNDECIDED:
                changes.put(ConsoleSettings.REPORT, "");
                break;
            default:
                errors.put(ConsoleSettings.REPORT, LocalizedText.of("settings.error.report_choice"));
        }
    }

    private void readTimer(Function<String, String> params, Setting<?> setting, TimerInput shown) {
        String key = setting.key();
        Optional<TimerInput.Unit> unit = TimerInput.Unit.fromParam(trimmed(params, key + UNIT_SUFFIX));
        TimerInput input = TimerInput.submitted(params.apply(key), unit.orElse(TimerInput.Unit.MINUTES));
        submittedTimers.put(key, input);
        if (unit.isEmpty()) {
            errors.put(key, LocalizedText.of("settings.error.timer_unit"));
            return;
        }
        if (input.sameAs(shown)) {
            return;
        }
        if (input.amount().isEmpty()) {
            changes.put(key, "");
            return;
        }
        TimerInput.Parsed parsed = input.toMillis(setting);
        if (parsed.error().isPresent()) {
            errors.put(key, parsed.error().get());
        } else {
            changes.put(key, Long.toString(parsed.millis()));
        }
    }

    private void readTracking(Function<String, String> params, SettingsView current) {
        String id = trimmed(params, ConsoleSettings.TRACKING_ID);
        // Never echoed back, not even after an error: the secret must not appear in any page.
        String secret = trimmed(params, ConsoleSettings.TRACKING_SECRET);
        secretTyped = !secret.isEmpty();
        submitted.put(ConsoleSettings.TRACKING_ID, id);
        boolean idChanged = !id.equals(current.trackingId());
        if (id.isEmpty()) {
            if (!secret.isEmpty()) {
                errors.put(ConsoleSettings.TRACKING_ID, LocalizedText.of("settings.error.tracking_id_missing"));
            } else if (idChanged) {
                remove(Setting.TRACKING_ID);
            }
            return;
        }
        Optional<LocalizedText> idError = SettingRules.check(Setting.TRACKING_ID, id);
        if (idError.isPresent()) {
            errors.put(ConsoleSettings.TRACKING_ID, idError.get());
            return;
        }
        if (!secret.isEmpty()) {
            Optional<LocalizedText> secretError = SettingRules.check(Setting.TRACKING_SECRET, secret);
            if (secretError.isPresent()) {
                errors.put(ConsoleSettings.TRACKING_SECRET, secretError.get());
                return;
            }
            // The core pairs a console secret only with a console ID, so both are stored together.
            changes.put(ConsoleSettings.TRACKING_ID, id);
            changes.put(ConsoleSettings.TRACKING_SECRET, secret);
        } else if (idChanged) {
            if (current.consoleSecretStored()) {
                changes.put(ConsoleSettings.TRACKING_ID, id);
            } else {
                errors.put(ConsoleSettings.TRACKING_SECRET, LocalizedText.of("settings.error.tracking_secret_missing", id));
            }
        }
    }

    private void readUrl(Function<String, String> params, SettingsView current) {
        String choice = trimmed(params, GA_ENDPOINT_CHOICE);
        String typed = trimmed(params, ConsoleSettings.GOOGLE_ANALYTICS_URL);
        // A URL typed over the one shown wins over the select: whoever typed it meant it.
        String url = !typed.equals(current.googleAnalyticsUrl()) ? typed
                : SettingsView.ENDPOINT_GLOBAL.equals(choice) ? ServiceConfig.DEFAULT_GOOGLE_ANALYTICS_URL.toString()
                : SettingsView.ENDPOINT_EU.equals(choice) ? ServiceConfig.EU_GOOGLE_ANALYTICS_URL.toString()
                : typed;
        if (!choice.isEmpty()) {
            submitted.put(GA_ENDPOINT_CHOICE, choice);
        }
        submitted.put(ConsoleSettings.GOOGLE_ANALYTICS_URL, url);
        if (url.equals(current.googleAnalyticsUrl())) {
            return;
        }
        if (url.isEmpty()) {
            changes.put(ConsoleSettings.GOOGLE_ANALYTICS_URL, "");
            return;
        }
        Optional<LocalizedText> error = SettingRules.check(Setting.GOOGLE_ANALYTICS_URL, url);
        if (error.isPresent()) {
            errors.put(ConsoleSettings.GOOGLE_ANALYTICS_URL, error.get());
            return;
        }
        // An API secret is sent only to the address it was entered for (SecretBinding; Google's own hosts count
        // as one): another URL needs it typed again in the same save, unless the ID is being removed.
        boolean idKept = !submitted.getOrDefault(ConsoleSettings.TRACKING_ID, "").isEmpty();
        if (current.secretSet() && idKept && !secretTyped
                && !ServiceConfig.isGoogleMeasurementProtocol(URI.create(url))) {
            errors.put(ConsoleSettings.TRACKING_SECRET, LocalizedText.of("settings.error.tracking_secret_reenter"));
            return;
        }
        changes.put(ConsoleSettings.GOOGLE_ANALYTICS_URL, url);
    }

    /** Like the measurement ID and its secret: an emptied URL removes both; an empty token keeps the stored one. */
    private void readReportEndpoint(Function<String, String> params, SettingsView current) {
        String url = trimmed(params, ConsoleSettings.REPORT_ENDPOINT);
        String token = trimmed(params, ConsoleSettings.REPORT_ENDPOINT_TOKEN);
        tokenTyped = !token.isEmpty();
        submitted.put(ConsoleSettings.REPORT_ENDPOINT, url);
        boolean urlChanged = !url.equals(current.reportEndpoint());
        if (url.isEmpty()) {
            if (tokenTyped) {
                errors.put(ConsoleSettings.REPORT_ENDPOINT, LocalizedText.of("settings.error.report_endpoint_missing"));
            } else if (urlChanged) {
                remove(Setting.REPORT_ENDPOINT);
            }
            return;
        }
        Optional<LocalizedText> urlError = SettingRules.check(Setting.REPORT_ENDPOINT, url);
        if (urlError.isPresent()) {
            errors.put(ConsoleSettings.REPORT_ENDPOINT, urlError.get());
            return;
        }
        if (tokenTyped) {
            Optional<LocalizedText> tokenError = SettingRules.check(Setting.REPORT_ENDPOINT_TOKEN, token);
            if (tokenError.isPresent()) {
                errors.put(ConsoleSettings.REPORT_ENDPOINT_TOKEN, tokenError.get());
                return;
            }
            changes.put(ConsoleSettings.REPORT_ENDPOINT, url);
            changes.put(ConsoleSettings.REPORT_ENDPOINT_TOKEN, token);
        } else if (urlChanged) {
            if (current.endpointTokenSet()) {
                // A token is sent only to the address it was entered for (SecretBinding): a new address needs it
                // typed again. The file's token goes with the file's endpoint only.
                errors.put(ConsoleSettings.REPORT_ENDPOINT_TOKEN, LocalizedText.of(current.consoleEndpointTokenStored()
                        ? "settings.error.report_endpoint_token_reenter" : "settings.error.report_endpoint_token_from_file"));
                return;
            }
            changes.put(ConsoleSettings.REPORT_ENDPOINT, url);
        }
    }

    private void readCategories(Function<String, String> params, SettingsView current) {
        if (params.apply(CATEGORIES_SHOWN) == null) {
            return; // a form without the boxes says nothing about them
        }
        Set<ReportCategory> ticked = EnumSet.noneOf(ReportCategory.class);
        for (ReportCategory category : ReportCategory.values()) {
            if (params.apply(CATEGORY_PREFIX + category.configName()) != null) {
                ticked.add(category);
            }
        }
        submittedCategories = ticked;
        if (!ticked.equals(current.categories())) {
            changes.put(ConsoleSettings.CATEGORIES,
                    ticked.isEmpty() ? ConsoleSettings.NO_CATEGORIES : ReportCategory.namesOf(ticked));
        }
    }

    /** Back to the file's value, with the secrets that go with the setting ({@link Setting#secretsOf()}). */
    private void remove(Setting<?> setting) {
        changes.put(setting.key(), "");
        setting.secretsOf().forEach(secret -> changes.put(secret.key(), ""));
    }

    private static String trimmed(Function<String, String> params, String name) {
        String value = params.apply(name);
        return value == null ? "" : value.trim();
    }
}
