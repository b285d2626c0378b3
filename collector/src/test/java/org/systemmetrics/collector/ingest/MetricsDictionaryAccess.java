package org.systemmetrics.collector.ingest;

import java.io.InputStream;

/** Opens the dictionary resource the collector jar carries. */
final class MetricsDictionaryAccess {
    private MetricsDictionaryAccess() {
    }

    static InputStream resource() {
        return MetricsDictionaryAccess.class.getResourceAsStream("/org/systemmetrics/collector/contract/metrics.md");
    }
}
