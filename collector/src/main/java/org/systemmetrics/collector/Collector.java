package org.systemmetrics.collector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.collector.contract.KnownPlugins;
import org.systemmetrics.collector.contract.MetricsDictionary;
import org.systemmetrics.collector.http.CollectorHandler;
import org.systemmetrics.collector.ingest.IngestService;
import org.systemmetrics.collector.ingest.ReportValidator;
import org.systemmetrics.collector.publish.AggregateCache;
import org.systemmetrics.collector.publish.Aggregator;
import org.systemmetrics.collector.publish.DashboardPage;
import org.systemmetrics.collector.store.Database;
import org.systemmetrics.collector.store.InstallationStore;

/**
 * The running collector: wires the parts, serves HTTP, removes silent installations hourly and quiet senders from the
 * rate limiters every minute, and on {@link #close()} stops accepting, lets requests in flight finish, then closes
 * the database pool.
 */
public final class Collector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);

    private final CollectorConfig config;
    private final Clock clock;
    private final Database database;
    private final InstallationStore store;
    private final Server server;
    private final ScheduledThreadPoolExecutor retention;
    private boolean closed;

    private Collector(CollectorConfig config, Clock clock, Database database, Server server,
            ScheduledThreadPoolExecutor retention) {
        this.config = config;
        this.clock = clock;
        this.database = database;
        this.store = new InstallationStore(database.dataSource(), config.queryTimeout());
        this.server = server;
        this.retention = retention;
    }

    public static Collector start(CollectorConfig config, Clock clock) throws Exception {
        MetricsDictionary dictionary = MetricsDictionary.load();
        KnownPlugins knownPlugins = KnownPlugins.load();
        if (config.embeddedDatabase()) {
            Files.createDirectories(config.dataDir());
        }
        Database database = Database.open(config);
        InstallationStore store = new InstallationStore(database.dataSource(), config.queryTimeout());
        IngestService ingest = new IngestService(config, new ReportValidator(dictionary, knownPlugins), store, clock);
        AggregateCache aggregates = new AggregateCache(new Aggregator(store, knownPlugins, config, clock), clock,
                config.aggregateMaxAge());
        CollectorHandler handler = new CollectorHandler(ingest, store, database, aggregates,
                new DashboardPage(chartJsPath()), config.maxBodyBytes(), config.clientAddressHeader(),
                config.retention(), clock);

        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("collector-http");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(config.bind());
        connector.setPort(config.port());
        server.addConnector(connector);
        GracefulHandler graceful = new GracefulHandler(handler);
        server.setHandler(graceful);
        server.setErrorHandler(CollectorHandler::jettyRefusal);
        server.setStopTimeout(config.shutdownTimeout().toMillis());
        server.setStopAtShutdown(false); // CollectorMain's hook stops it, then closes the pool
        try {
            server.start();
        } catch (Exception e) {
            database.close();
            throw e;
        }
        ScheduledThreadPoolExecutor retention = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "collector-retention");
            thread.setDaemon(true);
            return thread;
        });
        Collector collector = new Collector(config, clock, database, server, retention);
        retention.scheduleWithFixedDelay(collector::purgeQuietly, 0, 1, TimeUnit.HOURS);
        // Without it a quiet collector would hold an address until the 1,024th request after it: days, perhaps.
        retention.scheduleWithFixedDelay(ingest::forgetQuietSenders, 1, 1, TimeUnit.MINUTES);
        LOG.atInfo().addKeyValue("event", "started").addKeyValue("address", config.bind())
                .addKeyValue("port", collector.port()).addKeyValue("config", config.describe())
                .log("collector listening on http://{}:{}/", config.bind(), collector.port());
        return collector;
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public InstallationStore store() {
        return store;
    }

    /** The periodic work waiting on the retention thread: a test finds the minute's sweep among it. */
    BlockingQueue<Runnable> scheduled() {
        return retention.getQueue();
    }

    /** Removes every installation silent for longer than the retention period; returns how many. */
    public int purgeSilent() {
        int removed = store.purgeSilentSince(clock.millis() - config.retention().toMillis());
        if (removed > 0) {
            LOG.atInfo().addKeyValue("event", "retention_purge").addKeyValue("removed", removed)
                    .log("removed installations silent for more than {} days", config.retention().toDays());
        }
        return removed;
    }

    private void purgeQuietly() {
        try {
            purgeSilent();
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("event", "retention_purge_failed").addKeyValue("cause", String.valueOf(e.getCause()))
                    .log("removing silent installations failed; trying again in an hour");
        }
    }

    /** Graceful: no new connections, requests in flight finish (within shutdown_timeout_seconds), pool closed. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.atInfo().addKeyValue("event", "stopping").log("collector stopping: finishing requests in flight");
        // Not shutdownNow: interrupting a sweep in the middle of H2's file I/O closes the embedded database under
        // the requests that are still being finished. A running sweep ends by itself; no new one starts.
        retention.shutdown();
        try {
            server.stop();
        } catch (Exception e) {
            LOG.atWarn().addKeyValue("event", "stop_failed").setCause(e).log("the HTTP server did not stop cleanly");
        } finally {
            database.close();
        }
        LOG.atInfo().addKeyValue("event", "stopped").log("collector stopped");
    }

    /** The path of Chart.js inside its webjar, found from the webjar's own Maven properties. */
    static String chartJsPath() {
        String properties = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";
        try (InputStream in = Collector.class.getClassLoader().getResourceAsStream(properties)) {
            if (in == null) {
                throw new IllegalStateException("the Chart.js webjar is missing from the class path");
            }
            Properties webjar = new Properties();
            webjar.load(in);
            return "/webjars/chart.js/" + webjar.getProperty("version") + "/dist/chart.umd.js";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
