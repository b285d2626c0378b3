package org.systemmetrics.core;

import java.time.Instant;
import java.util.List;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.delivery.DeliveryOutcome;

/** Lets admin-page tests build the status snapshot the service would publish. */
public final class ServiceStatusFixture {
    private ServiceStatusFixture() {
    }

    public static ServiceStatus status(ConsentDecision.State state, ServiceConfig config, Instant nextReportAt,
            List<DeliveryOutcome> lastOutcomes) {
        return new ServiceStatus(state, config, nextReportAt, lastOutcomes, null, null);
    }

    public static ServiceStatus sending(ConsentDecision.State state, ServiceConfig config, Instant nextReportAt,
            Instant sendingSince) {
        return new ServiceStatus(state, config, nextReportAt, List.of(), sendingSince, null);
    }
}
