package org.systemmetrics.core.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster-wide record of when a node last sent the cluster's report, so that exactly one report goes out per
 * period although seniority moves between nodes whose schedules (and clocks) are not aligned.
 *
 * <p>Each send is a <em>generation</em>: an entry {@code <base>.<n>} whose value is the time of the send. Before
 * sending, the senior member inserts generation n+1; the store's primary key lets exactly one node insert it, so
 * nodes racing for a period agree on one winner without comparing any stored text (Openfire keeps property values
 * in {@code TEXT}/{@code NTEXT} columns on some databases, where {@code =} is refused or unreliable). The winner
 * removes the generations older than the one it replaced, which stays, so that the ledger is never seen empty. An
 * entry named {@code <base>} alone, as earlier plugin versions stored it, counts as generation 0.
 *
 * <p>All times are the store's clock ({@link LedgerStore#now()}), never a node's, so a node whose clock is hours off
 * still decides periods on the same clock as every other node (and is told by a WARN how far its clock is off). A
 * recorded time from another clock (an earlier plugin version wrote node times; a database clock may be set back)
 * never moves the record backwards: a time ahead of the store's clock is honoured while it is at most one period
 * (plus slack) ahead, and replaced beyond that, with a WARN naming how far ahead it was.
 */
public final class SendLedger {
    private static final Logger LOG = LoggerFactory.getLogger(SendLedger.class);
    /** The most two nodes' timers may disagree about where a period ends. */
    static final Duration MAX_SLACK = Duration.ofMinutes(1);
    /** How far a node's clock may be off the store's before the claim says so in a WARN. */
    static final Duration SKEW_WARNING = Duration.ofMinutes(1);

    private final LedgerStore store;
    private final String base;
    /** How far this node's clock was off when a WARN last said so; null while it agrees with the store's. */
    private Duration namedSkew;

    /** @param base the name of the record, e.g. {@code systemmetrics.last_sent_at}; generations are {@code base.<n>} */
    public SendLedger(LedgerStore store, String base) {
        this.store = store;
        this.base = base;
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

        /** When the period another node's send covers ends, on this node's clock; empty when granted. */
        public Optional<Instant> coveredUntil() {
            return Optional.ofNullable(coveredUntil);
        }
    }

    /**
     * Claims the period that starts now for this node. Granted when no node sent within the last {@code period} (less
     * a small slack for timers that fire a little early), by the store's clock, and no other node claimed it in the
     * meantime.
     *
     * @param localNow this node's clock, used only to translate the store's times into this node's schedule and to
     *     say how far this node's clock is off
     * @throws RuntimeException when the store cannot be read or written; nothing was claimed then
     */
    public Claim claim(Instant localNow, Duration period) {
        Instant now = store.now();
        warnAboutThisNodesClock(localNow, now);
        Duration slack = slack(period);
        Map<String, Optional<String>> entries = store.entries(base);
        long newest = 0; // none yet, or only the bare name of earlier versions
        Optional<Instant> last = Optional.empty();
        for (Map.Entry<String, Optional<String>> entry : entries.entrySet()) {
            long generation = generation(entry.getKey());
            if (generation >= newest) {
                newest = generation;
                last = entry.getValue().flatMap(SendLedger::parse);
            }
        }
        if (last.isPresent()) {
            Duration ahead = Duration.between(now, last.get());
            if (ahead.compareTo(slack) > 0 && ahead.compareTo(period.plus(slack)) <= 0) {
                LOG.warn("System metrics: the cluster's last report is recorded {} min ahead of the database's clock "
                        + "(written by a node with a wrong clock under an earlier plugin version, or the database's "
                        + "clock was set back); it is honoured, and the next report goes out when its period ends.",
                        ahead.toMinutes());
                return covered(localNow, now, last.get().plus(period));
            } else if (ahead.compareTo(slack) > 0) {
                LOG.warn("System metrics: the cluster's last report is recorded {} min ahead of the database's clock, "
                        + "more than one period; such a time cannot be right and is replaced by the database's time.",
                        ahead.toMinutes());
            } else if (now.isBefore(last.get().plus(period).minus(slack))) {
                return covered(localNow, now, last.get().plus(period));
            }
            // Granted: the database's time now is at least a period (less the slack) after the recorded one, so the
            // recorded time moves forwards; only a time beyond one period ahead (above) is replaced by an earlier one.
        }
        long next = newest + 1;
        if (store.insert(generationName(next), Long.toString(now.toEpochMilli()))) {
            removeOlderThan(newest, entries);
            return new Claim(null);
        }
        // Another node inserted this generation between our read and our insert: its send covers this period.
        Optional<Instant> theirs = store.entries(base).entrySet().stream()
                .filter(e -> generation(e.getKey()) == next).findFirst()
                .flatMap(e -> e.getValue().flatMap(SendLedger::parse));
        LOG.debug("System metrics: another node claimed the report of this period first.");
        return covered(localNow, now, theirs.orElse(now).plus(period));
    }

    /** The store's time {@code until}, on this node's clock. */
    private static Claim covered(Instant localNow, Instant storeNow, Instant until) {
        return new Claim(localNow.plus(Duration.between(storeNow, until)));
    }

    /**
     * Removes the generations before {@code replaced}, the one this claim followed; that one stays. A node whose scan
     * of the ledger runs while this claim is made may miss the new row (names sort as text, so {@code .10} comes
     * before {@code .9}, and on databases whose readers do not see a consistent snapshot a scan can pass a row's place
     * before it is inserted); it then still finds the replaced generation, tries to insert the same next one, and
     * loses, instead of finding no row at all and claiming the period a second time.
     */
    private void removeOlderThan(long replaced, Map<String, Optional<String>> entries) {
        for (String name : entries.keySet()) {
            long generation = generation(name);
            if (generation < 0 || generation >= replaced) {
                continue; // not ours to remove, or the generation this claim replaced
            }
            try {
                store.delete(name);
            } catch (RuntimeException e) {
                // The claim is won all the same; the next winner removes what is left.
                LOG.debug("System metrics: could not remove the old ledger entry {} ({}).", name, e.toString());
            }
        }
    }

    /**
     * Tells, by a WARN, how far this node's clock is off the store's, for a node that does not claim periods (a
     * cluster member that is not senior): its clock matters as soon as it becomes senior, and Openfire and its logs
     * use it. Said once for each change of the skew, as a claim does, not at every run.
     *
     * @throws RuntimeException when the store's clock cannot be read
     */
    public void checkClock(Instant localNow) {
        warnAboutThisNodesClock(localNow, store.now());
    }

    /**
     * A WARN when this node's clock is more than {@link #SKEW_WARNING} off the store's, and again only when the skew
     * has moved by more than that since it was last named (a clock stepped further, or set right: then an INFO), so
     * a node whose clock stays off says so once, not every period.
     */
    private synchronized void warnAboutThisNodesClock(Instant localNow, Instant storeNow) {
        Duration off = Duration.between(storeNow, localNow);
        if (off.abs().compareTo(SKEW_WARNING) <= 0) {
            if (namedSkew != null) {
                LOG.info("System metrics: this node's clock agrees with the database's clock again.");
                namedSkew = null;
            }
            return;
        }
        if (namedSkew != null && off.minus(namedSkew).abs().compareTo(SKEW_WARNING) <= 0) {
            return; // the skew already named
        }
        namedSkew = off;
        LOG.warn("System metrics: this node's clock is {} min {} the database's clock. The one-report-per-period "
                + "rule of the cluster uses the database's clock, so no report is doubled or lost, but set this "
                + "node's clock right (NTP): Openfire and its logs use it.",
                off.abs().toMinutes(), off.isNegative() ? "behind" : "ahead of");
    }

    static Duration slack(Duration period) {
        Duration tenth = period.dividedBy(10);
        return tenth.compareTo(MAX_SLACK) < 0 ? tenth : MAX_SLACK;
    }

    String generationName(long generation) {
        return base + "." + generation;
    }

    /** The generation an entry's name carries: 0 for the bare base name, -1 for a name that is not a generation. */
    private long generation(String name) {
        if (name.equals(base)) {
            return 0;
        }
        if (!name.startsWith(base + ".")) {
            return -1;
        }
        try {
            long n = Long.parseLong(name.substring(base.length() + 1));
            return n > 0 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Optional<Instant> parse(String stored) {
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(stored.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
