package org.systemmetrics.collector.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.systemmetrics.collector.CollectorConfig;

/** The connection pool, with the schema migrated to the current version when the collector starts. */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;

    private Database(HikariDataSource pool) {
        this.pool = pool;
    }

    public static Database open(CollectorConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("collector");
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.jdbcUser());
        hikari.setPassword(config.jdbcPassword());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setConnectionTimeout(config.connectTimeout().toMillis());
        hikari.setValidationTimeout(Math.min(config.connectTimeout().toMillis(), 5_000));
        // Start even while the database is away: requests answer 503 until it is back.
        hikari.setInitializationFailTimeout(-1);
        hikari.setAutoCommit(true);
        hikari.setExceptionOverrideClassName(BrokenConnections.class.getName());
        boundWaits(hikari, config);
        HikariDataSource pool = new HikariDataSource(hikari);
        try {
            // Several collectors on one PostgreSQL: Flyway takes a lock, so only one migrates.
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool);
    }

    /**
     * A database that hangs instead of refusing must not hold request threads forever. Every statement carries a
     * query timeout (InstallationStore); on top of that, PostgreSQL's driver drops a connection whose server has
     * stopped answering altogether ({@code socketTimeout}, a little longer than the query timeout, so that a statement
     * the timeout cancels is answered first) and gives up connecting after the connect timeout. H2 waits for a
     * locked row for its own lock timeout, which a query timeout does not shorten: it is set to the query timeout.
     * A PostgreSQL URL that sets socketTimeout or connectTimeout itself keeps its own value; on H2 this lock timeout
     * replaces one given in the URL.
     */
    private static void boundWaits(HikariConfig hikari, CollectorConfig config) {
        String url = config.jdbcUrl();
        if (url.startsWith("jdbc:postgresql:")) {
            hikari.addDataSourceProperty("socketTimeout", Long.toString(config.queryTimeout().toSeconds() + 5));
            hikari.addDataSourceProperty("connectTimeout",
                    Long.toString(Math.max(1, (config.connectTimeout().toMillis() + 999) / 1000)));
        } else if (url.startsWith("jdbc:h2:")) {
            hikari.setConnectionInitSql("SET LOCK_TIMEOUT " + config.queryTimeout().toMillis());
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    /** True when a connection can be had and is valid now. */
    public boolean isUp() {
        try (Connection connection = pool.getConnection()) {
            if (connection.isValid(2)) {
                return true;
            }
            pool.evictConnection(connection); // or the pool would hand the dead connection out again at once
            return false;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
