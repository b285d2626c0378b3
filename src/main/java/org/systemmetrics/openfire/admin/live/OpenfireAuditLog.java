package org.systemmetrics.openfire.admin.live;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;
import org.jivesoftware.openfire.auth.AuthToken;
import org.jivesoftware.openfire.security.SecurityAuditManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.openfire.admin.AuditLog;

/** Openfire's security audit log; a failure to record is logged and never stops the action itself. */
public final class OpenfireAuditLog implements AuditLog {
    /** Where the admin console keeps the logged-in administrator's token (AuthCheckFilter, 4.2.0 to 5.1.x). */
    static final String AUTH_TOKEN_ATTRIBUTE = "jive.admin.authToken";
    private static final Logger LOG = LoggerFactory.getLogger(OpenfireAuditLog.class);

    @Override
    public void record(HttpServletRequest request, String summary, String details) {
        try {
            SecurityAuditManager.getInstance().logEvent(username(request), summary, details);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("System metrics: could not record '{}' in the security audit log ({}).", summary, e.toString());
        }
    }

    private static String username(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object token = session == null ? null : session.getAttribute(AUTH_TOKEN_ATTRIBUTE);
        return token instanceof AuthToken ? ((AuthToken) token).getUsername() : "admin console";
    }
}
