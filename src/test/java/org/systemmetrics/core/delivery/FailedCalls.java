package org.systemmetrics.core.delivery;

import java.time.Duration;
import java.util.List;

/** A call that failed with an exception, named as the sender names it, for tests outside this package. */
public final class FailedCalls {
    private FailedCalls() {
    }

    public static DeliveryFailure.Unanswered unanswered(Exception e, String host) {
        return new DeliveryFailure.Unanswered(DeliveryFailure.of(e, host, new SecretMasker(List.of()),
                Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }
}
