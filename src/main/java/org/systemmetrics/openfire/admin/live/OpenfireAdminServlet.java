package org.systemmetrics.openfire.admin.live;

import java.time.Clock;
import java.time.ZoneId;
import org.jivesoftware.util.JiveGlobals;
import org.systemmetrics.openfire.admin.SystemMetricsAdminServlet;

/**
 * The admin page as Openfire creates it (named in {@code web/WEB-INF/web.xml}, before the plugin is initialised),
 * wired to Openfire's adapters, so that the page itself, in {@code admin}, imports nothing that calls Openfire.
 */
public final class OpenfireAdminServlet extends SystemMetricsAdminServlet {
    private static final long serialVersionUID = 1L;

    public OpenfireAdminServlet() {
        super(PluginManagerAdminLocator.openfire(), new OpenfireMessages(), new OpenfireAuditLog(), Clock.systemUTC(),
                OpenfireAdminServlet::timeZone);
    }

    /** The time zone set in Openfire (Server Settings); read per page so a change shows at once. */
    static ZoneId timeZone() {
        try {
            return JiveGlobals.getTimeZone().toZoneId();
        } catch (RuntimeException | LinkageError e) {
            return ZoneId.systemDefault();
        }
    }
}
