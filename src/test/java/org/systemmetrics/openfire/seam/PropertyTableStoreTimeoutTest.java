package org.systemmetrics.openfire.seam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/**
 * Every statement the plugin runs on Openfire's database has a time limit, so a locked row cannot hold the reporter
 * thread (and the service's lock) for as long as the database would wait. {@code LedgerOnRealDatabasesIT} shows the
 * limit at work on real servers; this checks that no statement goes without it.
 */
class PropertyTableStoreTimeoutTest {
    private final List<Statement> statements = new ArrayList<>();

    private PropertyTableStore store() throws SQLException {
        Connection connection = mock(Connection.class, RETURNS_DEEP_STUBS);
        when(connection.getAutoCommit()).thenReturn(true);
        when(connection.getMetaData().getDatabaseProductName()).thenReturn("PostgreSQL");
        when(connection.prepareStatement(anyString())).thenAnswer(call -> {
            PreparedStatement statement = mock(PreparedStatement.class);
            ResultSet row = mock(ResultSet.class);
            when(row.next()).thenReturn(true, false);
            when(row.getString(Mockito.anyInt())).thenReturn("systemmetrics.x");
            when(row.getLong(1)).thenReturn(0L);
            when(statement.executeQuery()).thenReturn(row);
            when(statement.executeUpdate()).thenReturn(1);
            statements.add(statement);
            return statement;
        });
        return new PropertyTableStore(() -> connection, mock(OpenfireServer.class));
    }

    @Test
    void everyStatementOnOfPropertyAndTheClockHasAFiveSecondTimeout() throws SQLException {
        PropertyTableStore sql = store();

        sql.get("systemmetrics.x");
        sql.entries("systemmetrics.x");
        sql.insert("systemmetrics.x.1", "1");
        sql.delete("systemmetrics.x.1");
        sql.compareAndSet("systemmetrics.x", Optional.of("systemmetrics.x"), "y");
        sql.now();

        assertThat(statements).hasSizeGreaterThanOrEqualTo(8);
        for (Statement statement : statements) {
            Mockito.verify(statement).setQueryTimeout(PropertyTableStore.TIMEOUT_SECONDS);
        }
        assertThat(PropertyTableStore.TIMEOUT_SECONDS).isEqualTo(5);
    }
}
