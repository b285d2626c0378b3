package org.systemmetrics.core.config;

import java.util.Objects;

/**
 * An unquoted word where Erlang needs a quoted text, such as {@code UA-XXXX-Y} in MongooseIM's announcement
 * ({@code {tracking_id, UA-XXXX-Y}}). Read only where a tracking ID is expected, so that the rest of the entry
 * still applies and the ID itself is refused with a message naming {@code tracking_id}.
 */
final class BareWord {
    private final String text;

    BareWord(String text) {
        this.text = Objects.requireNonNull(text, "text");
    }

    String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
