package org.systemmetrics.core.delivery.ga4;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What GA's validation server said about a report for one destination. {@link #valid()} only when every
 * request was answered and none drew a message; an error means the check itself could not be made.
 */
public final class ValidationResult {
    private final String destination;
    private final int requests;
    private final List<ValidationMessage> messages;
    private final String error;

    public ValidationResult(String destination, int requests, List<ValidationMessage> messages, String error) {
        this.destination = Objects.requireNonNull(destination, "destination");
        this.requests = requests;
        this.messages = List.copyOf(messages);
        this.error = error;
    }

    /** The measurement ID; never the API secret. */
    public String destination() {
        return destination;
    }

    /** How many requests the report was sent in. */
    public int requests() {
        return requests;
    }

    public List<ValidationMessage> messages() {
        return messages;
    }

    /** Why the check could not be completed (network, HTTP status, unreadable answer), already masked and cut short. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    public boolean valid() {
        return error == null && messages.isEmpty();
    }

    @Override
    public String toString() {
        return destination + (error != null ? " not checked: " + error
                : messages.isEmpty() ? " valid" : " " + messages.size() + " validation messages: " + messages)
                + " (" + requests + " requests)";
    }
}
