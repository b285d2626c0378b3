package org.systemmetrics.openfire.admin;

/**
 * The page's text in the administrator's language. In Openfire this is the plugin's i18n bundle via
 * {@code LocaleUtils}; tests pass the bundle files directly, so they run without a server.
 *
 * <p>Like Openfire, a text is run through {@link java.text.MessageFormat} only when arguments are given, so
 * texts with arguments write an apostrophe as {@code ''} and texts without write it as {@code '}.
 */
@FunctionalInterface
public interface Messages {
    String get(String key, Object... args);
}
