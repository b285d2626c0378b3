package org.systemmetrics.core.cluster;

import java.util.Optional;

/**
 * One named value in the store every cluster node shares (Openfire's database). Reads go to the store
 * itself, never to a node's cache, and writes are compare-and-set, so that nodes racing for the same value
 * agree on one winner without locks.
 */
public interface SharedValue {
    Optional<String> get();

    /**
     * Stores {@code value} only if the stored value is still {@code expected} (empty: only if there is none).
     *
     * @return false when another node changed the value first; nothing is written then
     */
    boolean compareAndSet(Optional<String> expected, String value);
}
