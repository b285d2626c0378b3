package org.systemmetrics.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.delivery.DeliveryOutcome;

/** A snapshot of the service for the admin console: safe to read from any thread. */
public final class ServiceStatus {
    private final ConsentDecision.State state;
    private final ServiceConfig config;
    private final Instant nextReportAt;
    private final List<DeliveryOutcome> lastOutcomes;
    private final Instant sendingSince;
    private final NodeRole lastRole;
    private final boolean reportFileWritten;

    ServiceStatus(ConsentDecision.State state, ServiceConfig config, Instant nextReportAt,
            List<DeliveryOutcome> lastOutcomes, Instant sendingSince, NodeRole lastRole, boolean reportFileWritten) {
        this.state = state;
        this.config = config;
        this.nextReportAt = nextReportAt;
        this.lastOutcomes = List.copyOf(lastOutcomes);
        this.sendingSince = sendingSince;
        this.lastRole = lastRole;
        this.reportFileWritten = reportFileWritten;
    }

    public ConsentDecision.State state() {
        return state;
    }

    public boolean runs() {
        return state.runs();
    }

    public ServiceConfig config() {
        return config;
    }

    /** Empty while the service does not run. */
    public Optional<Instant> nextReportAt() {
        return Optional.ofNullable(nextReportAt);
    }

    /** When the delivery under way started: the report file's write is done, its destinations have not all answered. */
    public Optional<Instant> sendingSince() {
        return Optional.ofNullable(sendingSince);
    }

    public List<DeliveryOutcome> lastOutcomes() {
        return lastOutcomes;
    }

    /** This node's role at the last report run; a lone server before the first. */
    public NodeRole lastRole() {
        return lastRole;
    }

    /** Whether the last report made could be written to the report file (a logs folder may refuse it); true before. */
    public boolean reportFileWritten() {
        return reportFileWritten;
    }
}
