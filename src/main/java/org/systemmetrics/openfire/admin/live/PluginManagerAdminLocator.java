package org.systemmetrics.openfire.admin.live;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.PluginName;
import org.systemmetrics.openfire.admin.AdminLocator;
import org.systemmetrics.openfire.admin.SystemMetricsAdmin;
import org.systemmetrics.openfire.admin.SystemMetricsAdminHost;

/**
 * Finds this plugin's facade per request: Openfire creates the servlet first and may reload the plugin while the
 * servlet lives on. Only calls stable from 4.2.0 to 5.1.x: {@code getPlugin(String)} is gone in 5.0.
 */
public final class PluginManagerAdminLocator implements AdminLocator {
    private static final Logger LOG = LoggerFactory.getLogger(PluginManagerAdminLocator.class);

    private final Supplier<PluginManager> pluginManager;

    PluginManagerAdminLocator(Supplier<PluginManager> pluginManager) {
        this.pluginManager = Objects.requireNonNull(pluginManager, "pluginManager");
    }

    public static AdminLocator openfire() {
        return new PluginManagerAdminLocator(() -> XMPPServer.getInstance().getPluginManager());
    }

    @Override
    public Optional<SystemMetricsAdmin> find() {
        try {
            PluginManager manager = pluginManager.get();
            if (manager == null) {
                return Optional.empty();
            }
            for (Plugin plugin : manager.getPlugins()) {
                if (plugin instanceof SystemMetricsAdminHost
                        && PluginName.CANONICAL.equals(manager.getCanonicalName(plugin))) {
                    return ((SystemMetricsAdminHost) plugin).admin();
                }
            }
            return Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("System metrics: the admin page could not find the plugin ({}).", e.toString());
            return Optional.empty();
        }
    }
}
