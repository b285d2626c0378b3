package org.systemmetrics.core.delivery.ga4;

import java.util.List;
import java.util.Map;
import org.systemmetrics.core.ReportDestinations;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.delivery.Delivery;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.delivery.Recipients;
import org.systemmetrics.core.report.Report;

/** The delivery as the service drives it: the destinations of a configuration, handed to the one sender. */
final class TestDelivery implements AutoCloseable {
    private final Delivery delivery;
    private final ReportDestinations destinations;

    TestDelivery(Delivery delivery, ReportDestinations destinations) {
        this.delivery = delivery;
        this.destinations = destinations;
    }

    List<DeliveryOutcome> deliver(Report report, ServiceConfig config) {
        return delivery.deliver(report, destinations.apply(config).destinations());
    }

    List<DeliveryOutcome> validate(Report report, ServiceConfig config) {
        return delivery.validate(report, destinations.apply(config).destinations());
    }

    /** Who receives reports under {@code config}, and the words that name them. */
    Recipients recipients(ServiceConfig config) {
        return destinations.apply(config);
    }

    /** The one sender, as the service is given it. */
    Delivery delivery() {
        return delivery;
    }

    Map<String, List<DeliveryOutcome>> history() {
        return delivery.recentOutcomes();
    }

    List<DeliveryOutcome> historyOf(String destination) {
        return history().getOrDefault(destination, List.of());
    }

    @Override
    public void close() {
        delivery.close();
    }
}
