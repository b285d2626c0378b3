package org.systemmetrics.core.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What happened to one report at one destination, as shown in the delivery history. */
public final class DeliveryOutcome {
    private final String destination;
    private final Instant startedAt;
    private final Duration duration;
    private final int requests;
    private final int httpStatus;
    private final String error;

    public DeliveryOutcome(String destination, Instant startedAt, Duration duration, int requests, int httpStatus,
            String error) {
        this.destination = Objects.requireNonNull(destination, "destination");
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
        this.duration = Objects.requireNonNull(duration, "duration");
        this.requests = requests;
        this.httpStatus = httpStatus;
        this.error = error;
    }

    public static DeliveryOutcome success(String destination, Instant startedAt, Duration duration, int requests,
            int httpStatus) {
        return new DeliveryOutcome(destination, startedAt, duration, requests, httpStatus, null);
    }

    public static DeliveryOutcome failure(String destination, Instant startedAt, Duration duration, int requests,
            int httpStatus, String error) {
        return new DeliveryOutcome(destination, startedAt, duration, requests, httpStatus,
                Objects.requireNonNull(error, "error"));
    }

    public boolean succeeded() {
        return error == null;
    }

    /** The masked destination, e.g. the measurement ID; never the API secret. */
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

    /** The last HTTP status seen, or 0 when no response arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    @Override
    public String toString() {
        return destination + (succeeded() ? " ok" : " failed: " + error) + " (HTTP " + httpStatus + ", " + requests
                + " requests, " + duration.toMillis() + " ms)";
    }
}
