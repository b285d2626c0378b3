package org.systemmetrics.core.identity;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.cluster.SharedValue;

/**
 * The report's {@code client_id}: a random UUID v4, created once and kept in the store every cluster node
 * shares (Openfire's database), so it survives restarts and reinstalls. Nodes that start at the same moment
 * may all try to create it; the store's compare-and-set lets exactly one succeed, and every node, the losers
 * included, then reports the stored value. It is read from the store itself at every report, never from a
 * node's own cache.
 */
public final class ClusterIdentity {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterIdentity.class);

    private final SharedValue store;
    private final Supplier<UUID> randomIds;

    public ClusterIdentity(SharedValue store) {
        this(store, UUID::randomUUID);
    }

    ClusterIdentity(SharedValue store, Supplier<UUID> randomIds) {
        this.store = store;
        this.randomIds = randomIds;
    }

    /** Shown in place of the cluster ID in a preview built before the ID exists; never sent. */
    public static final String PREVIEW_PLACEHOLDER = "00000000-0000-0000-0000-000000000000";

    /** The stored cluster ID, without creating one. */
    public Optional<String> existing() {
        return store.get().map(String::trim).filter(ClusterIdentity::isUuid);
    }

    /**
     * The stored cluster ID, created first if there is none (or what is stored is not a UUID). Whoever
     * creates it, the answer is what the store holds afterwards.
     *
     * @return empty only when the store holds no usable ID even after trying to create one
     */
    public Optional<String> current() {
        Optional<String> stored = store.get();
        Optional<String> valid = stored.map(String::trim).filter(ClusterIdentity::isUuid);
        if (valid.isPresent()) {
            return valid;
        }
        if (stored.isPresent()) {
            LOG.warn("System metrics: the stored cluster ID is not a UUID and is replaced by a new random one.");
        }
        if (!store.compareAndSet(stored, randomIds.get().toString())) {
            LOG.info("System metrics: another cluster node created the cluster ID at the same moment; this node "
                    + "uses that one.");
        }
        return existing();
    }

    static boolean isUuid(String value) {
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
