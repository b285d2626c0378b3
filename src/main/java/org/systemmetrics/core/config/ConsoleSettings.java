package org.systemmetrics.core.config;

import java.util.Map;
import java.util.Optional;

/**
 * Settings saved in the admin console, stored as Openfire system properties (so cluster-wide). Each one
 * that is present overrides the file's value for that key. Values are stored as text: timers in ms,
 * {@code report} as {@code true}/{@code false}.
 */
public interface ConsoleSettings {
    String REPORT = "report";
    String INITIAL_REPORT = "initial_report";
    String PERIODIC_REPORT = "periodic_report";
    String TRACKING_ID = "tracking_id";
    String TRACKING_SECRET = "tracking_secret";
    String GOOGLE_ANALYTICS_URL = "google_analytics_url";
    String REPORT_ENDPOINT = "report_endpoint";
    /** Stored encrypted, like the API secret; only used with a console {@link #REPORT_ENDPOINT}. */
    String REPORT_ENDPOINT_TOKEN = "report_endpoint_token";
    /** Comma-separated category names; {@link #NO_CATEGORIES} for none (an empty value means "use the file's"). */
    String CATEGORIES = "categories";
    String NO_CATEGORIES = "none";

    ConsoleSettings NONE = key -> Optional.empty();

    Optional<String> get(String key);

    static ConsoleSettings of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return key -> Optional.ofNullable(copy.get(key));
    }
}
