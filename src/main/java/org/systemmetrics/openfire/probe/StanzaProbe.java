package org.systemmetrics.openfire.probe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.core.text.Texts;
import org.systemmetrics.openfire.seam.OpenfireServer.StanzaSink.StanzaType;
import org.systemmetrics.openfire.seam.OpenfireServer.StanzaSink;
import org.systemmetrics.openfire.seam.OpenfireServer;

/**
 * {@code xmpp_stanza_count}: per stanza type and direction, the total and the increment since the previous report,
 * per plugin instance (a reloaded plugin starts from zero). On Openfire's packet path only while reporting is on and
 * the {@code stanzas} category is chosen; each count is a {@link LongAdder}: no lock, and no cache line fought over.
 */
public final class StanzaProbe implements StanzaSink, AutoCloseable {
    private static final Texts TEXTS = Texts.of(StanzaProbe.class);
    private static final int DIRECTIONS = 2;

    private final OpenfireServer server;
    private final LongAdder[] counts = new LongAdder[StanzaType.values().length * DIRECTIONS];
    private final long[] previous = new long[counts.length];
    private OpenfireServer.Registration registration;
    /** Why Openfire did not take the interceptor; an unregistered probe's counts would look like an idle server. */
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

    public List<Event> collect(ReportContext context) {
        return events(true);
    }

    /** The same counts, but the next real report still measures its increment from the previous real one. */
    public List<Event> preview(ReportContext context) {
        return events(false);
    }

    private synchronized List<Event> events(boolean advanceBaseline) {
        if (refused != null) {
            throw refused;
        }
        if (registration == null) {
            if (!advanceBaseline) {
                return List.of(); // a preview while reporting is off: not counting then is no failure
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

    /** Counting while reporting is on and the {@code stanzas} category chosen (at first it is); never throws. */
    public synchronized void countStanzas(boolean on) {
        reportingOn = on;
        update();
    }

    public synchronized void apply(Set<ReportCategory> categories) {
        chosen = categories.contains(ReportCategory.STANZAS);
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

    @Override
    public synchronized void close() {
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
