package org.systemmetrics.openfire.admin;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.systemmetrics.core.config.ConsoleSettings;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.config.Setting;
import org.systemmetrics.core.config.SettingSource;
import org.systemmetrics.core.config.TrackingId;
import org.systemmetrics.core.report.ReportCategory;

/**
 * The effective settings as the form shows them, each with its source, built from the service's own
 * {@link ServiceConfig} so the two never disagree. Holds no secret, only whether one is set.
 */
final class SettingsView {
    /** Values of the {@code report} select. */
    static final String REPORT = "report";
    static final String NO_REPORT = "no_report";
    /** Neither chosen: the file's entry says nothing (consent notice), or there is no usable entry. */
    static final String UNDECIDED = "";
    /** Values of the Google Analytics endpoint select; {@link #ENDPOINT_CUSTOM} takes the URL field. */
    static final String ENDPOINT_GLOBAL = "global";
    static final String ENDPOINT_EU = "eu";
    static final String ENDPOINT_CUSTOM = "custom";

    private final ServiceConfig config;

    SettingsView(ServiceConfig config) {
        this.config = config;
    }

    String reportChoice() {
        switch (config.consent()) {
            case ON:
                return REPORT;
            case OFF:
                return NO_REPORT;
            default:
                return UNDECIDED;
        }
    }

    TimerInput timer(Setting<?> timer) {
        return TimerInput.display(millis(timer));
    }

    long millis(Setting<?> timer) {
        return ((Duration) config.get(timer)).toMillis();
    }

    /** The first private measurement ID, or "" when none; the console holds one, a file may list several. */
    String trackingId() {
        return config.trackingIds().isEmpty() ? "" : config.trackingIds().get(0).measurementId();
    }

    /** Measurement IDs beyond the first, from the file; shown read-only. */
    List<String> moreTrackingIds() {
        return config.trackingIds().stream().skip(1).map(TrackingId::measurementId).collect(Collectors.toList());
    }

    /** The core accepts an ID only with a secret, so an effective ID means an effective secret. */
    boolean secretSet() {
        return !config.trackingIds().isEmpty();
    }

    /** A secret stored in the console can be kept when the ID changes; a file's secret stays in the file. */
    boolean consoleSecretStored() {
        return source(ConsoleSettings.TRACKING_ID) == SettingSource.CONSOLE;
    }

    String googleAnalyticsUrl() {
        return config.googleAnalyticsUrl().toString();
    }

    /** Which of Google's endpoints is in use, or {@link #ENDPOINT_CUSTOM} for any other URL. */
    String googleAnalyticsEndpointChoice() {
        if (config.googleAnalyticsUrl().equals(ServiceConfig.DEFAULT_GOOGLE_ANALYTICS_URL)) {
            return ENDPOINT_GLOBAL;
        }
        return config.googleAnalyticsUrl().equals(ServiceConfig.EU_GOOGLE_ANALYTICS_URL) ? ENDPOINT_EU : ENDPOINT_CUSTOM;
    }

    String reportEndpoint() {
        return config.reportEndpoint().map(e -> e.url().toString()).orElse("");
    }

    boolean endpointTokenSet() {
        return config.reportEndpoint().flatMap(e -> e.token()).isPresent();
    }

    /** A console token goes with a console endpoint only (as the API secret goes with a console ID). */
    boolean consoleEndpointTokenStored() {
        return source(ConsoleSettings.REPORT_ENDPOINT) == SettingSource.CONSOLE && endpointTokenSet();
    }

    Set<ReportCategory> categories() {
        return config.categories();
    }

    /** No configuration file in conf/: what is not set in the console is the plugin's shipped default. */
    boolean fromShippedDefault() {
        return config.origin().file().isEmpty();
    }

    SettingSource source(String key) {
        return config.sourceOf(key);
    }
}
