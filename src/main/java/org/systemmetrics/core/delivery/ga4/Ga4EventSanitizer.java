package org.systemmetrics.core.delivery.ga4;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.text.Texts;

/**
 * Makes a report's events acceptable to GA4 (what GA would drop is left out, long strings shortened, booleans made
 * strings): Google answers 2xx to almost anything and then silently drops what breaks its rules. Each problem is
 * logged once for the life of this object, since the same collector produces it at every report.
 */
final class Ga4EventSanitizer {
    private static final Logger LOG = LoggerFactory.getLogger(Ga4EventSanitizer.class);
    private static final Texts TEXTS = Texts.of(Ga4EventSanitizer.class);
    private static final String ELLIPSIS = "\u2026";
    /** Problems are keyed by event and parameter name, a small set; the cap only guards against surprises. */
    private static final int MAX_REMEMBERED_PROBLEMS = 1_000;

    private static final int MAX_PARAMS_PER_EVENT = 25;
    private static final int MAX_NAME_LENGTH = 40;
    private static final int MAX_VALUE_LENGTH = 100;

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final List<String> RESERVED_PREFIXES = List.of("google_", "ga_", "firebase_");
    /**
     * Reserved for any stream type in Google's "event naming rules" or the Measurement Protocol reference, since we
     * cannot know the property's type; "view_complete" (web list) probably means "video_complete": both are kept.
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
    /** Session and engagement names are accepted by the Measurement Protocol but steer GA's own figures. */
    private static final Set<String> RESERVED_PARAM_NAMES =
            Set.of("firebase_conversion", "engagement_time_msec", "gclid", "session_id", "session_number");

    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    // Plain loops here and in the name checks: streams cost a quarter more allocation per report (docs/performance.md).
    List<Event> sanitize(List<Event> events) {
        List<Event> sanitized = new ArrayList<>(events.size());
        for (Event event : events) {
            Optional<Event> kept = sanitize(event);
            if (kept.isPresent()) {
                sanitized.add(kept.get());
            }
        }
        return sanitized;
    }

    private Optional<Event> sanitize(Event event) {
        String eventName = event.name();
        Optional<String> nameProblem = eventNameProblem(eventName);
        if (nameProblem.isPresent()) {
            warnOnce("event:" + eventName,
                    () -> TEXTS.get("sanitize.event_left_out", printable(eventName), nameProblem.get()));
            return Optional.empty();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> overflow = new ArrayList<>();
        for (Map.Entry<String, Object> param : event.params().entrySet()) {
            String key = param.getKey();
            Optional<String> keyProblem = paramNameProblem(key);
            if (keyProblem.isPresent()) {
                warnOnce("param:" + eventName + "." + key,
                        () -> TEXTS.get("sanitize.param_left_out", printable(key), eventName, keyProblem.get()));
                continue;
            }
            Optional<Object> value = sendable(eventName, key, param.getValue());
            if (value.isEmpty()) {
                continue;
            }
            if (params.size() == MAX_PARAMS_PER_EVENT) {
                overflow.add(key);
            } else {
                params.put(key, value.get());
            }
        }
        if (!overflow.isEmpty()) {
            warnOnce("overflow:" + eventName,
                    () -> TEXTS.get("sanitize.too_many_params", eventName, MAX_PARAMS_PER_EVENT, overflow));
        }
        return Optional.of(Event.of(eventName, params));
    }

    private Optional<Object> sendable(String eventName, String key, Object value) {
        if (value instanceof Boolean) {
            // GA4 keeps only string and number parameter values.
            return Optional.of(value.toString());
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                warnOnce("number:" + eventName + "." + key,
                        () -> TEXTS.get("sanitize.not_a_number", key, eventName, value));
                return Optional.empty();
            }
            return Optional.of(value);
        }
        if (value instanceof String && ((String) value).length() > MAX_VALUE_LENGTH) {
            if (firstTime("long:" + eventName + "." + key)) {
                LOG.info(TEXTS.get("sanitize.shortened", key, eventName, MAX_VALUE_LENGTH));
            }
            return Optional.of(shorten((String) value));
        }
        return Optional.of(value);
    }

    /**
     * Keeps the start, marks the cut, and never splits a surrogate pair; the same input always gives the same output.
     */
    static String shorten(String value) {
        int keep = MAX_VALUE_LENGTH - ELLIPSIS.length();
        if (Character.isHighSurrogate(value.charAt(keep - 1))) {
            keep--;
        }
        return value.substring(0, keep) + ELLIPSIS;
    }

    /** The text is made only the first time. */
    private void warnOnce(String problem, Supplier<String> text) {
        if (firstTime(problem)) {
            LOG.warn(text.get());
        }
    }

    private boolean firstTime(String key) {
        return reported.size() < MAX_REMEMBERED_PROBLEMS && reported.add(key);
    }

    /** Names that break the rules may hold anything; keep log lines on one line and short. */
    private static String printable(String name) {
        String flat = name.replaceAll("\\p{Cntrl}", "?");
        return '"' + (flat.length() > 60 ? flat.substring(0, 60) + ELLIPSIS : flat) + '"';
    }

    static Optional<String> eventNameProblem(String name) {
        return nameProblem(name).or(() -> reserved(name, RESERVED_EVENT_NAMES, true));
    }

    static Optional<String> paramNameProblem(String name) {
        return nameProblem(name).or(() -> reserved(name, RESERVED_PARAM_NAMES, false));
    }

    private static Optional<String> nameProblem(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return Optional.of(TEXTS.get("name.length", MAX_NAME_LENGTH));
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.of(TEXTS.get("name.characters"));
        }
        return Optional.empty();
    }

    // Compared without case: GA's own checks are case-sensitive, but dropping "Error" too costs nothing and
    // spares us guessing how every GA surface treats case.
    private static Optional<String> reserved(String name, Set<String> reservedNames, boolean event) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (reservedNames.contains(lower)) {
            return Optional.of(event ? TEXTS.get("name.reserved_event") : TEXTS.get("name.reserved_param"));
        }
        for (String prefix : RESERVED_PREFIXES) {
            if (lower.startsWith(prefix)) {
                return Optional.of(TEXTS.get("name.reserved_prefix", prefix));
            }
        }
        return Optional.empty();
    }
}
