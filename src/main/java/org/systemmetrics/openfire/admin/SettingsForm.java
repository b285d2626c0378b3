package org.systemmetrics.openfire.admin;

import java.net.URI;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.systemmetrics.core.config.ConsoleSettings;
import org.systemmetrics.core.config.Refusal;
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
    private final Set<String> typedSecrets = new HashSet<>();
    private Set<ReportCategory> submittedCategories;

    private SettingsForm() {
    }

    /** @param params the request's form fields (one value each) */
    static SettingsForm read(Function<String, String> params, SettingsView current) {
        SettingsForm form = new SettingsForm();
        for (Setting<?> setting : Setting.console()) {
            switch (setting.kind()) {
                case FLAG:
                    form.readReport(params, current);
                    break;
                case MILLIS:
                    form.readTimer(params, setting, current.timer(setting));
                    break;
                case MEASUREMENT_ID:
                    form.readPaired(params, setting, current.trackingId(), "settings.error.tracking_id_missing", id ->
                            current.consoleSecretStored() ? Optional.empty()
                                    : Optional.of(LocalizedText.of("settings.error.tracking_secret_missing", id)));
                    break;
                case URL:
                    if (setting == Setting.GOOGLE_ANALYTICS_URL) {
                        form.readUrl(params, current);
                    } else {
                        // A token is sent only to the address it was entered for (SecretBinding): a new address needs
                        // it typed again. The file's token goes with the file's endpoint only.
                        form.readPaired(params, setting, current.reportEndpoint(), "settings.error.report_endpoint_missing",
                                url -> current.endpointTokenSet() ? Optional.of(LocalizedText.of(
                                        current.consoleEndpointTokenStored() ? "settings.error.report_endpoint_token_reenter"
                                                : "settings.error.report_endpoint_token_from_file")) : Optional.empty());
                    }
                    break;
                case CATEGORIES:
                    form.readCategories(params, current);
                    break;
                default:
                    break; // a secret is read with the setting it goes with
            }
        }
        if (!form.errors.isEmpty()) {
            form.changes.clear();
        }
        return form;
    }

    boolean valid() {
        return errors.isEmpty();
    }

    /** Empty when invalid or nothing changed. */
    Map<String, String> changes() {
        return Collections.unmodifiableMap(changes);
    }

    Map<String, LocalizedText> errors() {
        return Collections.unmodifiableMap(errors);
    }

    /** What was typed or chosen, to show it again next to its error. */
    Optional<String> submitted(String field) {
        return Optional.ofNullable(submitted.get(field));
    }

    /** A typed secret has to be typed again after a refusal, as it is never sent back. */
    boolean typed(String secretKey) {
        return typedSecrets.contains(secretKey);
    }

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
        if (params.apply(key) == null && params.apply(key + UNIT_SUFFIX) == null) {
            return; // a form without the timer says nothing about it
        }
        Optional<TimerInput.Unit> unit = TimerInput.Unit.fromParam(trimmed(params, key + UNIT_SUFFIX));
        TimerInput input = TimerInput.submitted(params.apply(key), unit.orElse(TimerInput.Unit.MINUTES));
        submittedTimers.put(key, input);
        if (unit.isEmpty()) {
            errors.put(key, LocalizedText.of("settings.error.timer_unit"));
        } else if (!input.sameAs(shown)) {
            Optional<LocalizedText> refusal = input.amount().isEmpty() ? Optional.empty() : input.refusal(setting);
            if (refusal.isPresent()) {
                errors.put(key, refusal.get());
            } else {
                changes.put(key, input.amount().isEmpty() ? "" : Long.toString(input.millis()));
            }
        }
    }

    /**
     * A measurement ID or endpoint with the secret stored beside it ({@link Setting#secretOf()}): both are stored
     * together; an emptied field removes both; an empty secret field keeps the stored secret, unless
     * {@code keptSecret} objects to keeping it for a changed value.
     */
    private void readPaired(Function<String, String> params, Setting<?> setting, String shown, String missingKey,
            Function<String, Optional<LocalizedText>> keptSecret) {
        String key = setting.key();
        String secretKey = setting.secretOf().orElseThrow().key();
        String value = trimmed(params, key);
        // Never echoed back, not even after an error: the secret must not appear in any page.
        String secret = trimmed(params, secretKey);
        if (!secret.isEmpty()) {
            typedSecrets.add(secretKey);
        }
        submitted.put(key, value);
        boolean changed = !value.equals(shown);
        Optional<LocalizedText> objection;
        if (value.isEmpty()) {
            if (!secret.isEmpty()) {
                errors.put(key, LocalizedText.of(missingKey));
            } else if (changed) {
                remove(setting);
            }
        } else if ((objection = check(setting, value)).isPresent()) {
            errors.put(key, objection.get());
        } else if (!secret.isEmpty()) {
            Optional<LocalizedText> secretError = check(setting.secretOf().orElseThrow(), secret);
            if (secretError.isPresent()) {
                errors.put(secretKey, secretError.get());
            } else {
                changes.put(key, value);
                changes.put(secretKey, secret);
            }
        } else if (changed && (objection = keptSecret.apply(value)).isPresent()) {
            errors.put(secretKey, objection.get());
        } else if (changed) {
            changes.put(key, value);
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
        Optional<LocalizedText> error = check(Setting.GOOGLE_ANALYTICS_URL, url);
        if (error.isPresent()) {
            errors.put(ConsoleSettings.GOOGLE_ANALYTICS_URL, error.get());
            return;
        }
        // An API secret is sent only to the address it was entered for (SecretBinding; Google's own hosts count
        // as one): another URL needs it typed again in the same save, unless the ID is being removed.
        boolean idKept = !submitted.getOrDefault(ConsoleSettings.TRACKING_ID, "").isEmpty();
        if (current.secretSet() && idKept && !typed(ConsoleSettings.TRACKING_SECRET)
                && !ServiceConfig.isGoogleMeasurementProtocol(URI.create(url))) {
            errors.put(ConsoleSettings.TRACKING_SECRET, LocalizedText.of("settings.error.tracking_secret_reenter"));
            return;
        }
        changes.put(ConsoleSettings.GOOGLE_ANALYTICS_URL, url);
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

    /** Back to the file's value, with the secret that goes with the setting ({@link Setting#secretOf()}). */
    private void remove(Setting<?> setting) {
        changes.put(setting.key(), "");
        setting.secretOf().ifPresent(secret -> changes.put(secret.key(), ""));
    }

    static Optional<LocalizedText> check(Setting<?> setting, String text) {
        return setting.checkText(text).map(SettingsForm::text);
    }

    static LocalizedText text(Refusal refusal) {
        return LocalizedText.of(refusal.messageKey(), refusal.arguments().toArray(new String[0]));
    }

    private static String trimmed(Function<String, String> params, String name) {
        String value = params.apply(name);
        return value == null ? "" : value.trim();
    }
}
