package org.systemmetrics.openfire.admin;

import java.util.Optional;

/** The plugin class, so the servlet Openfire creates reaches the service through the plugin manager, not a static. */
public interface SystemMetricsAdminHost {

    /** The service's facade; empty before {@code initializePlugin} has finished and after {@code destroyPlugin}. */
    Optional<SystemMetricsAdmin> admin();
}
