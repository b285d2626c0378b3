package org.systemmetrics.openfire.seam;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.systemmetrics.core.cluster.SharedStore;
import org.systemmetrics.core.text.Texts;

/**
 * System properties in Openfire's {@code ofProperty} table itself, since Openfire's per-node cache does not see a row
 * another node inserted. Why each statement is safe on each database: docs/openfire-compatibility.md.
 */
final class PropertyTableStore implements SharedStore {
    private static final Texts TEXTS = Texts.of(PropertyTableStore.class);
    /** So that a locked row cannot hold the reporter thread. */
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
    /**
     * Each database's epoch milliseconds by its product name. SQL Server and Sybase share one T-SQL statement (both
     * have {@code CONVERT}), which reads the clock once (three readings could straddle a minute's end), in minutes
     * (seconds overflow DATEDIFF's int in 2038).
     */
    private static final List<Map.Entry<Pattern, String>> CLOCKS = List.of(
            clock("postgres", "SELECT CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)"),
            clock("mysql|mariadb", "SELECT UNIX_TIMESTAMP() * 1000 + MICROSECOND(NOW(6)) DIV 1000"),
            clock("hsql", "VALUES (UNIX_MILLIS())"),
            clock("microsoft|sql server|adaptive server|sybase|^ase$",
                    "SELECT CONVERT(BIGINT, DATEDIFF(MINUTE, '19700101', t)) * 60000 + DATEPART(SECOND, t) * 1000"
                            + " + DATEPART(MILLISECOND, t) FROM (SELECT GETUTCDATE() AS t) x"),
            clock("oracle", "SELECT ROUND((CAST(SYS_EXTRACT_UTC(SYSTIMESTAMP) AS DATE) - DATE '1970-01-01')"
                    + " * 86400000) FROM DUAL"),
            clock("^db2", "SELECT CAST(DAYS(CURRENT TIMESTAMP - CURRENT TIMEZONE) - DAYS('1970-01-01') AS BIGINT)"
                    + " * 86400000 + CAST(MIDNIGHT_SECONDS(CURRENT TIMESTAMP - CURRENT TIMEZONE) AS BIGINT) * 1000"
                    + " FROM SYSIBM.SYSDUMMY1"));
    /** The one clock query that reads a {@code TIMESTAMP} rather than epoch milliseconds. */
    private static final String STANDARD_CLOCK = "SELECT CURRENT_TIMESTAMP FROM ofVersion WHERE name = 'openfire'";

    /** Openfire's pool in production (closing a connection returns it), a plain driver in tests. */
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
    /** Only Openfire's own property calls decrypt, encrypt, and tell every node's cache. */
    private final OpenfireServer openfire;

    PropertyTableStore(Connections connections, OpenfireServer openfire) {
        this.connections = connections;
        this.openfire = openfire;
    }

    /** {@code what} is worded only for a failure: Texts reads its catalog from the jar at each text. */
    private <T> T withConnection(Supplier<String> what, Work<T> work) {
        try (Connection connection = connections.open()) {
            return work.on(connection);
        } catch (SQLException | RuntimeException | LinkageError e) {
            throw new OpenfireUnavailableException(what.get(), e);
        }
    }

    @Override
    public Optional<String> get(String name) {
        return withConnection(() -> TEXTS.get("store.reading", name), connection -> read(connection, name));
    }

    private Optional<String> read(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = prepare(connection, SELECT, name); ResultSet row = select.executeQuery()) {
            return row.next() ? value(name, row.getString(1), row.getInt(2)) : Optional.empty();
        }
    }

    /** {@code LIKE} on the {@code VARCHAR} name is portable; names its {@code _} wildcard adds are left out. */
    @Override
    public Map<String, Optional<String>> entries(String base) {
        return withConnection(() -> TEXTS.get("store.reading_family", base), connection -> {
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

    /** An encrypted value was written through Openfire, so its cache may have it; one it cannot decrypt is empty. */
    private Optional<String> value(String name, String stored, int encrypted) {
        if (encrypted == 0) {
            return Optional.ofNullable(stored);
        }
        try {
            return openfire.property(name);
        } catch (OpenfireUnavailableException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String name) {
        withConnection(() -> TEXTS.get("store.deleting", name), connection -> {
            try (PreparedStatement delete = prepare(connection, DELETE, name)) {
                return delete.executeUpdate();
            }
        });
    }

    /** Kept only once the table has the row: Openfire merely logs a failed write. */
    @Override
    public boolean putSecret(String name, String secret) {
        openfire.setProperty(name, secret, true);
        return entries(name).containsKey(name);
    }

    @Override
    public void removeSecret(String name) {
        openfire.deleteProperty(name);
    }

    /**
     * An insert that the primary key lets only one node make, or in one transaction: lock the row, compare in Java,
     * rewrite. The lock's row count is not used: MySQL counts only changed rows.
     */
    @Override
    public boolean compareAndSet(String name, Optional<String> expected, String value) {
        return withConnection(() -> TEXTS.get("store.writing", name), connection -> {
            if (expected.isEmpty()) {
                try (PreparedStatement insert = prepare(connection, INSERT, name, value)) {
                    return insert.executeUpdate() == 1;
                } catch (SQLException e) {
                    if (isConstraintViolation(e)) {
                        return false;
                    }
                    throw e;
                }
            }
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

    /** One clock for every node, read so that no node's or session's time zone enters. */
    @Override
    public Instant now() {
        return withConnection(() -> TEXTS.get("store.reading_clock"), connection -> {
            String sql = epochMillisQuery(connection.getMetaData().getDatabaseProductName());
            try (PreparedStatement statement = prepare(connection, sql); ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException(TEXTS.get("store.no_row", sql));
                }
                return sql.equals(STANDARD_CLOCK) ? row.getTimestamp(1).toInstant()
                        : Instant.ofEpochMilli(row.getLong(1));
            }
        });
    }

    static String epochMillisQuery(String productName) {
        String product = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        // Any other database: a TIMESTAMP, so nodes agree only while all run in one time zone (as the docs say).
        return CLOCKS.stream().filter(clock -> clock.getKey().matcher(product).find()).map(Map.Entry::getValue)
                .findFirst().orElse(STANDARD_CLOCK);
    }

    private static Map.Entry<Pattern, String> clock(String product, String sql) {
        return Map.entry(Pattern.compile(product), sql);
    }

    private static PreparedStatement prepare(Connection connection, String sql, String... parameters)
            throws SQLException {
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
