package org.systemmetrics.testing;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.systemmetrics.core.cluster.LedgerStore;

/**
 * The shared database as the send ledger sees it, in memory: rows inserted once each (a second insert of a name
 * loses, like a primary key), and the database's clock, set by the test apart from any node's clock.
 */
public final class MemoryLedgerStore implements LedgerStore {
    private final Map<String, Optional<String>> rows = new TreeMap<>();
    private final AtomicInteger inserts = new AtomicInteger();
    private volatile Instant now;
    private Runnable beforeNextInsert = () -> { };
    private String missedByNextScan;

    public MemoryLedgerStore(Instant databaseNow) {
        this.now = databaseNow;
    }

    /** Sets the database's clock. */
    public MemoryLedgerStore at(Instant databaseNow) {
        this.now = databaseNow;
        return this;
    }

    /** A row as a node (or an earlier plugin version) stored it. */
    public synchronized MemoryLedgerStore row(String name, String value) {
        rows.put(name, Optional.of(value));
        return this;
    }

    /** A row Openfire encrypted, which this node cannot read. */
    public synchronized MemoryLedgerStore encryptedRow(String name) {
        rows.put(name, Optional.empty());
        return this;
    }

    /** Lets "another node" insert a row between this node's read and its insert, once. */
    public synchronized MemoryLedgerStore raceBeforeNextInsert(String name, String value) {
        beforeNextInsert = () -> rows.put(name, Optional.of(value));
        return this;
    }

    /**
     * The next scan misses this row, as a scan on a database without consistent snapshots can while another node
     * inserts it (a row inserted behind the scan's position).
     */
    public synchronized MemoryLedgerStore nextScanMisses(String name) {
        missedByNextScan = name;
        return this;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public synchronized Map<String, Optional<String>> entries(String base) {
        Map<String, Optional<String>> found = new TreeMap<>();
        String missed = missedByNextScan;
        missedByNextScan = null;
        rows.forEach((name, value) -> {
            if (!name.equals(missed) && (name.equals(base) || name.startsWith(base + "."))) {
                found.put(name, value);
            }
        });
        return found;
    }

    @Override
    public synchronized boolean insert(String name, String value) {
        Runnable race = beforeNextInsert;
        beforeNextInsert = () -> { };
        race.run();
        if (rows.containsKey(name)) {
            return false;
        }
        rows.put(name, Optional.of(value));
        inserts.incrementAndGet();
        return true;
    }

    @Override
    public synchronized void delete(String name) {
        rows.remove(name);
    }

    public synchronized Map<String, Optional<String>> rows() {
        return new TreeMap<>(rows);
    }

    public int inserts() {
        return inserts.get();
    }
}
