package org.systemmetrics.core.delivery;

import java.util.List;
import java.util.Map;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.report.Report;

/**
 * Sends a finished report to every destination the configuration names. Never throws, and returns within
 * its own time budget whatever the destinations do.
 */
public interface ReportDelivery extends AutoCloseable {
    /** Delivers nowhere: the air-gapped mode, where the report file is the only output. */
    ReportDelivery NONE = new ReportDelivery() {
        @Override
        public List<DeliveryOutcome> deliver(Report report, ServiceConfig config) {
            return List.of();
        }

        @Override
        public String describeDestinations(ServiceConfig config) {
            return "no Google Analytics property (none is configured, so reports are only written to the file)";
        }
    };

    List<DeliveryOutcome> deliver(Report report, ServiceConfig config);

    /** Where reports go under this configuration, in words for the consent notice and the admin page. */
    String describeDestinations(ServiceConfig config);

    /**
     * Who receives reports under this configuration, for the consent notice. By default the administrator's own
     * destinations are those {@link #destinationIds} names; a delivery that knows the project's property says so.
     */
    default Recipients recipients(ServiceConfig config) {
        return new Recipients(describeDestinations(config), false, !destinationIds(config).isEmpty());
    }

    /**
     * Where reports go under this configuration as the history names them (masked: never a secret or token);
     * empty when nothing is sent.
     */
    default List<String> destinationIds(ServiceConfig config) {
        return List.of();
    }

    /**
     * What the destinations would object to in this report, without recording it anywhere; one outcome per
     * destination that can check, so empty when none can.
     */
    default List<DeliveryOutcome> validate(Report report, ServiceConfig config) {
        return List.of();
    }

    /** The last deliveries per masked destination, newest first. */
    default Map<String, List<DeliveryOutcome>> recentOutcomes() {
        return Map.of();
    }

    /** Aborts anything in flight; called when the plugin unloads. */
    @Override
    default void close() {
    }
}
