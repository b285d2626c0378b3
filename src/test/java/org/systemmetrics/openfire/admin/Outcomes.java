package org.systemmetrics.openfire.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.core.delivery.DeliveryFailure;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.delivery.ValidationMessage;

/** What a delivery or a validation produced, as values, for the tests of how the page shows them. */
final class Outcomes {
    static final Instant NOW = Instant.parse("2025-03-14T09:26:53Z");
    static final String CLUSTER_ID = "0b5f3c4e-8d2a-4c71-9e6b-2f7a1d9c3e55";

    private Outcomes() {
    }

    static DeliveryOutcome ok(String destination, Instant at) {
        return new DeliveryOutcome(destination, at, Duration.ofMillis(182), 1, 204, null, List.of());
    }

    /** A failure whose whole text is {@code error} (a kind whose page text is its fact alone). */
    static DeliveryOutcome failed(String destination, Instant at, String error) {
        return new DeliveryOutcome(destination, at, Duration.ofMillis(10_012), 3, 503,
                DeliveryFailure.of(DeliveryFailure.Kind.STOPPED, destination, error), List.of());
    }

    /** A failure named by its cause, as the real senders return it. */
    static DeliveryOutcome failedWith(String destination, Instant at, DeliveryFailure why) {
        return new DeliveryOutcome(destination, at, Duration.ofMillis(3_021), why.tries(), 0, why, List.of());
    }

    /** What a lone server's Send now did. */
    static SystemMetricsAdmin.Sent sent(boolean fileWritten, DeliveryOutcome... outcomes) {
        return new SystemMetricsAdmin.Sent(List.of(outcomes), fileWritten, NodeRole.ALONE);
    }

    /** A destination checked by GA's validation server, which answered the first request with these messages. */
    static DeliveryOutcome checked(String destination, Instant at, ValidationMessage... messages) {
        return new DeliveryOutcome(destination, at, Duration.ofMillis(95), 1, 200, null, List.of(messages));
    }
}
