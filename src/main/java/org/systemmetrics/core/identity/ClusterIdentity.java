package org.systemmetrics.core.identity;

import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The report's {@code client_id}: a random UUID v4, created once and kept in a store shared by every
 * cluster node (an Openfire system property, so it lives in the database and survives restarts and
 * reinstalls). Only one node may create it (the senior member, or a lone node), so two nodes starting at
 * once cannot end with two IDs; the others read it, and it is read afresh at every report.
 */
public final class ClusterIdentity {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterIdentity.class);

    /** Where the ID is kept; shared by all nodes. */
    public interface Store {
        Optional<String> get();

        void set(String value);
    }

    private final Store store;
    private final BooleanSupplier mayCreate;
    private final Supplier<UUID> randomIds;

    public ClusterIdentity(Store store, BooleanSupplier mayCreate) {
        this(store, mayCreate, UUID::randomUUID);
    }

    ClusterIdentity(Store store, BooleanSupplier mayCreate, Supplier<UUID> randomIds) {
        this.store = store;
        this.mayCreate = mayCreate;
        this.randomIds = randomIds;
    }

    /** Shown in place of the cluster ID in a preview built before the ID exists; never sent. */
    public static final String PREVIEW_PLACEHOLDER = "00000000-0000-0000-0000-000000000000";

    /** The stored cluster ID, without creating one. */
    public Optional<String> existing() {
        return store.get().map(String::trim).filter(ClusterIdentity::isUuid);
    }

    /** @return the cluster ID, or empty while this node waits for the senior member to create it */
    public Optional<String> current() {
        Optional<String> stored = store.get().map(String::trim).filter(s -> !s.isEmpty());
        if (stored.isPresent() && isUuid(stored.get())) {
            return stored;
        }
        if (!mayCreate.getAsBoolean()) {
            return Optional.empty();
        }
        if (stored.isPresent()) {
            LOG.warn("System metrics: the stored cluster ID is not a UUID and is replaced by a new random one.");
        }
        store.set(randomIds.get().toString());
        // Read back rather than trusting our own value: the store is the single source of truth.
        return store.get().filter(ClusterIdentity::isUuid);
    }

    static boolean isUuid(String value) {
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
