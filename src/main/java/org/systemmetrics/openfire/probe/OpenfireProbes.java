package org.systemmetrics.openfire.probe;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.systemmetrics.core.report.Collector;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.openfire.seam.OpenfireServer;

/**
 * Every collector of the report, in report order, plus the stanza counter's registration with Openfire's
 * packet path. The counter is registered only while the {@code stanzas} category is on ({@link #apply}), so an
 * administrator who switched it off has no interceptor on the packet path at all; {@link #close()} removes it
 * when the plugin unloads.
 */
public final class OpenfireProbes implements AutoCloseable {
    /** This plugin's canonical name (the jar name), so it never counts itself as a custom plugin. */
    static final String OWN_CANONICAL_NAME = "systemmetrics";

    private final OpenfireServer server;
    private final StanzaCounter counter = new StanzaCounter();
    private final List<Collector> collectors;
    private OpenfireServer.Registration stanzaRegistration;
    private RuntimeException notCounting;
    private boolean closed;

    private OpenfireProbes(OpenfireServer server, String pluginVersion, Supplier<String> configType, Clock clock) {
        this.server = server;
        KnownPlugins known = KnownPlugins.bundled();
        this.collectors = List.of(
                new ClusterCollector(server, pluginVersion, configType, clock),
                new PluginProbe(server, known),
                new CustomModuleProbe(server, known),
                new ProviderProbe(server),
                new ListenerProbe(server),
                new HttpApiProbe(server),
                new ServiceProbe(server),
                new StanzaProbe(counter, this::whyNotCounting));
    }

    /** Builds the collectors and starts counting stanzas, as with every category on. */
    public static OpenfireProbes start(OpenfireServer server, String pluginVersion, Supplier<String> configType,
            Clock clock) {
        return start(server, pluginVersion, configType, clock, ReportCategory.all());
    }

    /**
     * Builds the collectors and counts stanzas if {@code categories} has {@code stanzas}. Never fails because of
     * Openfire: if the packet interceptor cannot be registered, only the stanza events are missing, with the cause
     * in the report's one-time warning.
     */
    public static OpenfireProbes start(OpenfireServer server, String pluginVersion, Supplier<String> configType,
            Clock clock, Set<ReportCategory> categories) {
        OpenfireProbes probes = new OpenfireProbes(server, pluginVersion, configType, clock);
        probes.apply(categories);
        return probes;
    }

    public List<Collector> collectors() {
        return collectors;
    }

    /**
     * Follows the administrator's choice of categories: registers the stanza counter when {@code stanzas} is on
     * and removes it when it is off. Counts go on from where they were when it is switched on again.
     */
    public synchronized void apply(Set<ReportCategory> categories) {
        if (closed) {
            return;
        }
        boolean wanted = categories.contains(ReportCategory.STANZAS);
        if (wanted && stanzaRegistration == null) {
            try {
                stanzaRegistration = server.addPacketInterceptor(counter);
                notCounting = null;
            } catch (RuntimeException e) {
                notCounting = e;
            }
        } else if (!wanted) {
            removeInterceptor();
            notCounting = null;
        }
    }

    private synchronized RuntimeException whyNotCounting() {
        if (notCounting != null) {
            return notCounting;
        }
        return stanzaRegistration == null ? new IllegalStateException("stanzas are not being counted") : null;
    }

    /** Stops counting stanzas; safe to call more than once. */
    @Override
    public synchronized void close() {
        closed = true;
        removeInterceptor();
    }

    private void removeInterceptor() {
        if (stanzaRegistration != null) {
            OpenfireServer.Registration registration = stanzaRegistration;
            stanzaRegistration = null;
            registration.close();
        }
    }
}
