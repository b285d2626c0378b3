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
 * A throw-away database on a real server for one test run, made with the login that {@code .ci/postgres.sh} or
 * {@code .ci/mariadb.sh} creates for the run (environment {@code SYSTEMMETRICS_PG_*} or
 * {@code SYSTEMMETRICS_MARIADB_*}: {@code _URL}, {@code _USER}, {@code _PASSWORD}, {@code _DATABASE}) and dropped
 * again on close, whatever the test did.
 */
public final class ClusterDatabase implements AutoCloseable {
    /** The database servers the tests run on when the environment provides them. */
    public enum Kind {
        POSTGRESQL("PostgreSQL", "SYSTEMMETRICS_PG", "org.postgresql.Driver", "postgresql", "postgresql"),
        MARIADB("MariaDB", "SYSTEMMETRICS_MARIADB", "org.mariadb.jdbc.Driver", "mariadb", "mysql");

        private final String title;
        private final String environment;
        private final String driver;
        private final String openfireSchema;
        private final String reportedAs;

        Kind(String title, String environment, String driver, String openfireSchema, String reportedAs) {
            this.title = title;
            this.environment = environment;
            this.driver = driver;
            this.openfireSchema = openfireSchema;
            this.reportedAs = reportedAs;
        }

        /** The JDBC driver class Openfire is configured with. */
        public String driver() {
            return driver;
        }

        /** {@code <name>} in the distribution's {@code resources/database/openfire_<name>.sql}. */
        public String openfireSchema() {
            return openfireSchema;
        }

        /** What the plugin reports as the cluster's database on this server. */
        public String reportedAs() {
            return reportedAs;
        }

        @Override
        public String toString() {
            return title;
        }
    }

    private final Kind kind;
    private final String serverUrl;
    private final String user;
    private final String password;
    private final String adminDatabase;
    private final String name;

    private ClusterDatabase(Kind kind, String serverUrl, String user, String password, String adminDatabase,
            String name) {
        this.kind = kind;
        this.serverUrl = serverUrl.endsWith("/") ? serverUrl : serverUrl + "/";
        this.user = user;
        this.password = password;
        this.adminDatabase = adminDatabase;
        this.name = name;
    }

    /** A PostgreSQL database; empty when no PostgreSQL was provided to this run (see {@link #missing()}). */
    static Optional<ClusterDatabase> create() throws SQLException {
        return create(Kind.POSTGRESQL);
    }

    /** Empty when no such server was provided to this run; the reason is then in {@link #missing(Kind)}. */
    public static Optional<ClusterDatabase> create(Kind kind) throws SQLException {
        if (!missing(kind).isEmpty()) {
            return Optional.empty();
        }
        String user = env(kind, "USER");
        // MariaDB's login may only create databases whose names start with its own (see .ci/mariadb.sh).
        String prefix = kind == Kind.MARIADB ? user + "_" : "smcluster_";
        ClusterDatabase db = new ClusterDatabase(kind, env(kind, "URL"), user, env(kind, "PASSWORD"),
                env(kind, "DATABASE"), prefix + ProcessHandle.current().pid() + "_" + System.nanoTime());
        try (Connection admin = db.connect(db.adminDatabase); Statement create = admin.createStatement()) {
            create.execute("CREATE DATABASE " + db.name);
        }
        return Optional.of(db);
    }

    private static String env(Kind kind, String part) {
        return System.getenv(kind.environment + "_" + part);
    }

    static String missing() {
        return missing(Kind.POSTGRESQL);
    }

    /** What is missing for a run on this server, in words; empty when everything is there. */
    public static String missing(Kind kind) {
        for (String part : new String[] {"URL", "USER", "PASSWORD", "DATABASE"}) {
            String value = env(kind, part);
            if (value == null || value.isBlank()) {
                return "no " + kind + " (environment " + kind.environment + "_" + part + " is not set; .ci/run "
                        + "provides it through .ci/" + (kind == Kind.MARIADB ? "mariadb" : "postgres") + ".sh)";
            }
        }
        return "";
    }

    public Kind kind() {
        return kind;
    }

    public String jdbcUrl() {
        return serverUrl + name;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** A new connection to this database. */
    public Connection connect() throws SQLException {
        return connect(name);
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
            drop.execute(kind == Kind.POSTGRESQL ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"
                    : "DROP DATABASE IF EXISTS " + name);
        }
    }

    @Override
    public String toString() {
        return kind + " database " + name;
    }
}
