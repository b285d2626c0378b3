package org.systemmetrics.openfire.admin;

/**
 * The page's text in the administrator's language. As in Openfire, only a text with arguments goes through
 * {@link java.text.MessageFormat}, so only such texts write an apostrophe as {@code ''}.
 */
@FunctionalInterface
public interface Messages {
    String get(String key, Object... args);

    /**
     * Whether {@code text} is shown as written even when arguments are passed: formatting a text without a
     * placeholder would drop its single apostrophes (I18nFilesTest holds such texts to single ones).
     */
    static boolean asWritten(String text, Object... args) {
        return args.length == 0 || !text.contains("{");
    }
}
