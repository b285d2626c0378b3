package org.systemmetrics.collector.testing;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.systemmetrics.collector.Collector;
import org.systemmetrics.collector.CollectorConfig;

/** A collector started in this JVM on a free loopback port, with a test clock. */
public final class RunningCollector implements AutoCloseable {
    private final Collector collector;
    private final MutableClock clock;

    private RunningCollector(Collector collector, MutableClock clock) {
        this.collector = collector;
        this.clock = clock;
    }

    public static RunningCollector start(Map<String, String> settings, MutableClock clock) throws Exception {
        Map<String, String> all = new HashMap<>();
        all.put("port", "0");
        all.put("aggregate_max_age_seconds", "0");
        all.putAll(settings);
        return new RunningCollector(Collector.start(CollectorConfig.of(all), clock), clock);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + collector.port() + "/");
    }

    public SigningClient newClient() {
        return new SigningClient(uri(), clock);
    }

    public Collector collector() {
        return collector;
    }

    @Override
    public void close() {
        collector.close();
    }

    public static Map<String, String> merge(Map<String, String> base, String... keyValues) {
        Map<String, String> merged = new HashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            merged.put(keyValues[i], keyValues[i + 1]);
        }
        return merged;
    }
}
