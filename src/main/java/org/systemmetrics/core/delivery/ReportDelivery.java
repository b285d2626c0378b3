package org.systemmetrics.core.delivery;

import java.util.List;
import java.util.Map;
import org.systemmetrics.core.report.Report;

/**
 * What the service asks of delivery ({@link Delivery}, or a test's double), knowing nothing of the configuration.
 * Never throws, and returns within its own time budget whatever the destinations do.
 */
@FunctionalInterface
public interface ReportDelivery extends AutoCloseable {
    /** One outcome per destination that something of this report was sent to, in the destinations' order. */
    List<DeliveryOutcome> deliver(Report report, List<Destination> destinations);

    /** What their validation servers object to, without recording it; one outcome per destination that can check. */
    default List<DeliveryOutcome> validate(Report report, List<Destination> destinations) {
        return List.of();
    }

    default Map<String, List<DeliveryOutcome>> recentOutcomes() {
        return Map.of();
    }

    /** Aborts anything in flight; called when the plugin unloads. */
    @Override
    default void close() {
    }
}
