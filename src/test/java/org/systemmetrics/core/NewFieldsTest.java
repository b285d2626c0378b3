package org.systemmetrics.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.core.config.ConfigOrigin;
import org.systemmetrics.core.config.ConfigValue;
import org.systemmetrics.core.config.ConsoleSettings;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.config.TestConfigs;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.delivery.Destination;
import org.systemmetrics.core.delivery.Recipients;
import org.systemmetrics.core.delivery.ReportDelivery;
import org.systemmetrics.core.identity.ClusterIdentity;
import org.systemmetrics.core.report.Collector;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.core.report.ReportAssembler;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.core.report.ReportFields;
import org.systemmetrics.core.report.ReportFileWriter;
import org.systemmetrics.testing.LogCapture;
import org.systemmetrics.testing.ManualScheduler;
import org.systemmetrics.testing.MemorySharedStore;
import org.systemmetrics.testing.NamedDestination;

/**
 * An upgrade that adds fields to the report, simulated by a version record in which one event and one parameter
 * are newer than the version the installation stored: the one-time notice, what is sent under each kind of
 * consent, and the administrator's confirmation, all kept in values the cluster shares.
 */
class NewFieldsTest {
    /** Version 0.2.0 adds the event {@code bosh_session} and the parameter {@code cluster.uptime_h}. */
    private static final ReportFields RECORD = ReportFields.of(ordered(
            "cluster", "0.1.0", "cluster.node_count", "0.1.0", "cluster.uptime_h", "0.2.0",
            "node", "0.1.0", "node.scope", "0.1.0", "bosh_session", "0.2.0", "bosh_session.count", "0.2.0"));

    @RegisterExtension
    final LogCapture log = new LogCapture();

    @TempDir
    Path logs;

    private static final String ANNOUNCED = "systemmetrics.fields_announced";
    private static final String SEEN = "systemmetrics.fields_seen";
    private final MemorySharedStore store = new MemorySharedStore();
    private final List<Report> delivered = new CopyOnWriteArrayList<>();
    private final List<Report> validated = new CopyOnWriteArrayList<>();
    private final List<SystemMetricsService> started = new ArrayList<>();
    /** The record of each service started, as the admin page reads and confirms it. */
    private final List<NewFields> records = new ArrayList<>();
    /** Where the services started next send; none unless a test sets some. */
    private List<Destination> destinations = List.of();

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void aFreshInstallationHasNothingNewAndRecordsTheCurrentFields() {
        ManualScheduler scheduler = start(reportTrue());

        scheduler.advance(Duration.ofMinutes(1));

        assertThat(newFieldsNotices()).isEmpty();
        assertThat(store.get(ANNOUNCED)).contains("0.2.0");
        assertThat(store.get(SEEN)).contains("0.2.0");
        assertThat(lastSent().events()).extracting(Event::name).containsExactly("cluster", "node", "bosh_session");
        assertThat(lastSent().events().get(0).params()).containsKey("uptime_h");
        assertThat(records.get(0).unseen()).isEmpty();
    }

    @Test
    void afterAnUpgradeUnderReportTrueTheNewFieldsAreAnnouncedOnceAndNotSentUntilSeen() throws Exception {
        store.compareAndSet(ANNOUNCED, Optional.empty(), "0.1.0");
        store.compareAndSet(SEEN, Optional.empty(), "0.1.0");
        ManualScheduler scheduler = start(reportTrue());

        assertThat(newFieldsNotices()).singleElement().satisfies(notice -> assertThat(notice)
                .startsWith("WARN ")
                .contains("cluster.uptime_h (new in 0.2.0), bosh_session (new in 0.2.0), "
                        + "bosh_session.count (new in 0.2.0).")
                .contains("The report and what is gathered").contains("left out of every report and the report "
                        + "file until an administrator confirms them")
                .doesNotContain("node_count").doesNotContain("cluster (new"));
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(lastSent().events()).extracting(Event::name).containsExactly("cluster", "node");
        assertThat(lastSent().events().get(0).params()).containsOnlyKeys("node_count", "scope");
        String file = Files.readString(logs.resolve(ReportFileWriter.FILE_NAME));
        assertThat(file).doesNotContain("bosh_session").doesNotContain("uptime_h");
        assertThat(records.get(0).unseen()).containsOnlyKeys("cluster.uptime_h", "bosh_session",
                "bosh_session.count");

        // The next start does not repeat the notice; nothing was seen yet, so nothing more is sent either.
        started.get(0).stop();
        log.clear();
        ManualScheduler again = start(reportTrue());
        again.advance(Duration.ofMinutes(1));
        assertThat(newFieldsNotices()).isEmpty();
        assertThat(lastSent().events()).extracting(Event::name).containsExactly("cluster", "node");

        // An administrator confirms (on any node: the value is shared); the next report carries the new fields.
        assertThat(records.get(1).markSeen()).isTrue();
        assertThat(store.get(SEEN)).contains("0.2.0");
        assertThat(records.get(1).unseen()).isEmpty();
        again.advance(Duration.ofMinutes(1));
        assertThat(lastSent().events()).extracting(Event::name).containsExactly("cluster", "node", "bosh_session");
        assertThat(lastSent().events().get(0).params()).containsKey("uptime_h");
    }

    @Test
    void validateChecksTheReportAsARunWouldSendItWithoutTheFieldsNotYetSeen() throws Exception {
        store.compareAndSet(ANNOUNCED, Optional.empty(), "0.1.0");
        store.compareAndSet(SEEN, Optional.empty(), "0.1.0");
        ManualScheduler scheduler = start(reportTrue());

        CompletableFuture<?> checked = started.get(0).validate();
        scheduler.runDue();
        checked.get(1, TimeUnit.SECONDS);

        assertThat(validated).singleElement().satisfies(report -> {
            assertThat(report.events()).extracting(Event::name).containsExactly("cluster", "node");
            assertThat(report.events().get(0).params()).containsOnlyKeys("node_count", "scope");
        });
    }

    @Test
    void withoutAChoiceTheNoticeCoversTheNewFieldsAndTheyAreSentButStillMarkedUntilSeen() {
        store.compareAndSet(ANNOUNCED, Optional.empty(), "0.1.0");
        store.compareAndSet(SEEN, Optional.empty(), "0.1.0");
        destinations = List.of(new NamedDestination("G-OWN1234"));
        ManualScheduler scheduler = start(noChoice());

        scheduler.advance(Duration.ofMinutes(1));

        assertThat(newFieldsNotices()).singleElement().asString().contains("sent from now on")
                .contains("\"Do not send reports\"");
        assertThat(lastSent().events()).extracting(Event::name).containsExactly("cluster", "node", "bosh_session");
        assertThat(records.get(0).unseen()).containsOnlyKeys("cluster.uptime_h", "bosh_session",
                "bosh_session.count");
    }

    @Test
    void withoutAChoiceOrADestinationTheNoticeSaysTheNewFieldsAreOnlyWritten() {
        store.compareAndSet(ANNOUNCED, Optional.empty(), "0.1.0");
        store.compareAndSet(SEEN, Optional.empty(), "0.1.0");

        start(noChoice());

        assertThat(newFieldsNotices()).singleElement().asString()
                .contains("written to the report file under the consent notice, and sent nowhere")
                .doesNotContain("sent from now on");
    }

    @Test
    void twoNodesStartingTogetherLogTheNoticeOnce() {
        store.compareAndSet(ANNOUNCED, Optional.empty(), "0.1.0");
        store.compareAndSet(SEEN, Optional.empty(), "0.1.0");

        start(reportTrue());
        start(reportTrue());

        assertThat(newFieldsNotices()).hasSize(1);
        assertThat(store.get(ANNOUNCED)).contains("0.2.0");
    }

    @Test
    void whileReportingIsOffNothingIsAnnouncedOrStored() {
        store.compareAndSet(ANNOUNCED, Optional.empty(), "0.1.0");
        ManualScheduler scheduler = start(config(Map.of("no_report", ConfigValue.of(true))));

        scheduler.advance(Duration.ofMinutes(1));

        assertThat(newFieldsNotices()).isEmpty();
        assertThat(store.get(ANNOUNCED)).contains("0.1.0");
        assertThat(store.get(SEEN)).isEmpty();
    }

    @Test
    void aStoredVersionThatCannotBeReadCountsAsTheFirstOneSoNothingNewIsSentUnderReportTrue() {
        store.compareAndSet(ANNOUNCED, Optional.empty(), "garbage");
        store.compareAndSet(SEEN, Optional.empty(), "1.x");
        ManualScheduler scheduler = start(reportTrue());

        scheduler.advance(Duration.ofMinutes(1));

        assertThat(newFieldsNotices()).hasSize(1);
        assertThat(lastSent().events()).extracting(Event::name).containsExactly("cluster", "node");
    }

    @Test
    void withoutLeavesOutWholeEventsAndSingleParameters() {
        Report report = new Report(Instant.EPOCH, "id", List.of(
                Event.named("cluster").param("node_count", 1).param("uptime_h", 2).build(),
                Event.named("bosh_session").param("count", 3).build()));

        Report kept = NewFields.without(report, Set.of("cluster.uptime_h", "bosh_session"));

        assertThat(kept.events()).containsExactly(Event.named("cluster").param("node_count", 1).build());
    }

    private List<String> newFieldsNotices() {
        List<String> notices = new ArrayList<>();
        for (String line : log.lines()) {
            if (line.contains("this version of the plugin adds")) {
                notices.add(line);
            }
        }
        return notices;
    }

    private Report lastSent() {
        assertThat(delivered).isNotEmpty();
        return delivered.get(delivered.size() - 1);
    }

    private static ServiceConfig config(Map<String, ConfigValue> entry) {
        Map<String, ConfigValue> withTimers = new LinkedHashMap<>(entry);
        withTimers.put("initial_report", ConfigValue.of(60_000L));
        withTimers.put("periodic_report", ConfigValue.of(60_000L));
        return TestConfigs.entry(withTimers, ConfigOrigin.shippedDefault(), ConsoleSettings.NONE);
    }

    private static ServiceConfig reportTrue() {
        return config(Map.of("report", ConfigValue.of(true)));
    }

    private static ServiceConfig noChoice() {
        return config(Map.of());
    }

    private ManualScheduler start(ServiceConfig config) {
        ManualScheduler scheduler = new ManualScheduler();
        NewFields record = new NewFields(RECORD, store, ANNOUNCED, SEEN);
        records.add(record);
        ReportAssembler assembler = new ReportAssembler(List.of(new Collector() {
                    @Override
                    public String name() {
                        return "upgraded";
                    }

                    @Override
                    public List<Event> collect(ReportContext context) {
                        return List.of(Event.named("cluster").param("node_count", 1).param("uptime_h", 5).build(),
                                Event.named("node").build(),
                                Event.named("bosh_session").param("count", 3).build());
                    }
                }), scheduler.clock());
        ReportDelivery delivery = new ReportDelivery() {
                    @Override
                    public List<DeliveryOutcome> deliver(Report report, List<Destination> destinations) {
                        delivered.add(report);
                        return List.of();
                    }

                    @Override
                    public List<DeliveryOutcome> validate(Report report, List<Destination> destinations) {
                        validated.add(report);
                        return List.of();
                    }
                };
        SystemMetricsService service = new SystemMetricsService(() -> config, () -> "",
                SystemMetricsServiceTest.consentPolicy(logs),
                c -> new Recipients("the test's destinations", destinations), on -> { }, categories -> { },
                new ReportSchedule(assembler, new ReportFileWriter(logs), new ClusterIdentity(store,
                        "systemmetrics.cluster_id"), record, delivery, () -> NodeRole.ALONE,
                        SystemMetricsServiceTest.unusedLedger(), scheduler));
        started.add(service);
        service.start();
        scheduler.runDue(); // what the service thread does at once after the start: the notice
        return scheduler;
    }

    @AfterEach
    void stopAll() {
        started.forEach(SystemMetricsService::stop);
    }
}
