package org.systemmetrics.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = RetryPolicy.DEFAULT;

    @Test
    void onlyWhatCanSucceedLaterIsRetried() {
        assertThat(DeliveryFailure.ofStatus(429, "h").retryable()).isTrue();
        assertThat(DeliveryFailure.ofStatus(500, "h").retryable()).isTrue();
        assertThat(DeliveryFailure.ofStatus(503, "h").retryable()).isTrue();
        assertThat(DeliveryFailure.ofStatus(400, "h").retryable()).isFalse();
        assertThat(DeliveryFailure.ofStatus(403, "h").retryable()).isFalse();
        assertThat(DeliveryFailure.ofStatus(301, "h").retryable()).isFalse();
        assertThat(policy.maxAttempts()).isEqualTo(3);
    }

    @Test
    void theWaitDoublesWithJitterUpToItsCeiling() {
        assertThat(policy.backoff(1, Optional.empty(), 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.backoff(1, Optional.empty(), 1.0)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.backoff(2, Optional.empty(), 0.0)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.backoff(3, Optional.empty(), 0.5)).isEqualTo(Duration.ofMillis(3000));
        assertThat(policy.backoff(30, Optional.empty(), 1.0)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void retryAfterIsHonouredUpToItsCeiling() {
        assertThat(policy.backoff(1, Optional.of(Duration.ofSeconds(4)), 0.7)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoff(1, Optional.of(Duration.ofHours(1)), 0.7)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void retryAfterIsReadInSecondsOrAsADate() {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");

        assertThat(RetryPolicy.parseRetryAfter("7", now)).contains(Duration.ofSeconds(7));
        assertThat(RetryPolicy.parseRetryAfter("Wed, 01 Jan 2025 00:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(RetryPolicy.parseRetryAfter("Tue, 31 Dec 2024 23:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryPolicy.parseRetryAfter("soon", now)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter(null, now)).isEmpty();
    }

    @Test
    void aPolicyThatCouldNeverSendIsRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("maxAttempts");
    }
}
