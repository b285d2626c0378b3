package org.systemmetrics.openfire.seam;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.systemmetrics.core.cluster.SharedStore;

/**
 * System properties read and written in Openfire's {@code ofProperty} table itself. Openfire's own property calls go
 * through a per-node cache that does not see a row another node inserted, and inserting a name that this node's
 * cache does not know but the table has fails with a duplicate key; plain SQL on the table, with the database
 * deciding races, has neither problem. {@code ofProperty (name, propValue, encrypted, iv)} is the same in every
 * Openfire from 4.0 to 5.1, but {@code propValue} is {@code TEXT} on MySQL/MariaDB and Sybase and {@code NTEXT} on
 * SQL Server, where comparing it with {@code =} is refused or unreliable: no statement here ever compares
 * {@code propValue}. Races for a new name are decided by the primary key on {@code name} (a
 * {@code VARCHAR}/{@code NVARCHAR}), races to replace a value by the row's write lock ({@link #compareAndSet}), and
 * every statement has a timeout so that a locked row cannot hold the reporter thread.
 */
final class StoredPropertyReader implements SharedStore {
    /** How long any one statement may take before the driver cancels it. */
    static final int TIMEOUT_SECONDS = 5;
    private static final String SELECT = "SELECT propValue, encrypted FROM ofProperty WHERE name = ?";
    private static final String SELECT_FAMILY = "SELECT name, propValue, encrypted FROM ofProperty WHERE name LIKE ?";
    private static final String INSERT = "INSERT INTO ofProperty (name, propValue, encrypted) VALUES (?, ?, 0)";
    private static final String DELETE = "DELETE FROM ofProperty WHERE name = ?";
    /** Takes the row's write lock without changing it, and without naming {@code propValue}. */
    private static final String LOCK = "UPDATE ofProperty SET encrypted = encrypted WHERE name = ?";
    /** A replaced value is stored in plain, as an inserted one is (an encrypted one was compared decrypted). */
    private static final String UPDATE = "UPDATE ofProperty SET propValue = ?, encrypted = 0 WHERE name = ?";
    /** SQLSTATE class 23: integrity constraint violation, here another node's row with the same name. */
    private static final String CONSTRAINT_VIOLATION = "23";

    /** Where connections come from: Openfire's pool in production (closing one returns it), a plain driver in tests. */
    interface Connections {
        Connection open() throws SQLException;
    }

    private interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private interface Cleanup {
        void run() throws SQLException;
    }

    private final Connections connections;
    /** Openfire's decryption of an encrypted property; empty when it cannot. */
    private final Function<String, Optional<String>> decrypt;

    StoredPropertyReader(Connections connections, Function<String, Optional<String>> decrypt) {
        this.connections = connections;
        this.decrypt = decrypt;
    }

    private <T> T withConnection(String what, Work<T> work) {
        try (Connection connection = connections.open()) {
            return work.on(connection);
        } catch (SQLException | RuntimeException | LinkageError e) {
            throw new OpenfireUnavailableException(what, e);
        }
    }

    @Override
    public Optional<String> get(String name) {
        return withConnection("reading ofProperty " + name, connection -> read(connection, name));
    }

    private Optional<String> read(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = prepare(connection, SELECT, name); ResultSet row = select.executeQuery()) {
            return row.next() ? value(name, row.getString(1), row.getInt(2)) : Optional.empty();
        }
    }

    /**
     * Every property named {@code base} or {@code base.}<i>anything</i>. {@code LIKE} on the {@code VARCHAR} name is
     * portable; its {@code _} wildcard may match more names than asked for, which are left out here.
     */
    @Override
    public Map<String, Optional<String>> entries(String base) {
        return withConnection("reading ofProperty " + base + ".*", connection -> {
            Map<String, Optional<String>> found = new LinkedHashMap<>();
            try (PreparedStatement select = prepare(connection, SELECT_FAMILY, base + "%");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    if (name.equals(base) || name.startsWith(base + ".")) {
                        found.put(name, value(name, rows.getString(2), rows.getInt(3)));
                    }
                }
            }
            return found;
        });
    }

    /** Only Openfire can decrypt; an encrypted value was written through it, so its cache may have it. */
    private Optional<String> value(String name, String stored, int encrypted) {
        return encrypted != 0 ? decrypt.apply(name) : Optional.ofNullable(stored);
    }

    @Override
    public void delete(String name) {
        withConnection("deleting ofProperty " + name, connection -> {
            try (PreparedStatement delete = prepare(connection, DELETE, name)) {
                return delete.executeUpdate();
            }
        });
    }

    /**
     * Replaces the property only while it is still {@code expected} (empty: inserts it only if absent), atomically on
     * every database: in one transaction the row is first locked by an update that changes nothing (it names the row
     * by its {@code VARCHAR} key only), then read and compared here in Java, never in SQL, then rewritten. A second
     * node replacing the same value at the same moment waits for that lock, reads the value the first one wrote and
     * gets false. The lock statement's row count is not used: MySQL counts only changed rows unless told otherwise.
     */
    @Override
    public boolean compareAndSet(String name, Optional<String> expected, String value) {
        if (expected.isEmpty()) {
            return withConnection("writing ofProperty " + name, connection -> {
                try (PreparedStatement insert = prepare(connection, INSERT, name, value)) {
                    return insert.executeUpdate() == 1;
                } catch (SQLException e) {
                    if (isConstraintViolation(e)) {
                        return false;
                    }
                    throw e;
                }
            });
        }
        return withConnection("writing ofProperty " + name, connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement lock = prepare(connection, LOCK, name);
                    PreparedStatement update = prepare(connection, UPDATE, value, name)) {
                lock.executeUpdate();
                if (!read(connection, name).equals(expected)) {
                    connection.rollback();
                    return false;
                }
                boolean written = update.executeUpdate() == 1;
                connection.commit();
                return written;
            } catch (SQLException | RuntimeException | LinkageError e) {
                quietly(connection::rollback);
                throw e;
            } finally {
                quietly(() -> connection.setAutoCommit(autoCommit));
            }
        });
    }

    /**
     * The database's clock, one for every node. Read as epoch milliseconds with each database's own function, so no
     * time zone of a node, a session or the server enters (JDBC reads a {@code TIMESTAMP} in each node's zone).
     */
    @Override
    public Instant now() {
        return withConnection("reading the database's clock", connection -> {
            String sql = epochMillisQuery(connection.getMetaData().getDatabaseProductName());
            try (PreparedStatement statement = prepare(connection, sql); ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("no row from " + sql);
                }
                if (sql.contains("CURRENT_TIMESTAMP FROM ofVersion")) {
                    return row.getTimestamp(1).toInstant();
                }
                return Instant.ofEpochMilli(row.getLong(1));
            }
        });
    }

    /** Milliseconds since 1970-01-01 UTC, now, by the database's clock; see docs/openfire-compatibility.md. */
    static String epochMillisQuery(String productName) {
        String product = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) { // PostgreSQL, CockroachDB
            return "SELECT CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)";
        }
        if (product.contains("mysql") || product.contains("mariadb")) {
            // Without an argument UNIX_TIMESTAMP() is the epoch itself, untouched by the session's time zone; the
            // milliseconds come from NOW(6), the same statement-start instant, and no zone offset changes them.
            return "SELECT UNIX_TIMESTAMP() * 1000 + MICROSECOND(NOW(6)) DIV 1000";
        }
        if (product.contains("hsql")) {
            return "VALUES (UNIX_MILLIS())";
        }
        // SQL Server and Sybase: the clock is read once, in a derived table, and its minutes, seconds and
        // milliseconds are taken from that one reading; reading it three times could straddle a minute's end and be
        // a minute off. Minutes keep DATEDIFF (an int) from overflowing, which seconds would in 2038.
        if (product.contains("microsoft") || product.contains("sql server")) {
            return "SELECT CAST(DATEDIFF(MINUTE, '19700101', t) AS BIGINT) * 60000"
                    + " + DATEPART(SECOND, t) * 1000 + DATEPART(MILLISECOND, t) FROM (SELECT GETUTCDATE() AS t) x";
        }
        if (product.contains("adaptive server") || product.contains("sybase") || product.equals("ase")) {
            return "SELECT CONVERT(BIGINT, DATEDIFF(MINUTE, '19700101', t)) * 60000"
                    + " + DATEPART(SECOND, t) * 1000 + DATEPART(MILLISECOND, t) FROM (SELECT GETUTCDATE() AS t) x";
        }
        if (product.contains("oracle")) {
            return "SELECT ROUND((CAST(SYS_EXTRACT_UTC(SYSTIMESTAMP) AS DATE) - DATE '1970-01-01') * 86400000)"
                    + " FROM DUAL";
        }
        if (product.startsWith("db2")) {
            return "SELECT CAST(DAYS(CURRENT TIMESTAMP - CURRENT TIMEZONE) - DAYS('1970-01-01') AS BIGINT) * 86400000"
                    + " + CAST(MIDNIGHT_SECONDS(CURRENT TIMESTAMP - CURRENT TIMEZONE) AS BIGINT) * 1000"
                    + " FROM SYSIBM.SYSDUMMY1";
        }
        // Any other database: the standard clock through the one table every schema has. The one TIMESTAMP reading,
        // so nodes agree only while all run in one time zone (docs/openfire-compatibility.md tells administrators).
        return "SELECT CURRENT_TIMESTAMP FROM ofVersion WHERE name = 'openfire'";
    }

    private static PreparedStatement prepare(Connection connection, String sql, String... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setQueryTimeout(TIMEOUT_SECONDS);
        for (int i = 0; i < parameters.length; i++) {
            statement.setString(i + 1, parameters[i]);
        }
        return statement;
    }

    private static void quietly(Cleanup cleanup) {
        try {
            cleanup.run();
        } catch (SQLException | RuntimeException e) {
            // The connection goes back to the pool, which discards a broken one.
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
}
