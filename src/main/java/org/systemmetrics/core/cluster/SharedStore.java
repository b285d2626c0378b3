package org.systemmetrics.core.cluster;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The store every cluster node shares (Openfire's database), read from the store itself, never from a node's cache.
 * Nodes racing for a value agree on one winner without locks: a new name is inserted once (the primary key picks the
 * winner), a value is replaced by compare-and-set. Its clock is the one clock all nodes agree on.
 */
public interface SharedStore {
    Optional<String> get(String name);

    /**
     * Stores {@code value} only if the stored value is still {@code expected} (empty: only if there is none).
     *
     * @return false when another node changed the value first; nothing is written then
     */
    boolean compareAndSet(String name, Optional<String> expected, String value);

    /** @return false when an entry of that name exists: another node inserted it first */
    default boolean insert(String name, String value) {
        return compareAndSet(name, Optional.empty(), value);
    }

    /** Every entry named {@code base} or {@code base.}<i>anything</i>; a value this node cannot decrypt is empty. */
    Map<String, Optional<String>> entries(String base);

    void delete(String name);

    /**
     * Stores {@code secret} encrypted at rest, for {@link #get} on the nodes that can decrypt it; false when the store
     * did not keep it. Not compare-and-set: a secret is written once, under a name no other node uses.
     */
    boolean putSecret(String name, String secret);

    /** Removes a secret from the store and from every node's cache of it. */
    void removeSecret(String name);

    /** @throws RuntimeException when the store cannot be reached */
    Instant now();
}
