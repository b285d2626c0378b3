package org.systemmetrics.openfire.admin;

import java.util.Optional;

/**
 * Implemented by the plugin class, so the admin servlet (which Openfire creates itself, before the plugin is
 * initialised) can reach the service through the plugin manager instead of through a static field.
 */
public interface SystemMetricsAdminHost {

    /** The service's facade; empty before {@code initializePlugin} has finished and after {@code destroyPlugin}. */
    Optional<SystemMetricsAdmin> admin();
}
