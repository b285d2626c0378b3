package org.systemmetrics.openfire.probe;

import java.util.concurrent.atomic.LongAdder;
import org.systemmetrics.openfire.seam.StanzaSink;
import org.systemmetrics.openfire.seam.StanzaType;

/**
 * Counts stanzas by type and direction on Openfire's packet path. Each count is a {@link LongAdder}: no lock,
 * and threads on different cores increment different cells instead of fighting over one cache line.
 */
public final class StanzaCounter implements StanzaSink {
    private static final int DIRECTIONS = 2;

    private final LongAdder[] counts = new LongAdder[StanzaType.values().length * DIRECTIONS];

    public StanzaCounter() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    @Override
    public void stanza(StanzaType type, boolean incoming) {
        counts[slot(type, incoming)].increment();
    }

    /** Stanzas of this type and direction since the counter was created. */
    public long total(StanzaType type, boolean incoming) {
        return counts[slot(type, incoming)].sum();
    }

    private static int slot(StanzaType type, boolean incoming) {
        return type.ordinal() * DIRECTIONS + (incoming ? 0 : 1);
    }
}
