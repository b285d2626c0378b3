package org.systemmetrics.openfire;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This plugin's version, filtered from the pom into a resource at build time. */
final class PluginVersion {
    private PluginVersion() {
    }

    static String read() {
        Properties properties = new Properties();
        try (InputStream in = PluginVersion.class.getResourceAsStream("plugin.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // fall through: an unknown version is reported as such rather than failing the plugin
        }
        String version = properties.getProperty("version", "unknown");
        return version.startsWith("${") ? "unknown" : version;
    }
}
