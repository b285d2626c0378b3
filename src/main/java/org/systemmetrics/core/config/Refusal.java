package org.systemmetrics.core.config;

import java.util.List;
import java.util.Objects;

/**
 * Why a value of a setting is refused: the admin console's message key (with its arguments) and the same reason
 * in English for openfire.log. The English text never quotes a value that may be secret; the console's
 * arguments are shown only to the administrator who typed them.
 */
public final class Refusal {
    private final String messageKey;
    private final List<String> arguments;
    private final String reason;

    public Refusal(String messageKey, List<String> arguments, String reason) {
        this.messageKey = Objects.requireNonNull(messageKey, "messageKey");
        this.arguments = List.copyOf(arguments);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public String messageKey() {
        return messageKey;
    }

    public List<String> arguments() {
        return arguments;
    }

    /** To follow "key 'x' ...: " in a log line. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return messageKey + ": " + reason;
    }
}
