package org.systemmetrics.core.delivery.ga4;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What every destination's job of one report shares: the requests, where, when it started and must end. */
final class ReportRun {
    private final URI endpoint;
    private final List<Ga4Request> requests;
    private final Clock clock;
    private final Instant startedAt;
    private final Instant deadline;
    private final SecretMasker masker;

    ReportRun(URI endpoint, List<Ga4Request> requests, Clock clock, Duration budget, SecretMasker masker) {
        this.endpoint = endpoint;
        this.requests = List.copyOf(requests);
        this.clock = clock;
        this.startedAt = clock.instant();
        this.deadline = startedAt.plus(budget);
        this.masker = masker;
    }

    URI endpoint() {
        return endpoint;
    }

    List<Ga4Request> requests() {
        return requests;
    }

    Instant startedAt() {
        return startedAt;
    }

    Instant deadline() {
        return deadline;
    }

    SecretMasker masker() {
        return masker;
    }

    Duration elapsed() {
        Duration elapsed = Duration.between(startedAt, clock.instant());
        return elapsed.isNegative() ? Duration.ZERO : elapsed;
    }
}
