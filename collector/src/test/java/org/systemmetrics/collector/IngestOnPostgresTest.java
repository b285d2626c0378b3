package org.systemmetrics.collector;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.collector.testing.TestDatabases;

/** The ingest contract on real PostgreSQL, in a database of this class's own, dropped at the end. */
class IngestOnPostgresTest extends IngestContract {
    @TempDir
    static Path dataDir;
    private TestDatabases.Postgres postgres;

    @Override
    protected Map<String, String> database() throws Exception {
        postgres = TestDatabases.postgres();
        return postgres.settings(dataDir);
    }

    @Override
    protected void dropDatabase() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }
}
