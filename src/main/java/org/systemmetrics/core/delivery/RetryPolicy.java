package org.systemmetrics.core.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import org.systemmetrics.core.text.Texts;

/**
 * How often to try and how long to wait first. Waits grow exponentially with jitter, so many servers that failed
 * together do not come back together; a server's Retry-After is honoured up to a ceiling.
 */
public final class RetryPolicy {
    private static final Texts TEXTS = Texts.of(RetryPolicy.class);
    /** Three tries, waiting about 1 s and then 2 s; Retry-After is believed up to 10 s. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(10));

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxRetryAfter;

    public RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(TEXTS.get("policy.attempts", maxAttempts));
        }
        this.maxAttempts = maxAttempts;
        this.initialBackoff = positive(initialBackoff, "initialBackoff");
        this.maxBackoff = positive(maxBackoff, "maxBackoff");
        this.maxRetryAfter = positive(maxRetryAfter, "maxRetryAfter");
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** @param jitter a number in [0, 1); the wait is between half and all of the exponential step */
    public Duration backoff(int failedAttempts, Optional<Duration> retryAfter, double jitter) {
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get().isNegative() ? Duration.ZERO : retryAfter.get();
            return asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked;
        }
        Duration step = initialBackoff;
        for (int i = 1; i < failedAttempts && step.compareTo(maxBackoff) < 0; i++) {
            step = step.multipliedBy(2);
        }
        long stepMillis = (step.compareTo(maxBackoff) > 0 ? maxBackoff : step).toMillis();
        double clamped = Math.min(Math.max(jitter, 0.0), 1.0);
        return Duration.ofMillis(stepMillis / 2 + Math.round(stepMillis / 2.0 * clamped));
    }

    /** Reads a Retry-After header: seconds, or an HTTP date (RFC 1123). Empty when absent or unreadable. */
    public static Optional<Duration> parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration wait = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    static Duration positive(Duration value, String name) {
        if (Objects.requireNonNull(value, name).isNegative() || value.isZero()) {
            throw new IllegalArgumentException(TEXTS.get("policy.not_positive", name, value));
        }
        return value;
    }
}
