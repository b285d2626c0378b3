package org.systemmetrics.openfire.probe;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reduces a plugin's version string to numbers and a release status ({@code 1.2.3}, {@code 1.2.3-beta2}).
 * A locally built plugin can carry anything in its version (a company or host name in a qualifier), so only
 * the parts that cannot identify anyone are kept.
 */
final class VersionText {
    static final String UNKNOWN = "unknown";

    private static final Pattern SHAPE = Pattern.compile(
            "(\\d{1,9}(?:\\.\\d{1,9}){0,3})(?:[ ._-]?(alpha|beta|rc|release candidate|snapshot) ?(\\d{1,4})?\\b)?",
            Pattern.CASE_INSENSITIVE);

    private VersionText() {
    }

    static String sanitize(String version) {
        Matcher matcher = SHAPE.matcher(version == null ? "" : version.trim());
        if (!matcher.lookingAt()) {
            return UNKNOWN;
        }
        StringBuilder text = new StringBuilder(matcher.group(1));
        if (matcher.group(2) != null) {
            String status = matcher.group(2).toLowerCase(Locale.ROOT);
            text.append('-').append(status.equals("release candidate") ? "rc" : status);
            if (matcher.group(3) != null) {
                text.append(matcher.group(3));
            }
        }
        return text.toString();
    }
}
