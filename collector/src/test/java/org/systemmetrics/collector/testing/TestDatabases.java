package org.systemmetrics.collector.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Where a test's collector keeps its data: a fresh embedded H2 file database, or a fresh PostgreSQL database
 * created with the CREATEDB role that .ci/postgres.sh exports (SYSTEMMETRICS_PG_URL, _USER, _PASSWORD) and dropped
 * afterwards. Without those variables the PostgreSQL tests are skipped, unless -Dcollector.require=true.
 */
public final class TestDatabases {
    private TestDatabases() {
    }

    /** Collector settings for a new embedded database in its own folder. */
    public static Map<String, String> h2(Path folder) {
        Map<String, String> settings = new HashMap<>();
        settings.put("data_dir", folder.toString());
        return settings;
    }

    public static boolean required() {
        return Boolean.getBoolean("collector.require");
    }

    /** A new PostgreSQL database; {@link Postgres#close()} drops it. */
    public static Postgres postgres() throws SQLException {
        String url = System.getenv("SYSTEMMETRICS_PG_URL");
        if (url == null || url.isBlank()) {
            if (required()) {
                throw new IllegalStateException("SYSTEMMETRICS_PG_URL is not set, and -Dcollector.require=true: "
                        + "source .ci/postgres.sh first");
            }
            assumeTrue(false, "PostgreSQL tests skipped: SYSTEMMETRICS_PG_URL is not set (source .ci/postgres.sh)");
        }
        String adminDatabase = System.getenv().getOrDefault("SYSTEMMETRICS_PG_DATABASE", "postgres");
        return new Postgres(url, System.getenv("SYSTEMMETRICS_PG_USER"), System.getenv("SYSTEMMETRICS_PG_PASSWORD"),
                adminDatabase);
    }

    public static final class Postgres implements AutoCloseable {
        private final String serverUrl;
        private final String user;
        private final String password;
        private final String name;
        private final String adminDatabase;

        Postgres(String serverUrl, String user, String password, String adminDatabase) throws SQLException {
            this.adminDatabase = adminDatabase;
            this.serverUrl = serverUrl.endsWith("/") ? serverUrl : serverUrl + "/";
            this.user = user;
            this.password = password;
            this.name = "collector_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            try (Connection admin = DriverManager.getConnection(this.serverUrl + adminDatabase, user, password);
                 Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            }
        }

        public Map<String, String> settings(Path dataDir) {
            Map<String, String> settings = new HashMap<>();
            settings.put("data_dir", dataDir.toString());
            settings.put("jdbc.url", serverUrl + name);
            settings.put("jdbc.user", user);
            settings.put("jdbc.password", password);
            return settings;
        }

        public String url() {
            return serverUrl + name;
        }

        @Override
        public void close() throws SQLException {
            try (Connection admin = DriverManager.getConnection(serverUrl + adminDatabase, user, password);
                 Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
