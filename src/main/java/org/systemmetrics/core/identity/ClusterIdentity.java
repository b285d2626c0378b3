package org.systemmetrics.core.identity;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.cluster.SharedStore;
import org.systemmetrics.core.text.Texts;

/**
 * The report's {@code client_id}: a random UUID v4, created once and kept in the store every cluster node shares, so
 * it survives restarts and reinstalls. Nodes creating or replacing it at the same moment race by compare-and-set, and
 * every node, the losers included, then reports the stored value, read from the store at every report.
 */
public final class ClusterIdentity {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterIdentity.class);
    private static final Texts TEXTS = Texts.of(ClusterIdentity.class);
    /** Shown in place of the cluster ID in a preview built before the ID exists; never sent. */
    public static final String PREVIEW_PLACEHOLDER = "00000000-0000-0000-0000-000000000000";

    private final SharedStore store;
    private final String name;
    private final Supplier<UUID> randomIds;

    public ClusterIdentity(SharedStore store, String name) {
        this(store, name, UUID::randomUUID);
    }

    ClusterIdentity(SharedStore store, String name, Supplier<UUID> randomIds) {
        this.store = store;
        this.name = name;
        this.randomIds = randomIds;
    }

    /** The stored cluster ID, without creating one. */
    public Optional<String> existing() {
        return store.get(name).map(String::trim).filter(ClusterIdentity::isUuid);
    }

    /** The stored cluster ID, created first if there is none (or what is stored is not a UUID); empty if neither. */
    public Optional<String> current() {
        Optional<String> stored = store.get(name);
        Optional<String> valid = stored.map(String::trim).filter(ClusterIdentity::isUuid);
        if (valid.isPresent()) {
            return valid;
        }
        if (stored.isPresent()) {
            LOG.warn(TEXTS.get("id.not_uuid"));
        }
        return putNew(stored, "id.created_elsewhere").or(this::existing);
    }

    /** A new random ID in place of {@code old}; empty when another node replaced it at the same moment. */
    Optional<String> replace(String old) {
        // The compare-and-set compares what is stored, which may hold spaces around the ID existing() trims.
        return putNew(store.get(name).filter(value -> value.trim().equals(old)).or(() -> Optional.of(old)),
                "id.replaced_elsewhere");
    }

    /** This node's new ID, or empty when another node's stands; not read back, as a failing read would hide it. */
    private Optional<String> putNew(Optional<String> expected, String lostTo) {
        String id = randomIds.get().toString();
        if (store.compareAndSet(name, expected, id)) {
            return Optional.of(id);
        }
        LOG.info(TEXTS.get(lostTo));
        return Optional.empty();
    }

    static boolean isUuid(String value) {
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
