package org.systemmetrics.core.delivery;

import java.util.List;
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

    /** Aborts anything in flight; called when the plugin unloads. */
    @Override
    default void close() {
    }
}
