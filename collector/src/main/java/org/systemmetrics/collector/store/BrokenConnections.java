package org.systemmetrics.collector.store;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;

/**
 * Tells the pool which errors mean the connection itself is dead, beyond the SQL states it knows (08xxx and
 * PostgreSQL's): H2's "connection is broken", "database is closed" and "database is already closed". Without this
 * a dead H2 server connection would be handed out again and again after the server came back.
 */
public final class BrokenConnections implements SQLExceptionOverride {
    private static final Set<Integer> H2_DEAD_CONNECTION = Set.of(90067, 90098, 90121);

    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException e) {
        return H2_DEAD_CONNECTION.contains(e.getErrorCode()) ? SQLExceptionOverride.Override.MUST_EVICT
                : SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
}
