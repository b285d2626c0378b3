package org.systemmetrics.openfire.admin;

import javax.servlet.http.HttpServletRequest;

/** Records what an administrator changed or triggered, where Openfire keeps its admin audit trail. */
@FunctionalInterface
public interface AuditLog {
    /** @param details never contains the API secret */
    void record(HttpServletRequest request, String summary, String details);
}
