package org.systemmetrics.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.systemmetrics.collector.CollectorConfig;
import org.systemmetrics.collector.testing.MutableClock;

class RateLimiterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T12:00:00Z"));

    @Test
    void aBurstIsTakenThenPermitsComeBackAtTheRateAndIdleAddressesAreForgotten() {
        RateLimiter limiter = new RateLimiter(clock, 3, 60, Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("192.0.2.1")).isZero();
        }
        assertThat(limiter.tryAcquire("192.0.2.1")).isEqualTo(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("192.0.2.2")).isZero(); // another address has its own bucket
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("192.0.2.1")).isZero();
        limiter.forgetRefilled();
        assertThat(limiter.size()).isEqualTo(1); // 192.0.2.2 has refilled and is forgotten
        clock.advance(Duration.ofSeconds(3));
        limiter.forgetRefilled();
        assertThat(limiter.size()).isZero();
    }

    /** The minute's sweep, not the next request, forgets an address: a quiet collector holds none for long. */
    @Test
    void anAddressIsHeldUntilTheSweepAfterItsBucketRefillsEvenWithNoFurtherRequest() {
        RateLimiter limiter = new RateLimiter(clock, 3, 60, Duration.ofMinutes(1));
        limiter.tryAcquire("192.0.2.1");
        limiter.forgetRefilled();
        assertThat(limiter.size()).isEqualTo(1); // its bucket is not full yet

        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.size()).isEqualTo(1);
        limiter.forgetRefilled();
        assertThat(limiter.size()).isZero();
    }

    @Test
    void aFloodOfDistinctAddressesHoldsNoMoreThanTheCapAndNewOnesWaitUntilRoomIsMade() {
        RateLimiter limiter = new RateLimiter(clock, 2, 60, Duration.ofMinutes(1), 100);
        int refused = 0;
        for (int i = 0; i < 10_000; i++) {
            if (!limiter.tryAcquire("2001:db8::" + Integer.toHexString(i)).isZero()) {
                refused++;
            }
        }
        assertThat(limiter.size()).isLessThanOrEqualTo(100);
        assertThat(refused).isEqualTo(10_000 - 100);
        // Keys already held keep their own budget; once buckets have refilled they are forgotten and room is made.
        assertThat(limiter.tryAcquire("2001:db8::0")).isZero();
        clock.advance(Duration.ofSeconds(2));
        assertThat(limiter.tryAcquire("192.0.2.9")).isZero();
    }

    @Test
    void anAddressRefusedOnlyBecauseTheLimiterIsFullIsNotToldItSentTooMany() throws Exception {
        IngestService ingest = new IngestService(CollectorConfig.of(Map.of()), null, null, clock);
        for (int i = 0; i < RateLimiter.DEFAULT_MAX_KEYS; i++) {
            ingest.admitAddress("2001:db8::" + Integer.toHexString(i));
        }
        assertThatThrownBy(() -> ingest.admitAddress("192.0.2.1")).isInstanceOf(Rejection.class)
                .hasMessageContaining("or from too many addresses at once");
    }
}
