package org.systemmetrics.openfire.probe;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.systemmetrics.core.report.Collector;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.openfire.seam.StanzaType;

/**
 * {@code xmpp_stanza_count}: one event per stanza type and direction, with the total since the plugin started
 * counting and the increment since the previous report. The previous totals live here, per plugin instance,
 * so a reloaded plugin starts again from zero instead of inheriting a stale baseline.
 */
final class StanzaProbe implements Collector {
    private final StanzaCounter counter;
    private final Supplier<RuntimeException> notCounting;
    private final Map<StanzaType, long[]> previous = new EnumMap<>(StanzaType.class);

    /**
     * @param notCounting why the counter is not registered with Openfire now, or null when it is; the
     *     counts of an unregistered counter would be zeros that look like an idle server
     */
    StanzaProbe(StanzaCounter counter, Supplier<RuntimeException> notCounting) {
        this.counter = counter;
        this.notCounting = notCounting;
        for (StanzaType type : StanzaType.values()) {
            previous.put(type, new long[2]);
        }
    }

    @Override
    public Optional<ReportCategory> category() {
        return Optional.of(ReportCategory.STANZAS);
    }

    @Override
    public String name() {
        return "stanzas";
    }

    @Override
    public Set<String> nodeEvents() {
        return Set.of("xmpp_stanza_count");
    }

    @Override
    public synchronized List<Event> collect(ReportContext context) {
        return events(true);
    }

    /** The same counts, but the next real report still measures its increment from the previous real one. */
    @Override
    public synchronized List<Event> preview(ReportContext context) {
        return events(false);
    }

    private List<Event> events(boolean advanceBaseline) {
        RuntimeException why = notCounting.get();
        if (why instanceof NotCountingWhileOff && !advanceBaseline) {
            // A preview while reporting is off: nothing counts stanzas then, by design. That is no failure to
            // warn about; the page says that a preview has no stanza counts while reporting is off.
            return List.of();
        }
        if (why != null) {
            throw why;
        }
        List<Event> events = new ArrayList<>();
        for (StanzaType type : StanzaType.values()) {
            events.add(event(type, true, advanceBaseline));
            events.add(event(type, false, advanceBaseline));
        }
        return events;
    }

    private Event event(StanzaType type, boolean incoming, boolean advanceBaseline) {
        long total = counter.total(type, incoming);
        long[] before = previous.get(type);
        int direction = incoming ? 0 : 1;
        long increment = total - before[direction];
        if (advanceBaseline) {
            before[direction] = total;
        }
        return Event.named("xmpp_stanza_count")
                .param("stanza_type", type.name().toLowerCase(Locale.ROOT) + (incoming ? "_in" : "_out"))
                .param("total", total)
                .param("increment", increment)
                .build();
    }

    /** The counter is off the packet path because reporting is off (or stanzas are not chosen): by design. */
    static final class NotCountingWhileOff extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NotCountingWhileOff() {
            super("stanzas are not being counted");
        }
    }
}
