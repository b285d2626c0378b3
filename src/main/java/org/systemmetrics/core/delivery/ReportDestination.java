package org.systemmetrics.core.delivery;

import org.systemmetrics.core.report.Report;

/**
 * Somewhere a report is sent. Implementations never throw and never block beyond their own time budget:
 * they return what happened, so one failing destination cannot delay or stop another.
 */
public interface ReportDestination {
    /** How the destination is shown to an administrator; never contains a secret. */
    String describe();

    DeliveryOutcome deliver(Report report);
}
