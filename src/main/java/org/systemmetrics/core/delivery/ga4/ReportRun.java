package org.systemmetrics.core.delivery.ga4;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * What every destination's sender of one report shares: the transport and the way it waits, the secrets to
 * mask, when the report's delivery started and when it must end.
 */
final class ReportRun {
    private final Ga4Transport transport;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;
    private final SecretMasker masker;
    private final Instant startedAt;
    private final Instant deadline;

    ReportRun(Ga4Transport transport, Clock clock, Sleeper sleeper, DoubleSupplier jitter, SecretMasker masker,
            Duration budget) {
        this.transport = transport;
        this.clock = clock;
        this.sleeper = sleeper;
        this.jitter = jitter;
        this.masker = masker;
        this.startedAt = clock.instant();
        this.deadline = startedAt.plus(budget);
    }

    Ga4Transport transport() {
        return transport;
    }

    Instant now() {
        return clock.instant();
    }

    void sleep(Duration wait) throws InterruptedException {
        sleeper.sleep(wait);
    }

    double jitter() {
        return jitter.getAsDouble();
    }

    SecretMasker masker() {
        return masker;
    }

    Instant startedAt() {
        return startedAt;
    }

    Instant deadline() {
        return deadline;
    }

    Duration elapsed() {
        Duration elapsed = Duration.between(startedAt, clock.instant());
        return elapsed.isNegative() ? Duration.ZERO : elapsed;
    }
}
