package org.systemmetrics.core.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one report at one destination: as shown in the delivery history, and, for a check against
 * GA's validation server, with what that server objected to.
 */
public final class DeliveryOutcome {
    private final String destination;
    private final Instant startedAt;
    private final Duration duration;
    private final int requests;
    private final int httpStatus;
    private final String error;
    private final DeliveryFailure failure;
    private final List<ValidationMessage> validationMessages;

    public DeliveryOutcome(String destination, Instant startedAt, Duration duration, int requests, int httpStatus,
            String error, List<ValidationMessage> validationMessages) {
        this(destination, startedAt, duration, requests, httpStatus, error, null, validationMessages);
    }

    /** @param failure null when none; its administrator's words become {@link #error()} */
    public static DeliveryOutcome of(String destination, Instant startedAt, Duration duration, int requests,
            int httpStatus, DeliveryFailure failure, List<ValidationMessage> validationMessages) {
        return new DeliveryOutcome(destination, startedAt, duration, requests, httpStatus,
                failure == null ? null : failure.text(), failure, validationMessages);
    }

    private DeliveryOutcome(String destination, Instant startedAt, Duration duration, int requests, int httpStatus,
            String error, DeliveryFailure failure, List<ValidationMessage> validationMessages) {
        this.failure = failure;
        this.destination = Objects.requireNonNull(destination, "destination");
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
        this.duration = Objects.requireNonNull(duration, "duration");
        this.requests = requests;
        this.httpStatus = httpStatus;
        this.error = error;
        this.validationMessages = List.copyOf(validationMessages);
    }

    public static DeliveryOutcome success(String destination, Instant startedAt, Duration duration, int requests,
            int httpStatus) {
        return new DeliveryOutcome(destination, startedAt, duration, requests, httpStatus, null, List.of());
    }

    public static DeliveryOutcome failure(String destination, Instant startedAt, Duration duration, int requests,
            int httpStatus, String error) {
        return new DeliveryOutcome(destination, startedAt, duration, requests, httpStatus,
                Objects.requireNonNull(error, "error"), List.of());
    }

    public boolean succeeded() {
        return error == null;
    }

    /** For a validation: every request was answered and none drew a message. */
    public boolean valid() {
        return succeeded() && validationMessages.isEmpty();
    }

    /** E.g. the measurement ID; never the API secret. */
    public String destination() {
        return destination;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Duration duration() {
        return duration;
    }

    /** How many POSTs were made, retries included. */
    public int requests() {
        return requests;
    }

    /** The last HTTP status seen, or 0 when no response arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Why it failed (network, HTTP status, unreadable answer) in an administrator's words, already masked. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** Present when a sender named the failure (it always does). */
    public Optional<DeliveryFailure> failure() {
        return Optional.ofNullable(failure);
    }

    /** What GA's validation server objected to, in request order; empty for a delivery. */
    public List<ValidationMessage> validationMessages() {
        return validationMessages;
    }

    @Override
    public String toString() {
        String messages = validationMessages.isEmpty() ? ""
                : ", " + validationMessages.size() + " validation messages: " + validationMessages;
        return destination + (succeeded() ? " ok" : " failed: " + error) + " (HTTP " + httpStatus + ", " + requests
                + " requests, " + duration.toMillis() + " ms" + messages + ")";
    }
}
