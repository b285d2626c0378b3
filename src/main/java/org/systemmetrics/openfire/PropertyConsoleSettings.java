package org.systemmetrics.openfire;

import java.util.Optional;
import org.systemmetrics.core.config.ConsoleSettings;
import org.systemmetrics.openfire.seam.OpenfireServer;
import org.systemmetrics.openfire.seam.SystemPropertyRegistrar;

/**
 * Admin-console settings kept as Openfire system properties ({@code systemmetrics.<key>}), so they live in
 * the database and apply on every cluster node. The API secret is stored encrypted.
 */
public final class PropertyConsoleSettings implements ConsoleSettings {
    public static final String PREFIX = SystemPropertyRegistrar.PREFIX;

    private final OpenfireServer server;

    public PropertyConsoleSettings(OpenfireServer server) {
        this.server = server;
    }

    public static String propertyName(String key) {
        return SystemPropertyRegistrar.propertyName(key);
    }

    @Override
    public Optional<String> get(String key) {
        return server.property(propertyName(key));
    }

    @Override
    public String describe(String key) {
        return "admin console setting " + key + " (system property " + propertyName(key) + ")";
    }

    public void set(String key, String value) {
        server.setProperty(propertyName(key), value, isSecret(key));
    }

    /** The values stored encrypted and never shown: the API secret and the endpoint's token. */
    public static boolean isSecret(String key) {
        return TRACKING_SECRET.equals(key) || REPORT_ENDPOINT_TOKEN.equals(key);
    }

    public void reset(String key) {
        server.deleteProperty(propertyName(key));
    }
}
