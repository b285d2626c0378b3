package org.systemmetrics.core.identity;

import java.util.Optional;

/**
 * Named secrets kept encrypted at rest in the store every cluster node shares; in Openfire, encrypted system
 * properties. Writes are not compare-and-set: each secret is written once under a name no other node uses.
 */
public interface SecretStore {
    /** Stores {@code secret} encrypted under a new {@code name}; false when the shared store did not keep it. */
    boolean put(String name, String secret);

    /** Whether the shared store holds {@code name}, whether or not this node can read it. */
    boolean holds(String name);

    /** The secret; empty when it is not stored, or stored but not readable on this node (yet). */
    Optional<String> get(String name);

    void remove(String name);
}
