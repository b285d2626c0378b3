package org.systemmetrics.core.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster-wide record of when a node last sent the cluster's report, so that exactly one report goes
 * out per period although seniority moves between nodes whose schedules are not aligned: before sending, the
 * senior member claims the period with a compare-and-set on the shared time of the last send. A new senior
 * whose own timer falls shortly after the old senior sent finds the period taken and sends when it ends.
 */
public final class SendLedger {
    private static final Logger LOG = LoggerFactory.getLogger(SendLedger.class);
    /** The most two nodes' timers (and clocks) may disagree about where a period ends. */
    static final Duration MAX_SLACK = Duration.ofMinutes(1);

    private final SharedValue lastSent;

    public SendLedger(SharedValue lastSent) {
        this.lastSent = lastSent;
    }

    /** Whether this node may send now, or until when the current period is already covered by another send. */
    public static final class Claim {
        private final Instant coveredUntil;

        private Claim(Instant coveredUntil) {
            this.coveredUntil = coveredUntil;
        }

        public boolean granted() {
            return coveredUntil == null;
        }

        /** When the period that another node's send covers ends; empty when the claim was granted. */
        public Optional<Instant> coveredUntil() {
            return Optional.ofNullable(coveredUntil);
        }
    }

    /**
     * Claims the period that starts {@code now} for this node. Granted when no node sent within the last
     * {@code period} (less a small slack for timers that fire a little early) and no other node claimed it
     * in the meantime.
     */
    public Claim claim(Instant now, Duration period) {
        Optional<String> stored = lastSent.get();
        Optional<Instant> last = stored.flatMap(SendLedger::parse)
                // A time far in the future (a node with a wrong clock) must not silence the cluster for good.
                .filter(at -> !at.isAfter(now.plus(period)));
        if (last.isPresent() && now.isBefore(last.get().plus(period).minus(slack(period)))) {
            return new Claim(last.get().plus(period));
        }
        if (lastSent.compareAndSet(stored, Long.toString(now.toEpochMilli()))) {
            return new Claim(null);
        }
        // Another node claimed between our read and our write: its send covers this period.
        Instant theirs = lastSent.get().flatMap(SendLedger::parse).orElse(now);
        LOG.debug("System metrics: another node claimed the report of this period first.");
        return new Claim(theirs.plus(period));
    }

    static Duration slack(Duration period) {
        Duration tenth = period.dividedBy(10);
        return tenth.compareTo(MAX_SLACK) < 0 ? tenth : MAX_SLACK;
    }

    private static Optional<Instant> parse(String stored) {
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(stored.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
