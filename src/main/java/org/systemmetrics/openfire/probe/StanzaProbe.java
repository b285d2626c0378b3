package org.systemmetrics.openfire.probe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.systemmetrics.core.report.Collector;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.core.text.Texts;
import org.systemmetrics.openfire.seam.OpenfireServer;
import org.systemmetrics.openfire.seam.StanzaSink;
import org.systemmetrics.openfire.seam.StanzaType;

/**
 * {@code xmpp_stanza_count}: one event per stanza type and direction, with the total since the plugin started
 * counting and the increment since the previous report. The counts live here, per plugin instance, so a reloaded
 * plugin starts again from zero instead of inheriting a stale baseline.
 *
 * <p>This probe is on Openfire's packet path only while reporting is on ({@link #reporting}) and the {@code stanzas}
 * category is chosen ({@link #chosen}), so an administrator who said no to either runs nothing of ours per stanza;
 * counts go on from where they were when it is switched on again. Each count is a {@link LongAdder}: no lock, and
 * threads on different cores increment different cells instead of fighting over one cache line.
 */
public final class StanzaProbe implements Collector, StanzaSink {
    private static final Texts TEXTS = Texts.of(StanzaProbe.class);
    private static final int DIRECTIONS = 2;

    private final OpenfireServer server;
    private final LongAdder[] counts = new LongAdder[StanzaType.values().length * DIRECTIONS];
    /** The totals the previous report was made of. */
    private final long[] previous = new long[counts.length];
    private OpenfireServer.Registration registration;
    /** Why Openfire did not take the interceptor; the counts of an unregistered probe would look like an idle server. */
    private RuntimeException refused;
    private boolean reportingOn;
    private boolean chosen = true;
    private boolean closed;

    public StanzaProbe(OpenfireServer server) {
        this.server = server;
        Arrays.setAll(counts, i -> new LongAdder());
    }

    @Override
    public void stanza(StanzaType type, boolean incoming) {
        counts[slot(type, incoming)].increment();
    }

    @Override
    public String name() {
        return "stanzas";
    }

    @Override
    public Optional<ReportCategory> category() {
        return Optional.of(ReportCategory.STANZAS);
    }

    @Override
    public Set<String> nodeEvents() {
        return Set.of("xmpp_stanza_count");
    }

    @Override
    public List<Event> collect(ReportContext context) {
        return events(true);
    }

    /** The same counts, but the next real report still measures its increment from the previous real one. */
    @Override
    public List<Event> preview(ReportContext context) {
        return events(false);
    }

    private synchronized List<Event> events(boolean advanceBaseline) {
        if (refused != null) {
            throw refused;
        }
        if (registration == null) {
            if (!advanceBaseline) {
                // A preview while reporting is off: nothing counts stanzas then, by design. That is no failure to
                // warn about; the page says that a preview has no stanza counts while reporting is off.
                return List.of();
            }
            throw new IllegalStateException(TEXTS.get("stanzas.not_counted"));
        }
        List<Event> events = new ArrayList<>();
        for (StanzaType type : StanzaType.values()) {
            for (boolean incoming : new boolean[] {true, false}) {
                int slot = slot(type, incoming);
                long total = counts[slot].sum();
                events.add(Event.named("xmpp_stanza_count")
                        .param("stanza_type", type.name().toLowerCase(Locale.ROOT) + (incoming ? "_in" : "_out"))
                        .param("total", total)
                        .param("increment", total - previous[slot])
                        .build());
                if (advanceBaseline) {
                    previous[slot] = total;
                }
            }
        }
        return events;
    }

    /** Reporting switched on (true) or off (false). Never throws. */
    synchronized void reporting(boolean on) {
        reportingOn = on;
        update();
    }

    /** The {@code stanzas} category chosen or not. Never throws. */
    synchronized void chosen(boolean stanzas) {
        chosen = stanzas;
        update();
    }

    private void update() {
        if (closed) {
            return;
        }
        if (!reportingOn || !chosen) {
            unregister();
            refused = null;
        } else if (registration == null) {
            try {
                registration = server.addPacketInterceptor(this);
                refused = null;
            } catch (RuntimeException e) {
                refused = e;
            }
        }
    }

    synchronized void close() {
        closed = true;
        unregister();
    }

    private void unregister() {
        if (registration != null) {
            OpenfireServer.Registration current = registration;
            registration = null;
            current.close();
        }
    }

    private static int slot(StanzaType type, boolean incoming) {
        return type.ordinal() * DIRECTIONS + (incoming ? 0 : 1);
    }
}
