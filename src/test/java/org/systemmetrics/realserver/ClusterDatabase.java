package org.systemmetrics.realserver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A throw-away PostgreSQL database for one run of the real-cluster test, made with the login that
 * {@code .ci/postgres.sh} creates for the run (environment {@code SYSTEMMETRICS_PG_URL}, {@code _USER},
 * {@code _PASSWORD}, {@code _DATABASE}) and dropped again on close, whatever the test did.
 */
final class ClusterDatabase implements AutoCloseable {
    static final String URL = "SYSTEMMETRICS_PG_URL";
    static final String USER = "SYSTEMMETRICS_PG_USER";
    static final String PASSWORD = "SYSTEMMETRICS_PG_PASSWORD";
    static final String DATABASE = "SYSTEMMETRICS_PG_DATABASE";

    private final String serverUrl;
    private final String user;
    private final String password;
    private final String adminDatabase;
    private final String name;

    private ClusterDatabase(String serverUrl, String user, String password, String adminDatabase, String name) {
        this.serverUrl = serverUrl.endsWith("/") ? serverUrl : serverUrl + "/";
        this.user = user;
        this.password = password;
        this.adminDatabase = adminDatabase;
        this.name = name;
    }

    /** Empty when no PostgreSQL was provided to this run; the reason is then in {@link #missing()}. */
    static Optional<ClusterDatabase> create() throws SQLException {
        if (!missing().isEmpty()) {
            return Optional.empty();
        }
        ClusterDatabase db = new ClusterDatabase(System.getenv(URL), System.getenv(USER), System.getenv(PASSWORD),
                System.getenv(DATABASE), "smcluster_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis());
        try (Connection admin = db.connect(db.adminDatabase); Statement create = admin.createStatement()) {
            create.execute("CREATE DATABASE " + db.name);
        }
        return Optional.of(db);
    }

    /** What is missing for a PostgreSQL run, in words; empty when everything is there. */
    static String missing() {
        for (String variable : new String[] {URL, USER, PASSWORD, DATABASE}) {
            String value = System.getenv(variable);
            if (value == null || value.isBlank()) {
                return "no PostgreSQL for the cluster test (environment " + variable + " is not set; .ci/run provides it "
                        + "through .ci/postgres.sh)";
            }
        }
        return "";
    }

    String jdbcUrl() {
        return serverUrl + name;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(serverUrl + database, user, password);
    }

    /** Every {@code systemmetrics.*} row of {@code ofProperty}, read from the table itself. */
    Map<String, String> pluginProperties() throws SQLException {
        Map<String, String> rows = new LinkedHashMap<>();
        try (Connection c = connect(name);
                PreparedStatement select = c.prepareStatement(
                        "SELECT name, propValue FROM ofProperty WHERE name LIKE 'systemmetrics.%' ORDER BY name");
                ResultSet result = select.executeQuery()) {
            while (result.next()) {
                rows.put(result.getString(1), result.getString(2));
            }
        }
        return rows;
    }

    /** Forgets everything the plugin stored: the next start is a first start without a cluster ID. */
    void forgetPluginProperties() throws SQLException {
        try (Connection c = connect(name); Statement delete = c.createStatement()) {
            delete.execute("DELETE FROM ofProperty WHERE name LIKE 'systemmetrics.%'");
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection admin = connect(adminDatabase); Statement drop = admin.createStatement()) {
            drop.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL database " + name;
    }
}
