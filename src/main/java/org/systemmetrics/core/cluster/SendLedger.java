package org.systemmetrics.core.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.text.Texts;

/**
 * When the cluster's report was last sent: exactly one per period, although seniority moves between nodes whose
 * schedules and clocks are not aligned. Each send is a <em>generation</em>, an entry {@code <base>.<n>} holding the
 * store's time of the send; the store's primary key lets exactly one node insert n+1. No stored text is compared:
 * Openfire keeps property values in {@code TEXT}/{@code NTEXT} columns where {@code =} is refused or unreliable.
 * The bare {@code <base>} of earlier versions is generation 0. A recorded time ahead of the store's clock (written
 * by an earlier version, or the clock set back) is honoured up to one period ahead, replaced beyond.
 */
public final class SendLedger {
    private static final Logger LOG = LoggerFactory.getLogger(SendLedger.class);
    private static final Texts TEXTS = Texts.of(SendLedger.class);
    /** The most two nodes' timers may disagree about where a period ends. */
    static final Duration MAX_SLACK = Duration.ofMinutes(1);
    /** How far a node's clock may be off the store's before the claim says so in a WARN. */
    static final Duration SKEW_WARNING = Duration.ofMinutes(1);

    private final SharedStore store;
    private final String base;
    /** Null while this node's clock agrees with the store's. */
    private Duration namedSkew;

    public SendLedger(SharedStore store, String base) {
        this.store = store;
        this.base = base;
    }

    /**
     * Claims the period for this node when no node sent within the last {@code period} (less a slack for timers that
     * fire early) by the store's clock. {@code localNow} only translates the store's times into this node's schedule.
     *
     * @return empty when the claim is granted: this node sends; otherwise when the period another node's send covers
     *     ends, on this node's clock
     * @throws RuntimeException when the store cannot be read or written; nothing was claimed then
     */
    public Optional<Instant> claim(Instant localNow, Duration period) {
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
                LOG.warn(TEXTS.get("ledger.ahead_honoured", ahead.toMinutes()));
                return covered(localNow, now, last.get().plus(period));
            } else if (ahead.compareTo(slack) > 0) {
                LOG.warn(TEXTS.get("ledger.ahead_replaced", ahead.toMinutes()));
            } else if (now.isBefore(last.get().plus(period).minus(slack))) {
                return covered(localNow, now, last.get().plus(period));
            }
        }
        long next = newest + 1;
        if (store.insert(base + "." + next, Long.toString(now.toEpochMilli()))) {
            removeOlderThan(newest, entries);
            return Optional.empty();
        }
        // Another node inserted this generation between our read and our insert: its send covers this period.
        Optional<Instant> theirs = store.entries(base).entrySet().stream()
                .filter(e -> generation(e.getKey()) == next).findFirst()
                .flatMap(e -> e.getValue().flatMap(SendLedger::parse));
        LOG.debug(TEXTS.get("ledger.claimed_by_another"));
        return covered(localNow, now, theirs.orElse(now).plus(period));
    }

    private static Optional<Instant> covered(Instant localNow, Instant storeNow, Instant until) {
        return Optional.of(localNow.plus(Duration.between(storeNow, until)));
    }

    /**
     * The replaced generation stays: a node whose scan misses the new row (without a consistent snapshot) still finds
     * it, tries to insert the same next one and loses, instead of finding no row and claiming the period again.
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
                LOG.debug(TEXTS.get("ledger.old_entry_kept", name, e));
            }
        }
    }

    /** For a member, which claims no period: its clock matters once it is senior; an unreadable store is no fault. */
    public void checkClock(Instant localNow) {
        try {
            warnAboutThisNodesClock(localNow, store.now());
        } catch (RuntimeException | LinkageError e) {
            LOG.debug(TEXTS.get("clock.unreadable", e));
        }
    }

    /** Said again only when the skew moved by more than {@link #SKEW_WARNING}: once per spell, not every period. */
    private synchronized void warnAboutThisNodesClock(Instant localNow, Instant storeNow) {
        Duration off = Duration.between(storeNow, localNow);
        if (off.abs().compareTo(SKEW_WARNING) <= 0) {
            if (namedSkew != null) {
                LOG.info(TEXTS.get("clock.agrees"));
                namedSkew = null;
            }
            return;
        }
        if (namedSkew != null && off.minus(namedSkew).abs().compareTo(SKEW_WARNING) <= 0) {
            return; // the skew already named
        }
        namedSkew = off;
        long minutes = off.abs().toMinutes();
        LOG.warn(off.isNegative() ? TEXTS.get("clock.behind", minutes) : TEXTS.get("clock.ahead", minutes));
    }

    static Duration slack(Duration period) {
        Duration tenth = period.dividedBy(10);
        return tenth.compareTo(MAX_SLACK) < 0 ? tenth : MAX_SLACK;
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
