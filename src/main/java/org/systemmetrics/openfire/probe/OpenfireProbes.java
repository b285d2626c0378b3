package org.systemmetrics.openfire.probe;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.systemmetrics.core.report.Collector;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.openfire.seam.OpenfireServer;

/** Every collector of the report, in report order, and the switches of the one that sits on Openfire's packet path. */
public final class OpenfireProbes implements AutoCloseable {
    private final StanzaProbe stanzas;
    private final List<Collector> collectors;

    /**
     * Builds the collectors; stanzas are counted from {@link #countStanzas countStanzas(true)} on, while the
     * {@code stanzas} category is chosen ({@link #apply}; at first it is). Never fails because of Openfire: if the
     * packet interceptor cannot be registered, only the stanza events are missing, with the cause in the report's
     * one-time warning.
     */
    public OpenfireProbes(OpenfireServer server, String pluginVersion, Clock clock) {
        KnownPlugins known = KnownPlugins.bundled();
        stanzas = new StanzaProbe(server);
        collectors = List.of(
                new ClusterProbe(server, pluginVersion, clock),
                new PluginProbe(server, known),
                new CustomModuleProbe(server, known),
                new ProviderProbe(server),
                new ListenerProbe(server),
                new HttpApiProbe(server),
                new ServiceProbe(server),
                stanzas);
    }

    public List<Collector> collectors() {
        return collectors;
    }

    /** Reporting switched on or off: the stanza counter follows, as far as the chosen categories allow. */
    public void countStanzas(boolean on) {
        stanzas.reporting(on);
    }

    /** The administrator's choice of categories: the stanza counter counts only while {@code stanzas} is chosen. */
    public void apply(Set<ReportCategory> categories) {
        stanzas.chosen(categories.contains(ReportCategory.STANZAS));
    }

    /** Stops counting stanzas; safe to call more than once. */
    @Override
    public void close() {
        stanzas.close();
    }
}
