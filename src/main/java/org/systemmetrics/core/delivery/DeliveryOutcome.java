package org.systemmetrics.core.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What happened to one report at one destination, and for a validation what its validation server objected to. */
public final class DeliveryOutcome {
    private final String destination;
    private final Instant startedAt;
    private final Duration duration;
    private final int requests;
    private final int httpStatus;
    private final DeliveryFailure failure;
    private final List<ValidationMessage> validationMessages;

    /**
     * @param requests how many POSTs were made, retries included
     * @param httpStatus the last HTTP status seen, or 0 when no response arrived
     * @param failure null when it succeeded
     */
    public DeliveryOutcome(String destination, Instant startedAt, Duration duration, int requests, int httpStatus,
            DeliveryFailure failure, List<ValidationMessage> validationMessages) {
        this.destination = Objects.requireNonNull(destination, "destination");
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
        this.duration = Objects.requireNonNull(duration, "duration");
        this.requests = requests;
        this.httpStatus = httpStatus;
        this.failure = failure;
        this.validationMessages = List.copyOf(validationMessages);
    }

    public boolean succeeded() {
        return failure == null;
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

    public int requests() {
        return requests;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Why it failed, in English, its secrets already masked. */
    public Optional<String> error() {
        return failure().map(DeliveryFailure::text);
    }

    public Optional<DeliveryFailure> failure() {
        return Optional.ofNullable(failure);
    }

    /** In request order; empty for a delivery. */
    public List<ValidationMessage> validationMessages() {
        return validationMessages;
    }
}
