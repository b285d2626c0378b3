package org.systemmetrics.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.systemmetrics.collector.ingest.Rejection;

/**
 * Everything the collector keeps, in SQL that H2 and PostgreSQL both run: the latest report per installation and
 * its reports per month. Each write is one transaction that locks the installation's row, so collectors sharing a
 * database never interleave two reports of one installation and nothing is ever half-stored.
 */
public final class InstallationStore {
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final int queryTimeoutSeconds;

    /** @param queryTimeout how long any one statement may run or wait before it fails (and the request gets 503) */
    public InstallationStore(DataSource dataSource, java.time.Duration queryTimeout) {
        this.dataSource = dataSource;
        this.queryTimeoutSeconds = (int) Math.max(1, queryTimeout.toSeconds());
    }

    /** What is stored about an installation that the next request is checked against. */
    public record Existing(String fleet, String publicKey, Long lastSignedMillis, String lastBodySha256) {
    }

    /** What to write: the key to pin (null: none), the signed time (null: unsigned) and the body's hash. */
    public record Admitted(boolean duplicate, String pinKey, Long signedMillis, String bodySha256) {
        public static Admitted duplicateOfLast() {
            return new Admitted(true, null, null, null);
        }
    }

    /** Decides, inside the transaction, whether a request may change the installation's data. */
    @FunctionalInterface
    public interface Admission {
        Admitted admit(Optional<Existing> existing) throws Rejection;
    }

    public enum Stored { STORED, DUPLICATE }

    public record Incoming(String clientId, String fleet, String openfireVersion, String reportJson, String cells,
            long nowMillis) {
    }

    public Stored store(Incoming report, Admission admission) throws Rejection {
        for (int attempt = 0; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    Stored stored = storeIn(connection, report, admission);
                    connection.commit();
                    return stored;
                } catch (Rejection | SQLException | RuntimeException e) {
                    rollbackQuietly(connection);
                    throw e;
                }
            } catch (SQLException e) {
                // Two collectors saw a new installation at once: the other's insert won, so read it and decide again.
                if (attempt == 0 && UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    continue;
                }
                throw new StoreUnavailable("storing a report failed", e);
            }
        }
    }

    private Stored storeIn(Connection connection, Incoming report, Admission admission)
            throws SQLException, Rejection {
        Optional<Existing> existing = lock(connection, report.clientId());
        Admitted admitted = admission.admit(existing);
        if (admitted.duplicate()) {
            return Stored.DUPLICATE;
        }
        if (existing.isPresent()) {
            try (PreparedStatement update = prepare(connection, "UPDATE installation SET "
                    + "public_key = COALESCE(public_key, ?), last_signed_ms = ?, last_body_sha256 = ?, last_seen_ms = ?, "
                    + "report_count = report_count + 1, openfire_version = ?, report = ?, cells = ? WHERE client_id = ?")) {
                update.setString(1, admitted.pinKey());
                setLong(update, 2, admitted.signedMillis());
                update.setString(3, admitted.bodySha256());
                update.setLong(4, report.nowMillis());
                update.setString(5, report.openfireVersion());
                update.setString(6, report.reportJson());
                update.setString(7, report.cells());
                update.setString(8, report.clientId());
                update.executeUpdate();
            }
        } else {
            try (PreparedStatement insert = prepare(connection, "INSERT INTO installation (client_id, fleet, "
                    + "public_key, last_signed_ms, last_body_sha256, first_seen_ms, last_seen_ms, report_count, "
                    + "openfire_version, report, cells) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)")) {
                insert.setString(1, report.clientId());
                insert.setString(2, report.fleet());
                insert.setString(3, admitted.pinKey());
                setLong(insert, 4, admitted.signedMillis());
                insert.setString(5, admitted.bodySha256());
                insert.setLong(6, report.nowMillis());
                insert.setLong(7, report.nowMillis());
                insert.setString(8, report.openfireVersion());
                insert.setString(9, report.reportJson());
                insert.setString(10, report.cells());
                insert.executeUpdate();
            }
        }
        String month = YearMonth.from(Instant.ofEpochMilli(report.nowMillis()).atZone(ZoneOffset.UTC)).toString();
        try (PreparedStatement count = prepare(connection, "UPDATE monthly_report_count SET reports = reports + 1, "
                + "openfire_version = ? WHERE client_id = ? AND report_month = ?")) {
            count.setString(1, report.openfireVersion());
            count.setString(2, report.clientId());
            count.setString(3, month);
            if (count.executeUpdate() == 0) {
                try (PreparedStatement first = prepare(connection, "INSERT INTO monthly_report_count "
                        + "(client_id, report_month, reports, openfire_version) VALUES (?, ?, 1, ?)")) {
                    first.setString(1, report.clientId());
                    first.setString(2, month);
                    first.setString(3, report.openfireVersion());
                    first.executeUpdate();
                }
            }
        }
        return Stored.STORED;
    }

    /** Removes everything of one installation if the check passes; false when there was nothing to remove. */
    public boolean erase(String clientId, Admission check) throws Rejection {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Optional<Existing> existing = lock(connection, clientId);
                if (existing.isEmpty()) {
                    connection.rollback();
                    return false;
                }
                check.admit(existing);
                deleteInstallation(connection, "client_id = ?", clientId);
                connection.commit();
                return true;
            } catch (Rejection | SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailable("erasing an installation failed", e);
        }
    }

    /** Removes every installation last heard from before the cutoff; returns how many. */
    public int purgeSilentSince(long cutoffMillis) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int removed = deleteInstallation(connection, "last_seen_ms < ?", cutoffMillis);
                connection.commit();
                return removed;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailable("removing silent installations failed", e);
        }
    }

    private int deleteInstallation(Connection connection, String where, Object value) throws SQLException {
        // The monthly rows go first, explicitly, rather than trusting every database's cascade.
        try (PreparedStatement months = prepare(connection, "DELETE FROM monthly_report_count WHERE client_id IN "
                + "(SELECT client_id FROM installation WHERE " + where + ")");
             PreparedStatement rows = prepare(connection, "DELETE FROM installation WHERE " + where)) {
            months.setObject(1, value);
            months.executeUpdate();
            rows.setObject(1, value);
            return rows.executeUpdate();
        }
    }

    /** A stored latest report. */
    public record StoredReport(String clientId, String fleet, long lastSeenMillis, long reportCount, String reportJson) {
    }

    /** Streams the cells (ReportCells) of every installation seen since the cutoff with at least minReports reports. */
    public void forEachCountedCells(long cutoffMillis, int minReports, Consumer<String> consumer) {
        try (Connection connection = dataSource.getConnection()) {
            // PostgreSQL streams with a cursor only inside a transaction; 100,000 rows never sit in memory at once.
            connection.setAutoCommit(false);
            try (PreparedStatement statement = prepare(connection, "SELECT cells FROM installation "
                    + "WHERE last_seen_ms >= ? AND report_count >= ?")) {
                statement.setFetchSize(2000);
                statement.setLong(1, cutoffMillis);
                statement.setInt(2, minReports);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        consumer.accept(result.getString(1));
                    }
                }
            } finally {
                rollbackQuietly(connection);
            }
        } catch (SQLException e) {
            throw new StoreUnavailable("reading reports failed", e);
        }
    }

    /** Every installation of one fleet seen since the cutoff, however often it reported, newest first. */
    public List<StoredReport> fleet(String fleet, long cutoffMillis) {
        List<StoredReport> servers = new ArrayList<>();
        query("SELECT client_id, fleet, last_seen_ms, report_count, report FROM installation "
                + "WHERE fleet = ? AND last_seen_ms >= ? ORDER BY last_seen_ms DESC", fleet, cutoffMillis, servers::add);
        return servers;
    }

    /** One row of the version history: installations that reported this version as their last of the month. */
    public record MonthVersion(String month, String version, long installations) {
    }

    public List<MonthVersion> monthlyVersions(long cutoffMillis, int minReports) {
        String sql = "SELECT m.report_month, m.openfire_version, COUNT(*) FROM monthly_report_count m "
                + "JOIN installation i ON i.client_id = m.client_id WHERE i.last_seen_ms >= ? AND i.report_count >= ? "
                + "GROUP BY m.report_month, m.openfire_version ORDER BY m.report_month, m.openfire_version";
        List<MonthVersion> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql)) {
            statement.setLong(1, cutoffMillis);
            statement.setInt(2, minReports);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new MonthVersion(result.getString(1).trim(), result.getString(2), result.getLong(3)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreUnavailable("reading the version history failed", e);
        }
    }

    /** The installation's latest report, if the collector holds one. */
    public Optional<StoredReport> latest(String clientId) {
        List<StoredReport> found = new ArrayList<>();
        query("SELECT client_id, fleet, last_seen_ms, report_count, report FROM installation WHERE client_id = ? "
                + "AND last_seen_ms >= ?", clientId, Long.MIN_VALUE, found::add);
        return found.stream().findFirst();
    }

    /** Whether anything at all is stored about the installation (tests and erasure checks). */
    public boolean holds(String clientId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, 
                     "SELECT (SELECT COUNT(*) FROM installation WHERE client_id = ?) "
                             + "+ (SELECT COUNT(*) FROM monthly_report_count WHERE client_id = ?)")) {
            statement.setString(1, clientId);
            statement.setString(2, clientId);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new StoreUnavailable("reading an installation failed", e);
        }
    }

    private void query(String sql, Object first, Object second, Consumer<StoredReport> consumer) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = prepare(connection, sql)) {
                statement.setFetchSize(500);
                statement.setObject(1, first);
                statement.setObject(2, second);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        consumer.accept(new StoredReport(result.getString(1), result.getString(2), result.getLong(3),
                                result.getLong(4), result.getString(5)));
                    }
                }
            } finally {
                rollbackQuietly(connection);
            }
        } catch (SQLException e) {
            throw new StoreUnavailable("reading reports failed", e);
        }
    }

    private Optional<Existing> lock(Connection connection, String clientId) throws SQLException {
        try (PreparedStatement select = prepare(connection, "SELECT fleet, public_key, last_signed_ms, "
                + "last_body_sha256 FROM installation WHERE client_id = ? FOR UPDATE")) {
            select.setString(1, clientId);
            try (ResultSet result = select.executeQuery()) {
                if (!result.next()) {
                    return Optional.empty();
                }
                long signed = result.getLong(3);
                Long lastSigned = result.wasNull() ? null : signed;
                return Optional.of(new Existing(result.getString(1), result.getString(2), lastSigned, result.getString(4)));
            }
        }
    }

    /** Every statement goes through here, so none can wait on a hung database for longer than the timeout. */
    private PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            statement.setQueryTimeout(queryTimeoutSeconds);
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
        return statement;
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, java.sql.Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the database drops the transaction with it
        }
    }
}
