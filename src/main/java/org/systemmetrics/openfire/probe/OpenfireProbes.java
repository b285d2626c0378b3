package org.systemmetrics.openfire.probe;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.systemmetrics.core.report.Collector;
import org.systemmetrics.openfire.seam.OpenfireServer;

/**
 * Every collector of the report, in report order, plus the stanza counter's registration with Openfire's
 * packet path, which is there only while reporting is on ({@link #countStanzas}) and is removed by
 * {@link #close()} when the plugin unloads.
 */
public final class OpenfireProbes implements AutoCloseable {
    /** This plugin's canonical name (the jar name), so it never counts itself as a custom plugin. */
    static final String OWN_CANONICAL_NAME = "systemmetrics";

    private final List<Collector> collectors;
    private final StanzaCounting stanzas;

    private OpenfireProbes(List<Collector> collectors, StanzaCounting stanzas) {
        this.collectors = List.copyOf(collectors);
        this.stanzas = stanzas;
    }

    /**
     * Builds the collectors; stanzas are counted from {@link #countStanzas countStanzas(true)} on. Never fails
     * because of Openfire: if the packet interceptor cannot be registered, only the stanza events are missing,
     * with the cause in the report's one-time warning.
     */
    public static OpenfireProbes start(OpenfireServer server, String pluginVersion, Supplier<String> configType,
            Clock clock) {
        KnownPlugins known = KnownPlugins.bundled();
        StanzaCounter counter = new StanzaCounter();
        StanzaCounting stanzas = new StanzaCounting(server, counter);
        return new OpenfireProbes(List.of(
                new ClusterCollector(server, pluginVersion, configType, clock),
                new PluginProbe(server, known),
                new CustomModuleProbe(server, known),
                new ProviderProbe(server),
                new ListenerProbe(server),
                new HttpApiProbe(server),
                new ServiceProbe(server),
                new StanzaProbe(counter, stanzas::notCounting)), stanzas);
    }

    public List<Collector> collectors() {
        return collectors;
    }

    /**
     * Puts the stanza counter on Openfire's packet path (true) or takes it off (false); called on the reporter
     * thread whenever reporting switches on or off. Never throws.
     */
    public void countStanzas(boolean on) {
        if (on) {
            stanzas.start();
        } else {
            stanzas.stop();
        }
    }

    /** Stops counting stanzas; safe to call more than once. */
    @Override
    public void close() {
        stanzas.stop();
    }
}
