package org.systemmetrics.core.cluster;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The store every cluster node shares (Openfire's database), as the {@link SendLedger} needs it: named entries that
 * can only be inserted once (the database's primary key picks one winner among nodes inserting the same name, so no
 * stored text is ever compared), and the store's own clock, the one clock all nodes agree on.
 */
public interface LedgerStore {
    /** @throws RuntimeException when the store cannot be reached; the claim fails and is retried */
    Instant now();

    /**
     * Every entry named {@code base} or {@code base.}<i>anything</i>, read from the store itself, name to value. A
     * value this node cannot read (Openfire encrypted it) is empty.
     */
    Map<String, Optional<String>> entries(String base);

    /** Inserts a new entry. @return false when an entry of that name exists: another node inserted it first */
    boolean insert(String name, String value);

    void delete(String name);
}
