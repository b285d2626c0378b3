package org.systemmetrics.testing;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.systemmetrics.core.cluster.SharedValue;

/** A shared value in memory, with compare-and-set as atomic as a database's: the store two test nodes share. */
public final class MemorySharedValue implements SharedValue {
    private final AtomicReference<String> value = new AtomicReference<>();
    private final AtomicInteger writes = new AtomicInteger();
    private volatile Runnable beforeNextWrite = () -> { };

    public MemorySharedValue() {
    }

    public MemorySharedValue(String initial) {
        value.set(initial);
    }

    @Override
    public Optional<String> get() {
        return Optional.ofNullable(value.get());
    }

    @Override
    public synchronized boolean compareAndSet(Optional<String> expected, String newValue) {
        Runnable race = beforeNextWrite;
        beforeNextWrite = () -> { };
        race.run();
        if (!expected.equals(Optional.ofNullable(value.get()))) {
            return false;
        }
        value.set(newValue);
        writes.incrementAndGet();
        return true;
    }

    /** Lets "another node" write between this node's read and its compare-and-set, once. */
    public MemorySharedValue raceBeforeNextWrite(String otherNodesValue) {
        beforeNextWrite = () -> value.set(otherNodesValue);
        return this;
    }

    /** Successful writes so far. */
    public int writes() {
        return writes.get();
    }

    public void set(String v) {
        value.set(v);
    }
}
