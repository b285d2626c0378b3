package org.systemmetrics.core;

import java.time.Instant;
import java.util.List;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.report.Report;

/** Lets admin-page tests build the status snapshot the service would publish. */
public final class ServiceStatusFixture {
    private ServiceStatusFixture() {
    }

    public static ServiceStatus status(ConsentDecision.State state, ServiceConfig config, Instant nextReportAt,
            Report lastReport, List<DeliveryOutcome> lastOutcomes) {
        return new ServiceStatus(state, config, nextReportAt, lastReport, lastOutcomes, null, null);
    }

    public static ServiceStatus sending(ConsentDecision.State state, ServiceConfig config, Instant nextReportAt,
            Instant sendingSince) {
        return new ServiceStatus(state, config, nextReportAt, null, List.of(), sendingSince, null);
    }
}
