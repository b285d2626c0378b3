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
