package org.systemmetrics.collector.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.collector.Collector;
import org.systemmetrics.collector.CollectorConfig;
import org.systemmetrics.collector.contract.KnownPlugins;
import org.systemmetrics.collector.publish.Aggregator;
import org.systemmetrics.collector.publish.ReportCells;
import org.systemmetrics.collector.testing.Reports;
import org.systemmetrics.collector.testing.SigningClient;
import org.systemmetrics.collector.testing.TestDatabases;

/**
 * The load driver behind docs/performance.md's "Collector" figures, on PostgreSQL. Not part of the normal run:
 * {@code mvn -B -f collector/pom.xml test -Dtest=CollectorLoadBench -Dcollector.bench=true} with .ci/postgres.sh's
 * variables set. The driver and the collector share the machine, so the ingest figure is a lower bound.
 */
class CollectorLoadBench {
    private static final int INSTALLATIONS = 100_000;
    private static final String[] VERSIONS = {"4.8.3", "4.9.2", "5.0.0", "5.0.1", "5.1.1"};
    private static final String[] PLUGINS = {"restapi", "monitoring", "hazelcast", "httpfileupload", "presence",
            "userservice", "certificatemanager", "inverse"};

    @TempDir
    Path dataDir;

    @Test
    void ingestAggregatesAndDashboard() throws Exception {
        assumeTrue(Boolean.getBoolean("collector.bench"), "the load driver runs only with -Dcollector.bench=true");
        try (TestDatabases.Postgres postgres = TestDatabases.postgres()) {
            var settings = postgres.settings(dataDir);
            settings.put("port", "0");
            settings.put("rate.address.burst", "1000000");
            settings.put("rate.address.per_minute", "100000000");
            settings.put("jdbc.pool_size", "16");
            settings.put("aggregate_max_age_seconds", "600");
            settings.put("require_signature", "false"); // the second ingest run measures unsigned reports
            Collector collector = Collector.start(CollectorConfig.of(settings), Clock.systemUTC());
            try {
                URI base = URI.create("http://127.0.0.1:" + collector.port() + "/");
                // -Dcollector.bench.ingest=false measures only the aggregates and the dashboard.
                if (!"false".equals(System.getProperty("collector.bench.ingest"))) {
                    for (String keys : List.of("P-256", "RSA-2048", "none")) {
                        ingest(base, keys, 400, false); // warm-up: JIT, pool, PostgreSQL caches
                    }
                    for (String keys : List.of("P-256", "RSA-2048", "none")) {
                        ingest(base, keys, 2_000, true);
                    }
                }
                seed(postgres);
                aggregates(collector, settings);
                dashboard(base);
            } finally {
                collector.close();
            }
        }
    }

    /**
     * Reports from 2,000 new installations, 5 each, sent by 16 threads; signing is done before the clock runs. Besides
     * the wall-clock rate (on a shared machine) it prints the CPU the collector's request threads spent per report,
     * which says what two cores of its own would take.
     */
    private void ingest(URI base, String keys, int installations, boolean print) throws Exception {
        boolean signed = !keys.equals("none");
        int perInstallation = 5;
        List<HttpRequest> requests = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < installations; i++) {
            SigningClient plugin = keys.equals("RSA-2048") ? SigningClient.withRsaKey(base, Clock.systemUTC())
                    : new SigningClient(base, Clock.systemUTC());
            Reports report = shaped(Reports.any(), new Random(i));
            for (int r = 0; r < perInstallation; r++) {
                requests.add(signed ? plugin.signedReport(report.json(), now + r).build()
                        : plugin.unsignedReport(report.json()).build());
            }
        }
        // Round-robin by report number so no installation hits its own rate limit in a burst.
        List<HttpRequest> ordered = new ArrayList<>();
        for (int r = 0; r < perInstallation; r++) {
            for (int i = 0; i < installations; i++) {
                ordered.add(requests.get(i * perInstallation + r));
            }
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        long cpuStart = collectorCpuNanos();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            workers.add(pool.submit(() -> {
                int index;
                while ((index = next.getAndIncrement()) < ordered.size()) {
                    HttpResponse<String> response = http.send(ordered.get(index), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        ok.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMillisPerReport = (collectorCpuNanos() - cpuStart) / 1e6 / ordered.size();
        pool.shutdown();
        assertThat(ok.get()).isEqualTo(ordered.size());
        if (!print) {
            return;
        }
        System.out.printf("BENCH ingest on Java %s: %d %s reports in %.2f s = %.0f reports/s (%d answered 200); collector CPU "
                + "%.3f ms per report = %.0f reports/s per two cores of its own%n", Runtime.version().feature(),
                ordered.size(),
                signed ? "signed (" + keys + ")" : "unsigned", seconds, ordered.size() / seconds, ok.get(), cpuMillisPerReport,
                2000 / cpuMillisPerReport);
    }

    /** CPU time of the collector's HTTP threads, which do all of ingest's work in this JVM. */
    private static long collectorCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("collector-http")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /** 100,000 installations with two reports each, written straight into the tables. */
    private void seed(TestDatabases.Postgres postgres) throws Exception {
        var settings = postgres.settings(dataDir);
        long now = System.currentTimeMillis();
        try (Connection connection = DriverManager.getConnection(postgres.url(), settings.get("jdbc.user"),
                settings.get("jdbc.password"))) {
            connection.setAutoCommit(false);
            try (PreparedStatement installation = connection.prepareStatement("INSERT INTO installation (client_id, "
                    + "first_seen_ms, last_seen_ms, report_count, openfire_version, report, cells) VALUES (?, ?, ?, 2, ?, ?, ?)");
                 PreparedStatement month = connection.prepareStatement("INSERT INTO monthly_report_count (client_id, "
                         + "report_month, reports, openfire_version) VALUES (?, ?, 2, ?)")) {
                Random random = new Random(42);
                for (int i = 0; i < INSTALLATIONS; i++) {
                    Reports report = shaped(Reports.any(), random);
                    String json = JsonParser.parseString(report.json()).toString();
                    String version = JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("events").get(0)
                            .getAsJsonObject().getAsJsonObject("params").get("version").getAsString();
                    installation.setString(1, report.clientId());
                    installation.setLong(2, now);
                    installation.setLong(3, now);
                    installation.setString(4, version);
                    installation.setString(5, json);
                    installation.setString(6, ReportCells.of(JsonParser.parseString(json).getAsJsonObject()));
                    installation.addBatch();
                    month.setString(1, report.clientId());
                    month.setString(2, "2026-0" + (1 + random.nextInt(6)));
                    month.setString(3, version);
                    month.addBatch();
                    if (i % 1000 == 999) {
                        installation.executeBatch();
                        month.executeBatch();
                        connection.commit();
                    }
                }
            }
        }
    }

    private void aggregates(Collector collector, java.util.Map<String, String> settings) {
        Aggregator aggregator = new Aggregator(collector.store(), KnownPlugins.load(), CollectorConfig.of(settings),
                Clock.systemUTC());
        double[] seconds = new double[3];
        for (int i = 0; i < seconds.length; i++) {
            long start = System.nanoTime();
            var published = aggregator.compute();
            seconds[i] = (System.nanoTime() - start) / 1e9;
            assertThat(published.installations()).isPresent();
        }
        System.out.printf("BENCH aggregates over %d+ installations: %s s%n", INSTALLATIONS, Arrays.toString(seconds));
    }

    private void dashboard(URI base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest page = HttpRequest.newBuilder(base).GET().build();
        long firstStart = System.nanoTime();
        assertThat(http.send(page, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        double first = (System.nanoTime() - firstStart) / 1e6;
        double[] millis = new double[50];
        int bytes = 0;
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(page, HttpResponse.BodyHandlers.ofString());
            millis[i] = (System.nanoTime() - start) / 1e6;
            bytes = response.body().length();
        }
        Arrays.sort(millis);
        System.out.printf("BENCH dashboard (%d chars): first %.0f ms (computes the aggregates), then median %.1f ms, "
                + "p95 %.1f ms, max %.1f ms%n", bytes, first, millis[25], millis[47], millis[49]);
    }

    private static Reports shaped(Reports report, Random random) {
        report.version(VERSIONS[random.nextInt(VERSIONS.length)]).nodes(1 + random.nextInt(random.nextInt(10) == 0 ? 8 : 1))
                .messagesIn(random.nextInt(200_000));
        int plugins = random.nextInt(4);
        for (int p = 0; p < plugins; p++) {
            report.plugin(PLUGINS[(p * 3 + random.nextInt(PLUGINS.length)) % PLUGINS.length], "1." + random.nextInt(5) + ".0");
        }
        report.transport("c2s_tcp", random.nextInt(4) == 0 ? "optional" : "required").transport("s2s", "optional")
                .backend("user", random.nextInt(5) == 0 ? "ldap" : "default");
        return report;
    }
}
