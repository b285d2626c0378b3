package org.systemmetrics.core.delivery.ga4;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.report.Event;

/**
 * Makes a report's events acceptable to GA4: events and parameters GA would drop are left out, long
 * strings are shortened, booleans become strings. Each problem is logged once for the life of this object,
 * not on every report, because the same collector produces the same problem every few hours.
 */
final class Ga4EventSanitizer {
    private static final Logger LOG = LoggerFactory.getLogger(Ga4EventSanitizer.class);
    static final String ELLIPSIS = "\u2026";
    /** Problems are keyed by event and parameter name, a small set; the cap only guards against surprises. */
    private static final int MAX_REMEMBERED_PROBLEMS = 1_000;

    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    List<Event> sanitize(List<Event> events) {
        return events.stream().map(this::sanitize).flatMap(Optional::stream).collect(Collectors.toList());
    }

    private Optional<Event> sanitize(Event event) {
        String eventName = event.name();
        Optional<String> nameProblem = Ga4Limits.eventNameProblem(eventName);
        if (nameProblem.isPresent()) {
            warnOnce("event:" + eventName, "System metrics: the event {} is left out of what is sent to Google "
                    + "Analytics ({}); it stays in the report file.", printable(eventName), nameProblem.get());
            return Optional.empty();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> overflow = new ArrayList<>();
        for (Map.Entry<String, Object> param : event.params().entrySet()) {
            String key = param.getKey();
            Optional<String> keyProblem = Ga4Limits.paramNameProblem(key);
            if (keyProblem.isPresent()) {
                warnOnce("param:" + eventName + "." + key, "System metrics: parameter {} of event {} is left out of "
                        + "what is sent to Google Analytics ({}).", printable(key), eventName, keyProblem.get());
                continue;
            }
            Optional<Object> value = sendable(eventName, key, param.getValue());
            if (value.isEmpty()) {
                continue;
            }
            if (params.size() == Ga4Limits.MAX_PARAMS_PER_EVENT) {
                overflow.add(key);
            } else {
                params.put(key, value.get());
            }
        }
        if (!overflow.isEmpty()) {
            warnOnce("overflow:" + eventName, "System metrics: event {} has more than {} parameters, the most Google "
                    + "Analytics keeps; these are not sent: {}.", eventName, Ga4Limits.MAX_PARAMS_PER_EVENT, overflow);
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
                warnOnce("number:" + eventName + "." + key, "System metrics: parameter {} of event {} is {}, which "
                        + "JSON cannot carry; it is not sent.", key, eventName, value);
                return Optional.empty();
            }
            return Optional.of(value);
        }
        if (value instanceof String && ((String) value).length() > Ga4Limits.MAX_VALUE_LENGTH) {
            if (firstTime("long:" + eventName + "." + key)) {
                LOG.info("System metrics: parameter {} of event {} is longer than the {} characters Google Analytics "
                        + "keeps; it is sent shortened (the report file has it in full).", key, eventName,
                        Ga4Limits.MAX_VALUE_LENGTH);
            }
            return Optional.of(shorten((String) value));
        }
        return Optional.of(value);
    }

    /** Keeps the start, marks the cut, and never splits a surrogate pair; the same input always gives the same output. */
    static String shorten(String value) {
        int keep = Ga4Limits.MAX_VALUE_LENGTH - ELLIPSIS.length();
        if (Character.isHighSurrogate(value.charAt(keep - 1))) {
            keep--;
        }
        return value.substring(0, keep) + ELLIPSIS;
    }

    private void warnOnce(String key, String format, Object... args) {
        if (firstTime(key)) {
            LOG.warn(format, args);
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
}
