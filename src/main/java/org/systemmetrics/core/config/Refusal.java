package org.systemmetrics.core.config;

import java.util.List;
import java.util.Objects;

/**
 * Why a value of a setting is refused: the same reason in English for openfire.log and as the admin console's
 * message key with its arguments. The English text never quotes a value that may be secret; the console's
 * arguments are shown only to the administrator who typed them.
 */
public final class Refusal {
    private final String reason;
    private final String messageKey;
    private final List<String> arguments;

    /** @param reason to follow "key 'x' ...: " in a log line */
    public Refusal(String reason, String messageKey, String... arguments) {
        this.reason = Objects.requireNonNull(reason, "reason");
        this.messageKey = Objects.requireNonNull(messageKey, "messageKey");
        this.arguments = List.of(arguments);
    }

    public String messageKey() {
        return messageKey;
    }

    public List<String> arguments() {
        return arguments;
    }

    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return messageKey + ": " + reason;
    }
}
