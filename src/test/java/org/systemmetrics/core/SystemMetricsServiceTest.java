package org.systemmetrics.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.core.cluster.SendLedger;
import org.systemmetrics.core.cluster.SharedStore;
import org.systemmetrics.core.config.ConfigOrigin;
import org.systemmetrics.core.config.ConfigValue;
import org.systemmetrics.core.config.ConsoleSettings;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.config.Setting;
import org.systemmetrics.core.config.TestConfigs;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.consent.ConsentPolicy;
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
import org.systemmetrics.core.schedule.ExecutorTaskScheduler;
import org.systemmetrics.core.schedule.TaskScheduler;
import org.systemmetrics.testing.LogCapture;
import org.systemmetrics.testing.ManualScheduler;
import org.systemmetrics.testing.MemorySharedStore;
import org.systemmetrics.testing.NamedDestination;
import org.systemmetrics.testing.WallClock;

/** The service's promises about failures and threads: a bad run never ends the schedule, unload ends our thread. */
class SystemMetricsServiceTest {
    @TempDir
    Path logs;

    private static final Function<ServiceConfig, Recipients> NOWHERE = config -> new Recipients("nowhere", List.of());
    private static final ReportDelivery DELIVERS_NOTHING = (report, destinations) -> List.of();

    /** periodic_report of the configuration the services below read: a minute unless a test changes it. */
    private final AtomicLong periodicMillis = new AtomicLong(60_000L);

    private ServiceConfig everyMinute() {
        return TestConfigs.entry(Map.of(
                "report", ConfigValue.of(true),
                "initial_report", ConfigValue.of(60_000L),
                "periodic_report", ConfigValue.of(periodicMillis.get())), ConfigOrigin.shippedDefault(),
                ConsoleSettings.NONE);
    }

    private SystemMetricsService service(TaskScheduler scheduler, Clock clock, ReportDelivery delivery,
            SharedStore store) {
        return service(scheduler, clock, delivery, store, logs);
    }

    private SystemMetricsService service(TaskScheduler scheduler, Clock clock, ReportDelivery delivery,
            SharedStore store, Path logsDirectory) {
        return service(scheduler, clock, delivery, store, logsDirectory, this::everyMinute);
    }

    private SystemMetricsService service(TaskScheduler scheduler, Clock clock, ReportDelivery delivery,
            SharedStore store, Path logsDirectory, Supplier<ServiceConfig> config) {
        return service(config, NOWHERE,
                schedule(scheduler, clock, delivery, store, logsDirectory, NodeRole.ALONE, unusedLedger()));
    }

    private SystemMetricsService service(Supplier<ServiceConfig> config,
            Function<ServiceConfig, Recipients> destinations, ReportSchedule schedule) {
        return new SystemMetricsService(config, () -> "",
                consentPolicy(logs), destinations, on -> { },
                categories -> { }, schedule);
    }

    private static ReportSchedule schedule(TaskScheduler scheduler, Clock clock, ReportDelivery delivery,
            SharedStore store, Path logsDirectory, NodeRole role, SendLedger ledger) {
        return new ReportSchedule(new ReportAssembler(List.of(new Collector() {
                    @Override
                    public String name() {
                        return "constant";
                    }

                    @Override
                    public List<Event> collect(ReportContext context) {
                        return List.of(Event.named("cluster").param("node_count", 1).build());
                    }
                }), clock), new ReportFileWriter(logsDirectory), new ClusterIdentity(store, "systemmetrics.cluster_id"),
                nothingNew(), delivery, () -> role, ledger, scheduler);
    }

    /** The consent of a server whose logs folder is {@code logs}, without DO_NOT_TRACK or a template to copy. */
    static ConsentPolicy consentPolicy(Path logs) {
        return new ConsentPolicy(Map.of(), logs.resolve(ReportFileWriter.FILE_NAME), logs.resolveSibling("conf"),
                logs.resolveSibling("no-template.yml"));
    }

    /** A version record of one field: no field is ever new. */
    static NewFields nothingNew() {
        return new NewFields(ReportFields.of(Map.of("cluster", "0.1.0")), new MemorySharedStore(),
                "systemmetrics.fields_announced", "systemmetrics.fields_seen");
    }

    /** The ledger of a lone server, which never claims a period. */
    static SendLedger unusedLedger() {
        return new SendLedger(new MemorySharedStore(), "systemmetrics.last_sent_at");
    }

    /** A destination that only counts the reports handed to it. */
    private static ReportDelivery countingInto(AtomicInteger delivered) {
        return new ReportDelivery() {
            @Override
            public List<DeliveryOutcome> deliver(Report report, List<Destination> destinations) {
                delivered.incrementAndGet();
                return List.of();
            }
        };
    }

    private static SharedStore memoryStore() {
        return new MemorySharedStore();
    }

    @Test
    void aRunThatThrowsIsLoggedAndTheNextRunStillHappens() {
        ManualScheduler scheduler = new ManualScheduler();
        AtomicInteger attempts = new AtomicInteger();
        ReportDelivery exploding = new ReportDelivery() {
            @Override
            public List<DeliveryOutcome> deliver(Report report, List<Destination> destinations) {
                attempts.incrementAndGet();
                throw new IllegalStateException("delivery blew up");
            }
        };
        SystemMetricsService service = service(scheduler, scheduler.clock(), exploding, memoryStore());
        try (LogCapture log = new LogCapture()) {
            service.start();
            scheduler.advance(Duration.ofMinutes(3));

            assertThat(attempts).hasValue(3);
            assertThat(log.at(Level.ERROR)).hasSize(3).allMatch(l -> l.contains("next one is still scheduled")
                    && l.contains("delivery blew up"));
            assertThat(logs.resolve(ReportFileWriter.FILE_NAME)).exists();
        } finally {
            service.stop();
        }
    }

    @Test
    void reconfigureSaysWhenTheNewSettingsAreInForce() throws Exception {
        ManualScheduler scheduler = new ManualScheduler();
        SystemMetricsService service = service(scheduler, scheduler.clock(), DELIVERS_NOTHING, memoryStore());
        try {
            service.start();
            periodicMillis.set(7_200_000L);

            CompletableFuture<Boolean> applied = service.reconfigure();
            assertThat(applied).as("not before the service thread has applied it").isNotDone();
            assertThat(service.status().config().get(Setting.PERIODIC_REPORT)).isEqualTo(Duration.ofMinutes(1));

            scheduler.runDue();
            assertThat(applied).isCompletedWithValue(true);
            assertThat(service.status().config().get(Setting.PERIODIC_REPORT)).isEqualTo(Duration.ofHours(2));
        } finally {
            service.stop();
        }
        assertThat(service.reconfigure()).as("a stopped service has nothing to wait for").isDone();
    }

    @Test
    void aLogsFolderThatCannotBeWrittenGivesOneErrorAndReportsAreStillSent() {
        ManualScheduler scheduler = new ManualScheduler();
        AtomicInteger delivered = new AtomicInteger();
        ReportDelivery counting = countingInto(delivered);
        SystemMetricsService service = service(scheduler, scheduler.clock(), counting, memoryStore(),
                logs.resolve("missing-logs-folder"));
        try (LogCapture log = new LogCapture()) {
            service.start();
            scheduler.advance(Duration.ofMinutes(5));

            assertThat(delivered).hasValue(5);
            assertThat(log.at(Level.ERROR)).singleElement().asString().contains("missing-logs-folder")
                    .contains("reports are still sent");
        } finally {
            service.stop();
        }
    }

    /** Its report file has an ERROR of its own: the line that another node sent does not claim the file. */
    @Test
    void aSeniorWhosePeriodAnotherNodeSentDoesNotSayItWroteAFileItCouldNotWrite() {
        ManualScheduler scheduler = new ManualScheduler();
        periodicMillis.set(3_600_000L);
        MemorySharedStore database = new MemorySharedStore().clock(scheduler::now);
        database.insert("systemmetrics.last_sent_at.1", Long.toString(scheduler.now().toEpochMilli()));
        AtomicInteger delivered = new AtomicInteger();
        SystemMetricsService service = service(this::everyMinute, NOWHERE, schedule(scheduler, scheduler.clock(),
                countingInto(delivered), memoryStore(), logs.resolve("missing-logs-folder"), NodeRole.SENIOR,
                new SendLedger(database, "systemmetrics.last_sent_at")));
        try (LogCapture log = new LogCapture()) {
            service.start();
            scheduler.advance(Duration.ofMinutes(1));

            assertThat(delivered).hasValue(0);
            assertThat(log.at(Level.ERROR)).singleElement().asString().contains("missing-logs-folder");
            assertThat(log.all()).contains("another cluster node already sent the report of this period; this node "
                    + "sends the next report at " + scheduler.now().plus(Duration.ofMinutes(59)))
                    .doesNotContain("wrote its report file");
        } finally {
            service.stop();
        }
    }

    @Test
    void aBrokenIdentityStoreDoesNotStopTheSchedule() {
        ManualScheduler scheduler = new ManualScheduler();
        AtomicInteger reads = new AtomicInteger();
        SharedStore failing = mock(SharedStore.class);
        when(failing.get(anyString())).then(call -> {
            reads.incrementAndGet();
            throw new IllegalStateException("database down");
        });
        SystemMetricsService service = service(scheduler, scheduler.clock(), DELIVERS_NOTHING, failing);
        try (LogCapture log = new LogCapture()) {
            service.start();
            scheduler.advance(Duration.ofMinutes(2));
            assertThat(reads).hasValue(2);
            // Failed first runs are retried after 30 s, then 60 s (here a whole period): the schedule goes on.
            assertThat(service.status().nextReportAt()).contains(scheduler.now().plus(Duration.ofSeconds(30)));
        } finally {
            service.stop();
        }
    }

    @Test
    void aRunStoppedByTheJvmRunningOutOfMemoryIsRetriedLikeAFailedRun() {
        ManualScheduler scheduler = new ManualScheduler();
        SharedStore exhausted = mock(SharedStore.class);
        when(exhausted.get(anyString())).thenThrow(new OutOfMemoryError("Java heap space"));
        SystemMetricsService service = service(scheduler, scheduler.clock(), DELIVERS_NOTHING, exhausted);
        try {
            service.start();
            // The error goes on to the scheduler's thread, as the JVM expects of it.
            assertThatThrownBy(() -> scheduler.advance(Duration.ofMinutes(5))).isInstanceOf(OutOfMemoryError.class);
            assertThat(service.status().nextReportAt()).contains(scheduler.now().plus(Duration.ofSeconds(30)));
        } finally {
            service.stop();
        }
    }

    /** The senior member of a cluster whose shared database is {@code database}, counting its deliveries. */
    private SystemMetricsService seniorOver(FlakyDatabase database, ManualScheduler scheduler, AtomicInteger delivered,
            Supplier<ServiceConfig> config) {
        return service(config, NOWHERE, schedule(scheduler, scheduler.clock(), countingInto(delivered), database, logs,
                NodeRole.SENIOR, new SendLedger(database, "systemmetrics.last_sent_at")));
    }

    /** A database that throws until it is "back", counting the calls it refused. */
    private static final class FlakyDatabase implements SharedStore {
        final AtomicInteger refused = new AtomicInteger();
        volatile boolean down = true;
        private final MemorySharedStore rows;
        private final boolean ledgerOnly;
        private final ManualScheduler clock;

        FlakyDatabase(ManualScheduler scheduler, boolean ledgerOnly) {
            this.rows = new MemorySharedStore(scheduler.now());
            this.ledgerOnly = ledgerOnly;
            this.clock = scheduler;
        }

        private void check() {
            if (down) {
                refused.incrementAndGet();
                throw new IllegalStateException("ofProperty: statement timed out");
            }
        }

        @Override
        public Optional<String> get(String name) {
            if (!ledgerOnly) {
                check();
            }
            return rows.get(name);
        }

        @Override
        public boolean compareAndSet(String name, Optional<String> expected, String value) {
            return rows.compareAndSet(name, expected, value);
        }

        @Override
        public java.time.Instant now() {
            check();
            return clock.now();
        }

        @Override
        public Map<String, Optional<String>> entries(String base) {
            return rows.entries(base);
        }

        @Override
        public void delete(String name) {
            rows.delete(name);
        }

        @Override
        public boolean putSecret(String name, String secret) {
            return rows.putSecret(name, secret);
        }

        @Override
        public void removeSecret(String name) {
            rows.removeSecret(name);
        }
    }

    private ServiceConfig everyThreeHours() {
        return TestConfigs.entry(Map.of(
                "report", ConfigValue.of(true),
                "initial_report", ConfigValue.of(60_000L),
                "periodic_report", ConfigValue.of(3 * 3_600_000L)), ConfigOrigin.shippedDefault(),
                ConsoleSettings.NONE);
    }

    @Test
    void aDatabaseErrorOnTheFirstRunIsRetriedSoonNotAWholePeriodLater() {
        ManualScheduler scheduler = new ManualScheduler();
        FlakyDatabase database = new FlakyDatabase(scheduler, false);
        AtomicInteger delivered = new AtomicInteger();
        SystemMetricsService service = service(scheduler, scheduler.clock(), countingInto(delivered), database, logs,
                this::everyThreeHours);
        try (LogCapture log = new LogCapture()) {
            service.start();
            scheduler.advance(Duration.ofMinutes(1)); // the first run: the database does not answer
            assertThat(database.refused).hasValue(1);
            assertThat(service.status().nextReportAt()).contains(scheduler.now().plus(Duration.ofSeconds(30)));

            scheduler.advance(Duration.ofSeconds(30)); // still down: the wait doubles
            assertThat(database.refused).hasValue(2);
            assertThat(service.status().nextReportAt()).contains(scheduler.now().plus(Duration.ofSeconds(60)));

            database.down = false;
            scheduler.advance(Duration.ofSeconds(60)); // back: the report is made, the next one a period later
            assertThat(delivered).hasValue(1);
            assertThat(service.status().nextReportAt()).contains(scheduler.now().plus(Duration.ofHours(3)));
        } finally {
            service.stop();
        }
    }

    @Test
    void aSeniorWhoseLedgerClaimFailsOnTheFirstRunRetriesSoonAndSendsOnce() {
        ManualScheduler scheduler = new ManualScheduler();
        FlakyDatabase database = new FlakyDatabase(scheduler, true);
        AtomicInteger delivered = new AtomicInteger();
        SystemMetricsService service = seniorOver(database, scheduler, delivered, this::everyThreeHours);
        try (LogCapture log = new LogCapture()) {
            service.start();
            scheduler.advance(Duration.ofMinutes(1));
            assertThat(database.refused).hasValue(1);
            assertThat(delivered).hasValue(0);
            assertThat(service.status().nextReportAt()).contains(scheduler.now().plus(Duration.ofSeconds(30)));

            database.down = false;
            scheduler.advance(Duration.ofSeconds(30));
            assertThat(delivered).hasValue(1);
            scheduler.advance(Duration.ofHours(3).minusSeconds(1));
            assertThat(delivered).hasValue(1);
        } finally {
            service.stop();
        }
    }

    @Test
    void aDatabaseErrorOnALaterRunIsAlsoRetriedSoonSoThatPeriodsReportIsNotLost() {
        ManualScheduler scheduler = new ManualScheduler();
        FlakyDatabase database = new FlakyDatabase(scheduler, true);
        database.down = false;
        AtomicInteger delivered = new AtomicInteger();
        SystemMetricsService service = seniorOver(database, scheduler, delivered, this::everyThreeHours);
        try (LogCapture log = new LogCapture()) {
            service.start();
            scheduler.advance(Duration.ofMinutes(1)); // the first report goes out
            assertThat(delivered).hasValue(1);

            database.down = true;
            scheduler.advance(Duration.ofHours(3)); // the second run: the database does not answer
            assertThat(database.refused).hasValue(1);
            assertThat(delivered).hasValue(1);
            assertThat(service.status().nextReportAt()).contains(scheduler.now().plus(Duration.ofSeconds(30)));

            scheduler.advance(Duration.ofSeconds(30)); // still down: the wait doubles, as after a first run
            assertThat(database.refused).hasValue(2);
            assertThat(service.status().nextReportAt()).contains(scheduler.now().plus(Duration.ofSeconds(60)));

            database.down = false;
            scheduler.advance(Duration.ofSeconds(60)); // back: this period's report goes out, the next a period later
            assertThat(delivered).hasValue(2);
            assertThat(service.status().nextReportAt()).contains(scheduler.now().plus(Duration.ofHours(3)));
        } finally {
            service.stop();
        }
    }

    @Test
    void theRetryWaitOfALaterFailedRunNeverExceedsThePeriod() {
        ManualScheduler scheduler = new ManualScheduler();
        FlakyDatabase database = new FlakyDatabase(scheduler, true);
        database.down = false;
        SystemMetricsService service = seniorOver(database, scheduler, new AtomicInteger(), this::everyMinute);
        try (LogCapture log = new LogCapture()) {
            service.start();
            scheduler.advance(Duration.ofMinutes(1));
            database.down = true;
            scheduler.advance(Duration.ofMinutes(1)); // fails: retried in 30 s
            scheduler.advance(Duration.ofSeconds(30)); // fails: 60 s would be due, which is the period itself
            assertThat(service.status().nextReportAt()).contains(scheduler.now().plus(Duration.ofMinutes(1)));
            scheduler.advance(Duration.ofMinutes(1)); // fails again: still a period, not 120 s
            assertThat(database.refused).hasValue(3);
            assertThat(service.status().nextReportAt()).contains(scheduler.now().plus(Duration.ofMinutes(1)));
        } finally {
            service.stop();
        }
    }

    @Test
    void aMemberWhoseClockIsOffIsToldOnceAlthoughItNeverClaimsAPeriod() {
        ManualScheduler scheduler = new ManualScheduler();
        MemorySharedStore database = new MemorySharedStore(scheduler.now().plus(Duration.ofHours(4)));
        SystemMetricsService service = service(this::everyMinute, NOWHERE, schedule(scheduler, scheduler.clock(),
                countingInto(new AtomicInteger()), new MemorySharedStore(), logs, NodeRole.MEMBER,
                new SendLedger(database, "systemmetrics.last_sent_at")));
        try (LogCapture log = new LogCapture()) {
            service.start();
            for (int run = 1; run <= 3; run++) {
                database.at(scheduler.now().plus(Duration.ofMinutes(1)).plus(Duration.ofHours(4)));
                scheduler.advance(Duration.ofMinutes(1)); // a run: this node's clock 4 h behind the database's
            }

            assertThat(log.at(Level.WARN)).filteredOn(line -> line.contains("clock")).singleElement().asString()
                    .contains("this node's clock is 240 min behind the database's clock");
            assertThat(database.writes()).as("a member claims no period").isZero();
        } finally {
            service.stop();
        }
    }

    @Test
    @WallClock
    void runsNeverOverlapAndStopEndsOurThreadWithinOneSecondEvenMidRun() throws Exception {
        CountDownLatch inRun = new CountDownLatch(1);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        ReportDelivery slow = new ReportDelivery() {
            @Override
            public List<DeliveryOutcome> deliver(Report report, List<Destination> destinations) {
                maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                inRun.countDown();
                try {
                    new CountDownLatch(1).await(30, TimeUnit.SECONDS); // a hung endpoint, until interrupted
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    concurrent.decrementAndGet();
                }
                return List.of();
            }
        };
        SystemMetricsService service = service(new ExecutorTaskScheduler(), Clock.systemUTC(), slow, memoryStore());
        service.start();
        service.runNow();
        service.runNow();
        assertThat(inRun.await(10, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        service.stop();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(tookMillis).isLessThanOrEqualTo(SystemMetricsService.SHUTDOWN_GRACE.toMillis() + 200);
        assertThat(maxConcurrent).hasValue(1);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive()
                && t.getName().startsWith(ExecutorTaskScheduler.THREAD_NAME));
    }

    @Test
    void previewBuildsTheNextReportButWritesAndSendsNothing() throws Exception {
        ManualScheduler scheduler = new ManualScheduler();
        AtomicInteger delivered = new AtomicInteger();
        ReportDelivery counting = countingInto(delivered);
        SystemMetricsService service = service(scheduler, scheduler.clock(), counting, memoryStore());
        service.start();

        var preview = service.preview();
        scheduler.runDue();

        assertThat(preview.get(1, TimeUnit.SECONDS)).hasValueSatisfying(r ->
                assertThat(r.events()).extracting(Event::name).containsExactly("cluster"));
        assertThat(delivered).hasValue(0);
        assertThat(logs.resolve(ReportFileWriter.FILE_NAME)).doesNotExist();
        service.stop();
    }

    @Test
    void runNowWritesAReportWithoutDisturbingTheSchedule() throws Exception {
        ManualScheduler scheduler = new ManualScheduler();
        SystemMetricsService service = service(scheduler, scheduler.clock(), DELIVERS_NOTHING, memoryStore());
        service.start();
        var nextBefore = service.status().nextReportAt();

        var result = service.runNow();
        scheduler.runDue();

        assertThat(result.get(1, TimeUnit.SECONDS)).isPresent();
        assertThat(logs.resolve(ReportFileWriter.FILE_NAME)).exists();
        assertThat(service.status().nextReportAt()).isEqualTo(nextBefore);
        service.stop();
        assertThat(service.runNow().get(1, TimeUnit.SECONDS)).isEmpty();
    }

    private static ServiceConfig optedOut() {
        return TestConfigs.entry(Map.of("no_report", ConfigValue.of(true)), ConfigOrigin.shippedDefault(),
                ConsoleSettings.NONE);
    }

    @Test
    void anOptOutThatArrivesBetweenTheClickAndTheRunWinsForSendNowAndValidate() throws Exception {
        ManualScheduler scheduler = new ManualScheduler();
        AtomicReference<ServiceConfig> config = new AtomicReference<>(everyMinute());
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger validated = new AtomicInteger();
        ReportDelivery counting = new ReportDelivery() {
            @Override
            public List<DeliveryOutcome> deliver(Report report, List<Destination> destinations) {
                delivered.incrementAndGet();
                return List.of();
            }

            @Override
            public List<DeliveryOutcome> validate(Report report, List<Destination> destinations) {
                validated.incrementAndGet();
                return List.of();
            }
        };
        SystemMetricsService service = service(scheduler, scheduler.clock(), counting, memoryStore(), logs, config::get);
        service.start();

        var sent = service.runNow();
        var checked = service.validate();
        config.set(optedOut()); // e.g. no_report saved in the admin console on another tab, or written to the file
        scheduler.runDue();

        assertThat(sent.get(1, TimeUnit.SECONDS)).isEmpty();
        assertThat(checked.get(1, TimeUnit.SECONDS)).isEmpty();
        assertThat(delivered).hasValue(0);
        assertThat(validated).hasValue(0);
        assertThat(logs.resolve(ReportFileWriter.FILE_NAME)).doesNotExist();
        assertThat(service.status().state()).isEqualTo(ConsentDecision.State.OFF_BY_NO_REPORT);
        service.stop();
    }

    @Test
    void validateRunsOnTheReporterThreadWithThePreviewAndTheCurrentConfiguration() throws Exception {
        ManualScheduler scheduler = new ManualScheduler();
        List<String> validated = new CopyOnWriteArrayList<>();
        ReportDelivery validating = new ReportDelivery() {
            @Override
            public List<DeliveryOutcome> deliver(Report report, List<Destination> destinations) {
                return List.of();
            }

            @Override
            public List<DeliveryOutcome> validate(Report report, List<Destination> destinations) {
                validated.add(report.events().size() + " to " + destinations.stream().map(Destination::id)
                        .collect(Collectors.joining()));
                return List.of();
            }
        };
        SystemMetricsService service = service(this::everyMinute, config -> new Recipients(
                "the consent of the configuration", List.of(new NamedDestination(config.consent().name()))),
                schedule(scheduler, scheduler.clock(), validating, memoryStore(), logs, NodeRole.ALONE,
                        unusedLedger()));
        service.start();

        var checked = service.validate();
        assertThat(checked).isNotDone();
        scheduler.runDue();

        assertThat(checked.get(1, TimeUnit.SECONDS)).contains(List.of());
        assertThat(validated).containsExactly("1 to ON");
        service.stop();
    }

    @Test
    void reportingSwitchIsToldWhenReportingGoesOnAndOff() {
        ManualScheduler scheduler = new ManualScheduler();
        AtomicReference<ServiceConfig> config = new AtomicReference<>(optedOut());
        List<Boolean> switched = new CopyOnWriteArrayList<>();
        SystemMetricsService service = new SystemMetricsService(config::get, () -> "",
                consentPolicy(logs), NOWHERE, switched::add,
                categories -> { }, new ReportSchedule(new ReportAssembler(List.of(), scheduler.clock()),
                        new ReportFileWriter(logs), new ClusterIdentity(memoryStore(), "systemmetrics.cluster_id"),
                        nothingNew(), DELIVERS_NOTHING, () -> NodeRole.ALONE, unusedLedger(), scheduler));
        service.start();
        config.set(everyMinute());
        service.reconfigure();
        scheduler.runDue();
        service.reconfigure();
        scheduler.runDue();
        config.set(optedOut());
        service.reconfigure();
        scheduler.runDue();

        assertThat(switched).containsExactly(false, true, false);
        service.stop();
    }
}
