package org.systemmetrics.core.delivery.ga4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.core.NewFields;
import org.systemmetrics.core.ReportSchedule;
import org.systemmetrics.core.SystemMetricsService;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.core.cluster.SendLedger;
import org.systemmetrics.core.config.ConsoleSettings;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.config.TestConfigs;
import org.systemmetrics.core.consent.ConsentPolicy;
import org.systemmetrics.core.delivery.Delivery;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.identity.ClusterIdentity;
import org.systemmetrics.core.report.Collector;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.ReportAssembler;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.core.report.ReportFields;
import org.systemmetrics.core.report.ReportFileWriter;
import org.systemmetrics.testing.LogCapture;
import org.systemmetrics.testing.ManualScheduler;
import org.systemmetrics.testing.MemorySharedStore;

/**
 * A bad month in one test: 1 000 report cycles (periodic_report 1 ms on a hand-moved clock) against a
 * stand-in for Google that answers at random 204, 500, 429, garbage or nothing at all, with some cycles
 * aimed at a port where nobody listens. Nothing may escape, every cycle must leave a complete report file,
 * the history must stay capped, our threads must not pile up, and every cycle that could succeed must.
 */
class DeliveryFaultSoakTest {
    private static final int CYCLES = 1_000;
    private static final String ID = "G-SOAKTEST1";

    @TempDir
    Path logs;

    private enum Answer { OK, SERVER_ERROR, TOO_MANY, GARBAGE, HANG }

    private static FakeGoogle.Behaviour behaviour(Answer answer) {
        switch (answer) {
            case OK: return FakeGoogle.Behaviour.status(204);
            case SERVER_ERROR: return FakeGoogle.Behaviour.status(500, "{\"error\":\"backend\"}", Map.of());
            case TOO_MANY: return FakeGoogle.Behaviour.status(429, "", Map.of("Retry-After", "1"));
            case GARBAGE: return FakeGoogle.Behaviour.garbage(200);
            default: return FakeGoogle.Behaviour.hang();
        }
    }

    private static ServiceConfig config(URI endpoint) {
        return TestConfigs.console(ConsoleSettings.of(Map.of("report", "true", "initial_report", "1",
                        "periodic_report", "1", "tracking_id", ID,
                        "tracking_secret", org.systemmetrics.core.config.SecretBinding.seal(Fixtures.SECRET, endpoint),
                        "google_analytics_url", endpoint.toString())));
    }

    private static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + FakeGoogle.COLLECT);
        }
    }

    private static long ourThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("systemmetrics")).count();
    }

    @Test
    void aThousandCyclesOfRandomFailuresBreakNothing() throws Exception {
        Random random = new Random(20261129L);
        List<Answer> script = new ArrayList<>();
        for (int i = 0; i < CYCLES * 3; i++) {
            double roll = random.nextDouble();
            script.add(roll < 0.015 ? Answer.HANG : roll < 0.55 ? Answer.OK : roll < 0.70 ? Answer.SERVER_ERROR
                    : roll < 0.85 ? Answer.TOO_MANY : Answer.GARBAGE);
        }
        TestDelivery delivery = Fixtures.delivery().responseTimeout(Duration.ofMillis(200)).budget(Duration.ofSeconds(5))
                .build();
        ManualScheduler scheduler = new ManualScheduler();
        try (FakeGoogle google = FakeGoogle.http(); LogCapture log = new LogCapture()) {
            google.script(ID, script.stream().map(DeliveryFaultSoakTest::behaviour).toArray(FakeGoogle.Behaviour[]::new));
            URI live = google.collectUrl();
            URI dead = closedPort();
            AtomicReference<ServiceConfig> current = new AtomicReference<>(config(live));
            AtomicReference<String> id = new AtomicReference<>();
            Collector cluster = new Collector() {
                @Override
                public String name() {
                    return "cluster";
                }

                @Override
                public List<Event> collect(ReportContext context) {
                    return List.of(Event.named("cluster").param("version", "5.1.1").param("node_count", 1).build());
                }
            };
            SystemMetricsService service = new SystemMetricsService(current::get, () -> "",
                    new ConsentPolicy(Map.of(), logs.resolve(ReportFileWriter.FILE_NAME), logs.resolveSibling("conf"),
                            logs.resolveSibling("no-template.yml")), delivery::recipients,
                    on -> { }, categories -> { }, new ReportSchedule(new ReportAssembler(List.of(cluster),
                            scheduler.clock()), new ReportFileWriter(logs), new ClusterIdentity(new MemorySharedStore(),
                            "systemmetrics.cluster_id"), new NewFields(ReportFields.of(Map.of("cluster", "0.1.0")),
                            new MemorySharedStore(), "systemmetrics.fields_announced", "systemmetrics.fields_seen"),
                            delivery.delivery(), () -> NodeRole.ALONE,
                            new SendLedger(new MemorySharedStore(), "systemmetrics.last_sent_at"), scheduler));
            service.start();
            long threadsAfterWarmUp = -1;
            int couldSucceed = 0;
            int succeeded = 0;
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                boolean refused = random.nextDouble() < 0.05;
                current.set(config(refused ? dead : live));
                service.reconfigure();
                scheduler.runDue();
                int firstRequest = google.requestsFor(ID).size();

                scheduler.advance(Duration.ofMillis(1));

                JsonObject file = JsonParser.parseString(Files.readString(logs.resolve(ReportFileWriter.FILE_NAME)))
                        .getAsJsonObject();
                assertThat(file.get("generated_at").getAsString()).as("cycle " + cycle)
                        .isEqualTo(scheduler.now().toString());
                assertThat(file.getAsJsonArray("events")).hasSize(1);
                List<DeliveryOutcome> outcomes = service.status().lastOutcomes();
                assertThat(outcomes).as("cycle " + cycle).hasSize(1);
                if (!refused && script.get(firstRequest) == Answer.OK) {
                    couldSucceed++;
                    assertThat(outcomes.get(0).succeeded()).as("cycle " + cycle + " should have succeeded").isTrue();
                }
                if (outcomes.get(0).succeeded()) {
                    succeeded++;
                }
                if (refused) {
                    assertThat(outcomes.get(0).succeeded()).isFalse();
                }
                if (cycle == 50) {
                    threadsAfterWarmUp = ourThreads();
                }
                if (cycle > 50) {
                    assertThat(ourThreads()).as("our threads in cycle " + cycle).isLessThanOrEqualTo(threadsAfterWarmUp + 1);
                }
            }
            assertThat(couldSucceed).isGreaterThan(CYCLES / 3);
            assertThat(succeeded).isGreaterThanOrEqualTo(couldSucceed);
            assertThat(delivery.historyOf(ID)).hasSize(Delivery.HISTORY_PER_DESTINATION);
            assertThat(log.all()).doesNotContain(Fixtures.SECRET).doesNotContain("report run failed");
            service.stop();
            google.releaseHangs();
        }
        assertThat(ourThreads()).isZero();
    }
}
