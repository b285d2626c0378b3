package org.systemmetrics.core.delivery.ga4;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the GA4 Measurement Protocol accepts. Google answers 2xx to almost anything and then silently drops
 * what breaks these rules, so they are enforced here, before sending.
 */
final class Ga4Limits {
    static final int MAX_EVENTS_PER_REQUEST = 25;
    static final int MAX_PARAMS_PER_EVENT = 25;
    static final int MAX_NAME_LENGTH = 40;
    static final int MAX_VALUE_LENGTH = 100;
    /** Google says "smaller than 130kB"; counting a kB as 1000 bytes keeps us under either reading. */
    static final int MAX_BODY_BYTES = 130_000;

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final List<String> RESERVED_PREFIXES = List.of("google_", "ga_", "firebase_");
    /**
     * The union of the Measurement Protocol reference and the web and app lists of Google's "event naming
     * rules": a name reserved for any stream type is never sent, since we cannot know the property's type.
     * Google's web list says "view_complete" where "video_complete" is probably meant; both are kept.
     */
    private static final Set<String> RESERVED_EVENT_NAMES = Set.of(
            "ad_activeview", "ad_click", "ad_exposure", "ad_impression", "ad_query", "ad_reward", "adunit_exposure",
            "app_background", "app_clear_data", "app_exception", "app_install", "app_remove", "app_store_refund",
            "app_store_subscription_cancel", "app_store_subscription_convert", "app_store_subscription_renew",
            "app_update", "app_upgrade", "click", "dynamic_link_app_open", "dynamic_link_app_update",
            "dynamic_link_first_open", "error", "file_download", "firebase_campaign",
            "firebase_in_app_message_action", "firebase_in_app_message_dismiss", "firebase_in_app_message_impression",
            "first_open", "first_visit", "form_start", "form_submit", "in_app_purchase", "notification_dismiss",
            "notification_foreground", "notification_open", "notification_receive", "notification_send", "os_update",
            "page_view", "screen_view", "scroll", "session_start", "session_start_with_rollout", "user_engagement",
            "video_complete", "video_progress", "video_start", "view_complete", "view_search_results");
    /**
     * Google's reserved parameter names. Session and engagement names are accepted by the Measurement Protocol
     * but steer GA's own session and engagement figures, which a usage report never means to do.
     */
    private static final Set<String> RESERVED_PARAM_NAMES =
            Set.of("firebase_conversion", "engagement_time_msec", "gclid", "session_id", "session_number");

    private Ga4Limits() {
    }

    /** Why GA would reject this event name, or empty when it is acceptable. */
    static Optional<String> eventNameProblem(String name) {
        return nameProblem(name).or(() -> reserved(name, RESERVED_EVENT_NAMES, "event name"));
    }

    /** Why GA would reject this parameter name, or empty when it is acceptable. */
    static Optional<String> paramNameProblem(String name) {
        return nameProblem(name).or(() -> reserved(name, RESERVED_PARAM_NAMES, "parameter name"));
    }

    private static Optional<String> nameProblem(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return Optional.of("it must be 1 to " + MAX_NAME_LENGTH + " characters long");
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.of("it must start with a letter and hold only letters, digits and underscores");
        }
        return Optional.empty();
    }

    // Compared without case: GA's own checks are case-sensitive, but dropping "Error" too costs nothing and
    // spares us guessing how every GA surface treats case.
    private static Optional<String> reserved(String name, Set<String> reservedNames, String what) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (reservedNames.contains(lower)) {
            return Optional.of("it is a " + what + " Google Analytics reserves");
        }
        return RESERVED_PREFIXES.stream().filter(lower::startsWith).findFirst()
                .map(prefix -> "the prefix " + prefix + " is reserved by Google Analytics");
    }
}
