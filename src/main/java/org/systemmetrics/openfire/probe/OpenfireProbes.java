package org.systemmetrics.openfire.probe;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.systemmetrics.core.report.Collector;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.openfire.seam.OpenfireServer;

/**
 * Every collector of the report, in report order, plus the stanza counter's registration with Openfire's
 * packet path. The counter is there only while reporting is on ({@link #countStanzas}) and the {@code stanzas}
 * category is chosen ({@link #apply}), so an administrator who said no to either runs nothing of ours per stanza;
 * {@link #close()} removes it when the plugin unloads.
 */
public final class OpenfireProbes implements AutoCloseable {
    private final OpenfireServer server;
    private final StanzaCounter counter = new StanzaCounter();
    private final List<Collector> collectors;
    private OpenfireServer.Registration stanzaRegistration;
    private RuntimeException notCounting;
    private boolean reportingOn;
    private boolean stanzasChosen = true;
    private boolean closed;

    private OpenfireProbes(OpenfireServer server, String pluginVersion, Clock clock) {
        this.server = server;
        KnownPlugins known = KnownPlugins.bundled();
        this.collectors = List.of(
                new ClusterProbe(server, pluginVersion, clock),
                new PluginProbe(server, known),
                new CustomModuleProbe(server, known),
                new ProviderProbe(server),
                new ListenerProbe(server),
                new HttpApiProbe(server),
                new ServiceProbe(server),
                new StanzaProbe(counter, this::whyNotCounting));
    }

    /**
     * Builds the collectors; stanzas are counted from {@link #countStanzas countStanzas(true)} on, while the
     * {@code stanzas} category is chosen ({@link #apply}; at first it is). Never fails because of Openfire: if the
     * packet interceptor cannot be registered, only the stanza events are missing, with the cause in the report's
     * one-time warning.
     */
    public static OpenfireProbes start(OpenfireServer server, String pluginVersion, Clock clock) {
        return new OpenfireProbes(server, pluginVersion, clock);
    }

    public List<Collector> collectors() {
        return collectors;
    }

    /**
     * Puts the stanza counter on Openfire's packet path while reporting is on (true) and takes it off when it is
     * off (false), as far as the chosen categories allow. Never throws.
     */
    public synchronized void countStanzas(boolean on) {
        reportingOn = on;
        updateStanzaCounting();
    }

    /**
     * Follows the administrator's choice of categories: the stanza counter is on the packet path only while
     * {@code stanzas} is chosen. Counts go on from where they were when it is switched on again.
     */
    public synchronized void apply(Set<ReportCategory> categories) {
        stanzasChosen = categories.contains(ReportCategory.STANZAS);
        updateStanzaCounting();
    }

    private void updateStanzaCounting() {
        if (closed) {
            return;
        }
        if (reportingOn && stanzasChosen) {
            if (stanzaRegistration == null) {
                try {
                    stanzaRegistration = server.addPacketInterceptor(counter);
                    notCounting = null;
                } catch (RuntimeException e) {
                    notCounting = e;
                }
            }
        } else {
            removeInterceptor();
            notCounting = null;
        }
    }

    private synchronized RuntimeException whyNotCounting() {
        if (notCounting != null) {
            return notCounting;
        }
        return stanzaRegistration == null ? new StanzaProbe.NotCountingWhileOff() : null;
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
