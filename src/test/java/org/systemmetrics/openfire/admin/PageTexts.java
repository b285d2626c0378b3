package org.systemmetrics.openfire.admin;

import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The page's English texts by message key, for tests that meet the page in a real Openfire (the real-server suite):
 * rendered from the bundle and escaped as the page renders them, so a test names the text it expects by its key.
 */
public final class PageTexts {
    private static final BundleMessages ENGLISH = BundleMessages.english();

    private PageTexts() {
    }

    /** The text as a browser shows it. */
    public static String text(String key, Object... args) {
        return ENGLISH.get(key, args);
    }

    /** The text as it stands in the page's HTML. */
    public static String html(String key, Object... args) {
        return Html.escape(text(key, args));
    }

    /** The text in the page's HTML, its argument {@code {n}} matched by the regular expression {@code arguments[n]}. */
    public static Pattern htmlPattern(String key, String... arguments) {
        String regex = Pattern.quote(html(key, IntStream.range(0, arguments.length).mapToObj(PageTexts::mark).toArray()));
        for (int n = 0; n < arguments.length; n++) {
            regex = regex.replace(mark(n), "\\E" + arguments[n] + "\\Q");
        }
        return Pattern.compile(regex);
    }

    private static String mark(int n) {
        return "\u0001" + n + "\u0001";
    }
}
