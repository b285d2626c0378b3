package org.systemmetrics.openfire.admin;

/**
 * The page's text in the administrator's language. As in Openfire, only a text with arguments goes through
 * {@link java.text.MessageFormat}, so only such texts write an apostrophe as {@code ''}.
 */
@FunctionalInterface
public interface Messages {
    String get(String key, Object... args);
}
