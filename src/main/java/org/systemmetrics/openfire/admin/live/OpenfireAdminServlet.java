package org.systemmetrics.openfire.admin.live;

import java.time.Clock;
import org.systemmetrics.openfire.admin.SystemMetricsAdminServlet;

/**
 * The admin page as Openfire creates it, with the no-arg constructor named in {@code web/WEB-INF/web.xml}
 * (before the plugin is initialised): the page wired to Openfire's plugin manager, i18n, security audit log and
 * time zone. Kept here so that the page itself, in {@code admin}, imports nothing that calls Openfire.
 */
public final class OpenfireAdminServlet extends SystemMetricsAdminServlet {
    private static final long serialVersionUID = 1L;

    public OpenfireAdminServlet() {
        super(PluginManagerAdminLocator.openfire(), new OpenfireMessages(), new OpenfireAuditLog(), Clock.systemUTC(),
                OpenfireTimeZone::current);
    }
}
