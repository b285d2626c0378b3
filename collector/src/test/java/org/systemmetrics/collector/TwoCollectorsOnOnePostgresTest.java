package org.systemmetrics.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.collector.testing.MutableClock;
import org.systemmetrics.collector.testing.Reports;
import org.systemmetrics.collector.testing.RunningCollector;
import org.systemmetrics.collector.testing.SigningClient;
import org.systemmetrics.collector.testing.TestDatabases;

/**
 * Two collectors on one PostgreSQL database, as behind a load balancer: the same new installation reaching both at
 * once, each with another key, is pinned exactly once; the other request is refused, never half-stored.
 */
class TwoCollectorsOnOnePostgresTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T12:00:00Z"));
    @TempDir
    Path dataDir;

    @Test
    void aNewInstallationReachingBothAtOnceIsPinnedOnce() throws Exception {
        try (TestDatabases.Postgres postgres = TestDatabases.postgres();
             RunningCollector first = RunningCollector.start(postgres.settings(dataDir.resolve("a")), clock);
             RunningCollector second = RunningCollector.start(postgres.settings(dataDir.resolve("b")), clock)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Reports> reports = new ArrayList<>();
                List<Future<HttpResponse<String>>> viaFirst = new ArrayList<>();
                List<Future<HttpResponse<String>>> viaSecond = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    Reports report = Reports.any();
                    reports.add(report);
                    SigningClient a = first.newClient();
                    SigningClient b = second.newClient();
                    viaFirst.add(pool.submit(() -> a.report(report.json())));
                    viaSecond.add(pool.submit(() -> b.report(report.json())));
                }
                for (int i = 0; i < reports.size(); i++) {
                    int one = viaFirst.get(i).get().statusCode();
                    int other = viaSecond.get(i).get().statusCode();
                    assertThat(List.of(one, other)).as("installation %d", i).containsExactlyInAnyOrder(200, 403);
                    var stored = first.collector().store().latest(reports.get(i).clientId()).orElseThrow();
                    assertThat(stored.reportCount()).isEqualTo(1);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
