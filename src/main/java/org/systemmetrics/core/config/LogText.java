package org.systemmetrics.core.config;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.systemmetrics.core.text.Texts;

/**
 * How a value from a configuration file may appear in a log line: on one line, shortened, and for values that
 * may be secret only by its shape, never quoted.
 */
public final class LogText {
    private static final Texts TEXTS = Texts.of(LogText.class);
    static final int MAX_CHARS = 60;
    private static final Pattern KEY_LIKE = Pattern.compile("[a-z0-9_.-]{1,40}");
    /** A lone surrogate too: it is no character, and a log reader may show it as anything. */
    private static final Set<Integer> UNPRINTED = Set.of((int) Character.CONTROL, (int) Character.FORMAT,
            (int) Character.LINE_SEPARATOR, (int) Character.PARAGRAPH_SEPARATOR, (int) Character.SURROGATE);

    private LogText() {
    }

    /** The text in quotes, with line breaks and other control characters escaped, cut to {@value #MAX_CHARS}. */
    public static String quoted(String text) {
        return '"' + oneLine(text, MAX_CHARS) + '"';
    }

    /** One line, at most {@code max} characters (then "…"); control and format characters become \\uXXXX. */
    public static String oneLine(String text, int max) {
        String shown = text.codePoints().limit(max).mapToObj(cp -> UNPRINTED.contains(Character.getType(cp))
                ? String.format("\\u%04x", cp) : Character.toString(cp)).collect(Collectors.joining());
        return text.codePoints().skip(max).findAny().isPresent() ? shown + '…' : shown;
    }

    /**
     * An unknown key as the log may name it: in quotes when it looks like a key (lower case, digits, {@code _ - .}),
     * else by its shape, since a secret pasted where a key belongs must not be echoed.
     */
    public static String keyOrShape(String key) {
        return KEY_LIKE.matcher(key).matches() ? "'" + key + "'" : "(" + shape(key) + ")";
    }

    /** What a possibly secret text looks like, without any of its characters: "a text of 16 characters". */
    public static String shape(String text) {
        int length = text.codePointCount(0, text.length());
        return length < 2 ? TEXTS.get(length == 0 ? "shown.empty_text" : "shown.text_of_one")
                : TEXTS.get("shown.text_of", length);
    }

    /** A URL outside the settings form: scheme and host only, as a capability URL carries its secret in the path. */
    public static String address(URI url) {
        String scheme = url.getScheme() == null ? "?" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost() == null ? TEXTS.get("shown.no_host") : url.getHost().toLowerCase(Locale.ROOT);
        return oneLine(scheme + "://" + host, 120);
    }
}
