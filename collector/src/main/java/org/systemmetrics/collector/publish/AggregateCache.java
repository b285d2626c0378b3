package org.systemmetrics.collector.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Serves the last aggregates while they are younger than the configured age, so a busy dashboard costs one
 * computation per period; the first request after that computes them again, one at a time.
 */
public final class AggregateCache {
    private final Aggregator aggregator;
    private final Clock clock;
    private final Duration maxAge;
    private Aggregates current;
    private Instant computedAt;

    public AggregateCache(Aggregator aggregator, Clock clock, Duration maxAge) {
        this.aggregator = aggregator;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /**
     * Drops the kept aggregates, so the next request computes them again: called after an erasure, which the docs
     * promise is gone from the next aggregates this process publishes.
     */
    public synchronized void invalidate() {
        current = null;
    }

    public synchronized Aggregates get() {
        Instant now = clock.instant();
        if (current == null || maxAge.isZero() || !now.isBefore(computedAt.plus(maxAge))) {
            current = aggregator.compute();
            computedAt = now;
        }
        return current;
    }
}
