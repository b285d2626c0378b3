package org.systemmetrics.collector;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar systemmetrics-collector.jar [--config collector.properties]}: runs until SIGTERM or Ctrl-C,
 * then shuts down gracefully. The configuration file may also be named by COLLECTOR_CONFIG.
 */
public final class CollectorMain {
    private CollectorMain() {
    }

    public static void main(String[] args) throws Exception {
        Path file = null;
        if (args.length == 2 && args[0].equals("--config")) {
            file = Path.of(args[1]);
        } else if (args.length != 0) {
            System.err.println("usage: java -jar systemmetrics-collector.jar [--config collector.properties]");
            System.exit(2);
        } else if (System.getenv("COLLECTOR_CONFIG") != null) {
            file = Path.of(System.getenv("COLLECTOR_CONFIG"));
        }
        CollectorConfig config;
        try {
            config = CollectorConfig.load(file, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("collector: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        Collector collector = Collector.start(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            collector.close();
            stopped.countDown();
        }, "collector-shutdown"));
        stopped.await();
    }
}
