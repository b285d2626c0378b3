package org.systemmetrics.openfire.admin;

import java.util.Optional;

/** Finds the service facade for one request; empty while the plugin is starting or stopping. */
@FunctionalInterface
public interface AdminLocator {
    Optional<SystemMetricsAdmin> find();
}
