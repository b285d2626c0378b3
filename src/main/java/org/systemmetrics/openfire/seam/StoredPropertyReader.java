package org.systemmetrics.openfire.seam;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jivesoftware.database.DbConnectionManager;
import org.jivesoftware.util.JiveGlobals;

/**
 * System properties read and written in Openfire's {@code ofProperty} table itself. Openfire's own property
 * calls go through a per-node cache that does not see a row another node inserted, and inserting a name that
 * this node's cache does not know but the table has fails with a duplicate key; plain SQL on the table, with
 * the database deciding races, has neither problem. {@code ofProperty (name, propValue, encrypted, iv)} is the
 * same in every Openfire from 4.0 to 5.1 and on every database it supports.
 */
final class StoredPropertyReader {
    private static final String SELECT = "SELECT propValue, encrypted FROM ofProperty WHERE name = ?";
    private static final String INSERT = "INSERT INTO ofProperty (name, propValue, encrypted) VALUES (?, ?, 0)";
    private static final String UPDATE = "UPDATE ofProperty SET propValue = ? WHERE name = ? AND propValue = ?";
    /** SQLSTATE class 23: integrity constraint violation, here another node's row with the same name. */
    private static final String CONSTRAINT_VIOLATION = "23";

    private StoredPropertyReader() {
    }

    static Optional<String> read(String name) {
        Connection connection = null;
        PreparedStatement statement = null;
        ResultSet row = null;
        try {
            connection = DbConnectionManager.getConnection();
            statement = connection.prepareStatement(SELECT);
            statement.setString(1, name);
            row = statement.executeQuery();
            if (!row.next()) {
                return Optional.empty();
            }
            String value = row.getString(1);
            boolean encrypted = row.getInt(2) != 0;
            // Only Openfire can decrypt; an encrypted value was written through it, so its cache has it.
            return encrypted ? Optional.ofNullable(JiveGlobals.getProperty(name)) : Optional.ofNullable(value);
        } catch (SQLException | RuntimeException | LinkageError e) {
            throw new OpenfireUnavailableException("reading ofProperty " + name, e);
        } finally {
            close(row, statement, connection);
        }
    }

    static boolean compareAndSet(String name, Optional<String> expected, String value) {
        Connection connection = null;
        PreparedStatement statement = null;
        try {
            connection = DbConnectionManager.getConnection();
            if (expected.isEmpty()) {
                statement = connection.prepareStatement(INSERT);
                statement.setString(1, name);
                statement.setString(2, value);
            } else {
                statement = connection.prepareStatement(UPDATE);
                statement.setString(1, value);
                statement.setString(2, name);
                statement.setString(3, expected.get());
            }
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            if (expected.isEmpty() && isConstraintViolation(e)) {
                return false; // another node inserted it first
            }
            throw new OpenfireUnavailableException("writing ofProperty " + name, e);
        } catch (RuntimeException | LinkageError e) {
            throw new OpenfireUnavailableException("writing ofProperty " + name, e);
        } finally {
            close(null, statement, connection);
        }
    }

    private static boolean isConstraintViolation(SQLException e) {
        for (SQLException link = e; link != null; link = link.getNextException()) {
            if (link.getSQLState() != null && link.getSQLState().startsWith(CONSTRAINT_VIOLATION)) {
                return true;
            }
        }
        return false;
    }

    private static void close(ResultSet row, PreparedStatement statement, Connection connection) {
        try {
            DbConnectionManager.closeConnection(row, statement, connection);
        } catch (RuntimeException | LinkageError e) {
            // Closing is best effort; the pool reclaims what it lent.
        }
    }
}
