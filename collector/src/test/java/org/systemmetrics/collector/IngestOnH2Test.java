package org.systemmetrics.collector;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.collector.testing.TestDatabases;

/** The ingest contract on the embedded default: an H2 file database in the data folder. */
class IngestOnH2Test extends IngestContract {
    @TempDir
    static Path dataDir;

    @Override
    protected Map<String, String> database() {
        return TestDatabases.h2(dataDir);
    }
}
