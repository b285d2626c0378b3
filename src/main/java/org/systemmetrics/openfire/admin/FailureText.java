package org.systemmetrics.openfire.admin;

import org.systemmetrics.core.delivery.DeliveryFailure;
import org.systemmetrics.core.delivery.DeliveryOutcome;

/**
 * A failed delivery or check in the administrator's words and language: the failure's kind picks the text
 * ({@link DeliveryFailure.Kind#key()}), its facts fill it in. The technical detail stays in openfire.log.
 */
final class FailureText {
    private FailureText() {
    }

    /** Empty for an outcome that did not fail. */
    static String of(Messages messages, DeliveryOutcome outcome) {
        return outcome.failure().map(failure -> failure.text(messages::get)).orElseGet(() -> outcome.error().orElse(""));
    }
}
