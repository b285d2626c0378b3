package org.systemmetrics.testing;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.systemmetrics.core.cluster.SharedStore;

/**
 * The shared database in memory, the store two test nodes share: compare-and-set as atomic as a database's (a second
 * insert of a name loses, like a primary key), secrets kept apart from plain values as Openfire's encrypted properties
 * are (a node may hold one it cannot decrypt), and the database's clock, set by the test apart from any node's clock.
 */
public final class MemorySharedStore implements SharedStore {
    private final Map<String, Optional<String>> rows = new TreeMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private final Set<String> secrets = new TreeSet<>();
    private volatile boolean keepsSecrets = true;
    private volatile Supplier<Instant> now;
    private Runnable beforeNextWrite = () -> { };
    private volatile Predicate<String> failing = operation -> false;
    private String missedByNextScan;

    public MemorySharedStore() {
        this(Instant.EPOCH);
    }

    public MemorySharedStore(Instant databaseNow) {
        at(databaseNow);
    }

    /** Sets the database's clock. */
    public MemorySharedStore at(Instant databaseNow) {
        return clock(() -> databaseNow);
    }

    /** The database's clock, read afresh at each reading. */
    public MemorySharedStore clock(Supplier<Instant> databaseClock) {
        this.now = databaseClock;
        return this;
    }

    /** A row as a node (or an earlier plugin version) stored it. */
    public synchronized MemorySharedStore row(String name, String value) {
        rows.put(name, Optional.of(value));
        return this;
    }

    /** A row Openfire encrypted, which this node cannot read (or can no longer, if it could). */
    public synchronized MemorySharedStore encryptedRow(String name) {
        rows.put(name, Optional.empty());
        secrets.add(name);
        return this;
    }

    /** A secret another node stored, readable here. */
    public synchronized MemorySharedStore secret(String name, String value) {
        rows.put(name, Optional.of(value));
        secrets.add(name);
        return this;
    }

    /** From now on the database's clock cannot be read (its connection is gone). */
    public MemorySharedStore clockUnreadable() {
        this.now = null;
        return this;
    }

    /** From now on the database does not keep a new secret (Openfire only logs the failed write). */
    public MemorySharedStore refusingSecrets() {
        keepsSecrets = false;
        return this;
    }

    /**
     * From now on each operation {@code failing} accepts throws, as a lost connection does: {@code "get <name>"} or
     * {@code "compareAndSet <name>"}, asked before the operation (so it may look at {@link #rows()}).
     */
    public MemorySharedStore failing(Predicate<String> failing) {
        this.failing = failing;
        return this;
    }

    private void fail(String operation) {
        if (failing.test(operation)) {
            throw new IllegalStateException("connection to the database lost: " + operation);
        }
    }

    /** The names of the secrets held, readable here or not. */
    public synchronized Set<String> secrets() {
        return new TreeSet<>(secrets);
    }

    /** Lets "another node" write a row between this node's read and its write, once. */
    public synchronized MemorySharedStore raceBeforeNextWrite(String name, String value) {
        beforeNextWrite = () -> rows.put(name, Optional.of(value));
        return this;
    }

    /**
     * The next scan misses this row, as a scan on a database without consistent snapshots can while another node
     * inserts it (a row inserted behind the scan's position).
     */
    public synchronized MemorySharedStore nextScanMisses(String name) {
        missedByNextScan = name;
        return this;
    }

    @Override
    public synchronized Optional<String> get(String name) {
        fail("get " + name);
        return rows.getOrDefault(name, Optional.empty());
    }

    @Override
    public synchronized boolean compareAndSet(String name, Optional<String> expected, String value) {
        fail("compareAndSet " + name);
        Runnable race = beforeNextWrite;
        beforeNextWrite = () -> { };
        race.run();
        Optional<String> stored = rows.containsKey(name) ? Optional.of(rows.get(name).orElse("")) : Optional.empty();
        if (!stored.equals(expected)) {
            return false;
        }
        rows.put(name, Optional.of(value));
        writes.incrementAndGet();
        return true;
    }

    @Override
    public Instant now() {
        Supplier<Instant> databaseClock = now;
        if (databaseClock == null) {
            throw new IllegalStateException("connection to the database refused");
        }
        return databaseClock.get();
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
    public synchronized void delete(String name) {
        rows.remove(name);
    }

    @Override
    public synchronized boolean putSecret(String name, String secret) {
        if (keepsSecrets) {
            secret(name, secret);
        }
        return keepsSecrets;
    }

    @Override
    public synchronized void removeSecret(String name) {
        rows.remove(name);
        secrets.remove(name);
    }

    public synchronized Map<String, Optional<String>> rows() {
        return new TreeMap<>(rows);
    }

    /** Successful compare-and-set writes (inserts and replacements of plain values) so far. */
    public int writes() {
        return writes.get();
    }
}
