package org.systemmetrics.openfire.probe;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.systemmetrics.core.report.Collector;
import org.systemmetrics.openfire.seam.OpenfireServer;

/**
 * Every collector of the report, in report order, plus the stanza counter's registration with Openfire's
 * packet path, which must be undone with {@link #close()} when the plugin unloads.
 */
public final class OpenfireProbes implements AutoCloseable {
    /** This plugin's canonical name (the jar name), so it never counts itself as a custom plugin. */
    static final String OWN_CANONICAL_NAME = "systemmetrics";

    private final List<Collector> collectors;
    private OpenfireServer.Registration stanzaRegistration;

    private OpenfireProbes(List<Collector> collectors, OpenfireServer.Registration stanzaRegistration) {
        this.collectors = List.copyOf(collectors);
        this.stanzaRegistration = stanzaRegistration;
    }

    /**
     * Builds the collectors and starts counting stanzas. Never fails because of Openfire: if the packet
     * interceptor cannot be registered, only the stanza events are missing, with the cause in the report's
     * one-time warning.
     */
    public static OpenfireProbes start(OpenfireServer server, String pluginVersion, Supplier<String> configType,
            Clock clock) {
        KnownPlugins known = KnownPlugins.bundled();
        StanzaCounter counter = new StanzaCounter();
        OpenfireServer.Registration registration = null;
        RuntimeException notCounting = null;
        try {
            registration = server.addPacketInterceptor(counter);
        } catch (RuntimeException e) {
            notCounting = e;
        }
        return new OpenfireProbes(List.of(
                new ClusterCollector(server, pluginVersion, configType, clock),
                new PluginProbe(server, known),
                new CustomModuleProbe(server, known),
                new ProviderProbe(server),
                new ListenerProbe(server),
                new HttpApiProbe(server),
                new ServiceProbe(server),
                new StanzaProbe(counter, notCounting)), registration);
    }

    public List<Collector> collectors() {
        return collectors;
    }

    /** Stops counting stanzas; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (stanzaRegistration != null) {
            OpenfireServer.Registration registration = stanzaRegistration;
            stanzaRegistration = null;
            registration.close();
        }
    }
}
