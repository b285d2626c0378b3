package org.systemmetrics.openfire.admin;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.systemmetrics.core.config.Consent;
import org.systemmetrics.core.config.ConsoleSettings;
import org.systemmetrics.core.config.Refusal;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.config.Setting;
import org.systemmetrics.core.config.SettingSource;
import org.systemmetrics.core.config.TrackingId;
import org.systemmetrics.core.report.ReportCategory;

/**
 * The settings form: what it shows (the service's own {@link ServiceConfig}, or after a refused save what was typed)
 * and what a submission changes: either a set of changes or a set of errors, never both. A field left as shown is no
 * change, so saving once does not turn every file value into a console value; an emptied text field means "use the
 * file's value again", an empty secret field "keep the current one". Holds no secret, only whether one is set.
 */
final class SettingsForm {
    static final String UNIT_SUFFIX = "_unit";
    /** The select between Google's global endpoint, its EU endpoint and a URL of one's own. */
    static final String GA_ENDPOINT_CHOICE = Setting.GOOGLE_ANALYTICS_URL.key() + "_choice";
    /** Present in every form that shows the category checkboxes, so "none ticked" can be told from "not shown". */
    static final String CATEGORIES_SHOWN = "categories_shown";
    static final String CATEGORY_PREFIX = "category_";
    /** Values of the {@code report} select; undecided: the file's entry says nothing, or there is no usable entry. */
    static final String REPORT = "report";
    static final String NO_REPORT = "no_report";
    static final String UNDECIDED = "";
    /** What each choice of the {@code report} select stores; "" removes the console's choice. */
    private static final Map<String, String> REPORT_VALUES = Map.of(REPORT, "true", NO_REPORT, "false", UNDECIDED, "");
    /** Values of the Google Analytics endpoint select; {@link #ENDPOINT_CUSTOM} takes the URL field. */
    static final String ENDPOINT_GLOBAL = "global";
    static final String ENDPOINT_EU = "eu";
    static final String ENDPOINT_CUSTOM = "custom";
    private static final Map<String, URI> GOOGLE_ENDPOINTS = Map.of(ENDPOINT_GLOBAL,
            ServiceConfig.DEFAULT_GOOGLE_ANALYTICS_URL, ENDPOINT_EU, ServiceConfig.EU_GOOGLE_ANALYTICS_URL);

    private final ServiceConfig config;
    /** Each field's text as the form shows it: the effective value, or what was submitted. */
    private final Map<String, String> shown = new HashMap<>();
    private Set<ReportCategory> categories;
    private final Map<String, String> changes = new LinkedHashMap<>();
    private final Map<String, LocalizedText> errors = new LinkedHashMap<>();
    private final Set<String> typedSecrets = new HashSet<>();

    /** The form as it shows the settings in force. */
    SettingsForm(ServiceConfig config) {
        this.config = config;
        categories = config.get(Setting.CATEGORIES);
        shown.put(Setting.REPORT.key(), reportChoice());
        Setting.console().stream().filter(s -> s.kind() == Setting.Kind.MILLIS)
                .forEach(timer -> showTimer(timer.key(), TimerInput.display(millis(timer))));
        shown.put(Setting.TRACKING_ID.key(), config.get(Setting.TRACKING_ID).isEmpty() ? ""
                : config.get(Setting.TRACKING_ID).get(0).measurementId());
        URI googleAnalyticsUrl = config.get(Setting.GOOGLE_ANALYTICS_URL);
        shown.put(Setting.GOOGLE_ANALYTICS_URL.key(), googleAnalyticsUrl.toString());
        shown.put(GA_ENDPOINT_CHOICE, GOOGLE_ENDPOINTS.keySet().stream()
                .filter(choice -> GOOGLE_ENDPOINTS.get(choice).equals(googleAnalyticsUrl)).findFirst()
                .orElse(ENDPOINT_CUSTOM));
        shown.put(Setting.REPORT_ENDPOINT.key(), config.get(Setting.REPORT_ENDPOINT).map(e -> e.url().toString())
                .orElse(""));
    }

    static SettingsForm read(Function<String, String> params, ServiceConfig config) {
        SettingsForm form = new SettingsForm(config);
        for (Setting<?> setting : Setting.console()) {
            // A secret itself is read with the setting it goes with.
            if (setting.secretOf().isPresent()) {
                form.readPaired(params, setting);
            } else if (setting.kind() == Setting.Kind.FLAG) {
                form.readReport(params);
            } else if (setting.kind() == Setting.Kind.MILLIS) {
                form.readTimer(params, setting);
            } else if (setting.kind() == Setting.Kind.URL) {
                form.readUrl(params);
            } else if (setting.kind() == Setting.Kind.CATEGORIES) {
                form.readCategories(params);
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

    /** A field's text as shown: the effective value, or what was typed or chosen, shown again beside its error. */
    String shown(String field) {
        return shown.getOrDefault(field, "");
    }

    Set<ReportCategory> categories() {
        return categories;
    }

    /** A typed secret has to be typed again after a refusal, as it is never sent back. */
    boolean typed(String secretKey) {
        return typedSecrets.contains(secretKey);
    }

    /** The choice in force (not what was submitted). */
    String reportChoice() {
        return config.consent() == Consent.ON ? REPORT : config.consent() == Consent.OFF ? NO_REPORT : UNDECIDED;
    }

    long millis(Setting<?> timer) {
        return ((Duration) config.get(timer)).toMillis();
    }

    /** Measurement IDs beyond the first, from the file; shown read-only. */
    List<String> moreTrackingIds() {
        return config.get(Setting.TRACKING_ID).stream().skip(1).map(TrackingId::measurementId)
                .collect(Collectors.toList());
    }

    boolean secretSet(Setting<?> secret) {
        return secret.heldIn(config);
    }

    /** No configuration file in conf/: what is not set in the console is the plugin's shipped default. */
    boolean fromShippedDefault() {
        return config.origin().file().isEmpty();
    }

    /** What removing the console's value brings: the file's, or the default; the file decides reporting either way. */
    boolean resetsToFile(Setting<?> setting) {
        return !fromShippedDefault() && (setting == Setting.REPORT || config.fileGives(setting));
    }

    SettingSource source(Setting<?> setting) {
        return config.sourceOf(setting);
    }

    private void readReport(Function<String, String> params) {
        String raw = params.apply(Setting.REPORT.key());
        if (raw == null) {
            return; // a form without the select says nothing about it
        }
        String choice = raw.trim();
        shown.put(Setting.REPORT.key(), choice);
        if (choice.equals(reportChoice())) {
            return;
        }
        if (REPORT_VALUES.containsKey(choice)) {
            changes.put(Setting.REPORT.key(), REPORT_VALUES.get(choice));
        } else {
            errors.put(Setting.REPORT.key(), LocalizedText.of("settings.error.report_choice"));
        }
    }

    private void readTimer(Function<String, String> params, Setting<?> setting) {
        String key = setting.key();
        if (params.apply(key) == null && params.apply(key + UNIT_SUFFIX) == null) {
            return; // a form without the timer says nothing about it
        }
        Optional<TimerInput.Unit> unit = TimerInput.Unit.fromParam(trimmed(params, key + UNIT_SUFFIX));
        TimerInput input = TimerInput.submitted(params.apply(key), unit.orElse(TimerInput.Unit.MINUTES));
        boolean same = input.amount().equals(shown(key)) && input.unit().param().equals(shown(key + UNIT_SUFFIX));
        showTimer(key, input);
        if (unit.isEmpty()) {
            errors.put(key, LocalizedText.of("settings.error.timer_unit"));
        } else if (!same) {
            Optional<LocalizedText> refusal = input.amount().isEmpty() ? Optional.empty() : input.refusal(setting);
            if (refusal.isPresent()) {
                errors.put(key, refusal.get());
            } else {
                changes.put(key, input.amount().isEmpty() ? "" : Long.toString(input.millis()));
            }
        }
    }

    private void showTimer(String key, TimerInput input) {
        shown.put(key, input.amount());
        shown.put(key + UNIT_SUFFIX, input.unit().param());
    }

    /**
     * A measurement ID or endpoint with the secret stored beside it ({@link Setting#secretOf()}): both are stored
     * together; an emptied field removes both; an empty secret field keeps the stored secret, unless
     * {@link #keptSecretRefused} objects to keeping it for a changed value.
     */
    private void readPaired(Function<String, String> params, Setting<?> setting) {
        String key = setting.key();
        Setting<?> secretSetting = setting.secretOf().orElseThrow();
        String value = trimmed(params, key);
        // Never echoed back, not even after an error: the secret must not appear in any page.
        String secret = trimmed(params, secretSetting.key());
        if (!secret.isEmpty()) {
            typedSecrets.add(secretSetting.key());
        }
        boolean changed = !value.equals(shown.put(key, value));
        Optional<LocalizedText> objection;
        if (value.isEmpty()) {
            if (!secret.isEmpty()) {
                errors.put(key, LocalizedText.of("settings.error." + key + "_missing"));
            } else if (changed) {
                changes.putAll(cleared(key));
            }
        } else if ((objection = check(setting, value)).isPresent()) {
            errors.put(key, objection.get());
        } else if (!secret.isEmpty()) {
            Optional<LocalizedText> secretError = check(secretSetting, secret);
            if (secretError.isPresent()) {
                errors.put(secretSetting.key(), secretError.get());
            } else {
                changes.put(key, value);
                changes.put(secretSetting.key(), secret);
            }
        } else if (changed && (objection = keptSecretRefused(setting, secretSetting, value)).isPresent()) {
            errors.put(secretSetting.key(), objection.get());
        } else if (changed) {
            changes.put(key, value);
        }
    }

    /**
     * A secret is sent only to the address it was entered for (SecretBinding): where the value is that address (the
     * endpoint), a new one needs the secret typed again, and a file's secret goes with the file's value only. Where
     * it is not (an ID), a console secret stays; a file's ID has no console secret to keep, and an API secret is due.
     */
    private Optional<LocalizedText> keptSecretRefused(Setting<?> setting, Setting<?> secret, String value) {
        boolean fromConsole = source(setting) == SettingSource.CONSOLE;
        String refused = "settings.error." + secret.key();
        if (secret.address().orElseThrow() == setting) {
            return !secretSet(secret) ? Optional.empty()
                    : Optional.of(LocalizedText.of(refused + (fromConsole ? "_reenter" : "_from_file")));
        }
        return fromConsole ? Optional.empty() : Optional.of(LocalizedText.of(refused + "_missing", value));
    }

    private void readUrl(Function<String, String> params) {
        String choice = trimmed(params, GA_ENDPOINT_CHOICE);
        String typed = trimmed(params, Setting.GOOGLE_ANALYTICS_URL.key());
        String current = shown(Setting.GOOGLE_ANALYTICS_URL.key());
        // A URL typed over the one shown wins over the select: whoever typed it meant it.
        String url = typed.equals(current) && GOOGLE_ENDPOINTS.containsKey(choice)
                ? GOOGLE_ENDPOINTS.get(choice).toString() : typed;
        if (!choice.isEmpty()) {
            shown.put(GA_ENDPOINT_CHOICE, choice);
        }
        shown.put(Setting.GOOGLE_ANALYTICS_URL.key(), url);
        if (url.equals(current)) {
            return;
        }
        if (url.isEmpty()) {
            changes.put(Setting.GOOGLE_ANALYTICS_URL.key(), "");
            return;
        }
        Optional<LocalizedText> error = check(Setting.GOOGLE_ANALYTICS_URL, url);
        if (error.isPresent()) {
            errors.put(Setting.GOOGLE_ANALYTICS_URL.key(), error.get());
            return;
        }
        // An API secret is sent only to the address it was entered for (SecretBinding; Google's own hosts count
        // as one): another URL needs it typed again in the same save, unless the ID is being removed.
        boolean idKept = !shown(Setting.TRACKING_ID.key()).isEmpty();
        if (secretSet(Setting.TRACKING_SECRET) && idKept && !typed(Setting.TRACKING_SECRET.key())
                && !Setting.TRACKING_SECRET.needsNoBindingTo(URI.create(url))) {
            errors.put(Setting.TRACKING_SECRET.key(), LocalizedText.of("settings.error.tracking_secret_reenter"));
            return;
        }
        changes.put(Setting.GOOGLE_ANALYTICS_URL.key(), url);
    }

    private void readCategories(Function<String, String> params) {
        if (params.apply(CATEGORIES_SHOWN) == null) {
            return; // a form without the boxes says nothing about them
        }
        Set<ReportCategory> ticked = EnumSet.noneOf(ReportCategory.class);
        for (ReportCategory category : ReportCategory.values()) {
            if (params.apply(CATEGORY_PREFIX + category.configName()) != null) {
                ticked.add(category);
            }
        }
        if (!ticked.equals(categories)) {
            changes.put(Setting.CATEGORIES.key(),
                    ticked.isEmpty() ? ConsoleSettings.NO_CATEGORIES : ReportCategory.namesOf(ticked));
        }
        categories = ticked;
    }

    /** A console value dropped with the secret stored beside it, so that the file's value (or the default) applies. */
    static Map<String, String> cleared(String key) {
        Map<String, String> cleared = new LinkedHashMap<>();
        cleared.put(key, "");
        Setting.byKey(key).flatMap(Setting::secretOf).ifPresent(secret -> cleared.put(secret.key(), ""));
        return cleared;
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
