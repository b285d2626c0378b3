package org.systemmetrics.openfire.seam;

import static org.systemmetrics.openfire.seam.OpenfireCall.call;

import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.openfire.container.PluginMetadata;
import org.jivesoftware.openfire.container.PluginMetadataHelper;
import org.jivesoftware.util.Version;

/**
 * Lists the loaded plugins. Only calls that are identical in 4.2.0 and 4.8-5.1 are used: iterating
 * {@code getPlugins()} with {@code getCanonicalName(Plugin)}, and the version from {@code PluginMetadata};
 * {@code PluginManager.getPlugin(String)} (gone in 5.0) and the per-plugin String getters (gone in 4.9) are
 * avoided.
 */
final class PluginReader {
    private PluginReader() {
    }

    static List<InstalledPlugin> installedPlugins() {
        return call("PluginManager.getPlugins()", () -> {
            PluginManager manager = XMPPServer.getInstance().getPluginManager();
            List<InstalledPlugin> plugins = new ArrayList<>();
            for (Plugin plugin : manager.getPlugins()) {
                String canonicalName = manager.getCanonicalName(plugin);
                if (canonicalName != null) {
                    plugins.add(new InstalledPlugin(canonicalName, version(manager, canonicalName, plugin)));
                }
            }
            return List.copyOf(plugins);
        });
    }

    private static String version(PluginManager manager, String canonicalName, Plugin plugin) {
        PluginMetadata metadata = manager.getMetadata(canonicalName);
        Version version = metadata != null ? metadata.getVersion() : PluginMetadataHelper.getVersion(plugin);
        return version == null ? "" : version.getVersionString();
    }
}
