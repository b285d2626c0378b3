package org.systemmetrics.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.core.cluster.NodeRole;
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
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.core.report.ReportAssembler;
import org.systemmetrics.core.report.ReportFileWriter;
import org.systemmetrics.testing.LogCapture;
import org.systemmetrics.testing.ManualScheduler;
import org.systemmetrics.testing.MemorySharedStore;
import org.systemmetrics.testing.NamedDestination;

/**
 * What the log records when reporting changes while Openfire runs, and what the status says about time: one INFO
 * line per change naming what made it, one line when the console outweighs the file's opt-out, never a past time.
 */
class ReportingStateRecordTest {
    private static final Path FILE = Paths.get("/opt/openfire/conf/system_metrics.yml");

    @TempDir
    Path logs;
    private final Map<String, ConfigValue> file = new LinkedHashMap<>();
    private final Map<String, String> console = new HashMap<>();
    private ManualScheduler scheduler = new ManualScheduler(Instant.parse("2025-03-14T09:00:00Z"));
    private final AtomicReference<Runnable> duringDelivery = new AtomicReference<>(() -> { });
    /** None by default: a build without the project's property and nothing of the administrator's set. */
    private final AtomicReference<List<String>> destinationIds = new AtomicReference<>(List.of());
    private SystemMetricsService service;
    private LogCapture log;
    private boolean doNotTrack;

    @BeforeEach
    void start() {
        file.put("initial_report", ConfigValue.of(300_000L));
        log = new LogCapture();
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.stop();
        }
        log.close();
    }

    private void startService() {
        ReportAssembler assembler = new ReportAssembler(List.of(new org.systemmetrics.core.report.Collector() {
                    @Override
                    public String name() {
                        return "constant";
                    }

                    @Override
                    public List<Event> collect(org.systemmetrics.core.report.ReportContext context) {
                        return List.of(Event.named("cluster").param("node_count", 1).build());
                    }
                }), scheduler.clock());
        ReportDelivery delivery = new ReportDelivery() {
                    @Override
                    public List<DeliveryOutcome> deliver(Report report, List<Destination> destinations) {
                        duringDelivery.get().run();
                        return List.of();
                    }
                };
        service = new SystemMetricsService(() -> TestConfigs.entry(file,
                ConfigOrigin.file(ConfigOrigin.Kind.YAML, FILE), ConsoleSettings.of(console)), () -> "",
                doNotTrack ? new ConsentPolicy(Map.of(ConsentPolicy.DO_NOT_TRACK, "1"), logs.resolve("report.json"),
                        logs, logs.resolve("no-template.yml")) : SystemMetricsServiceTest.consentPolicy(logs),
                config -> new Recipients("a test destination",
                        destinationIds.get().stream().map(NamedDestination::new).collect(Collectors.toList())),
                on -> { }, categories -> { }, new ReportSchedule(assembler, new ReportFileWriter(logs),
                        new ClusterIdentity(new MemorySharedStore(), "systemmetrics.cluster_id"),
                        SystemMetricsServiceTest.nothingNew(), delivery, () -> NodeRole.ALONE,
                        SystemMetricsServiceTest.unusedLedger(), scheduler));
        service.start();
    }

    private void reconfigure() {
        service.reconfigure();
        scheduler.runDue();
    }

    private List<String> stateLines() {
        return log.at(Level.INFO).stream().filter(l -> l.contains("reporting is now") || l.contains("overrides the file"))
                .collect(java.util.stream.Collectors.toList());
    }

    @Test
    void noReportKeepsEveryStartSilentButAChangeAtRunTimeIsOneLineNamingTheFile() {
        file.put("no_report", ConfigValue.of(true));
        startService();
        assertThat(stateLines()).isEmpty();

        file.remove("no_report");
        file.put("report", ConfigValue.of(true));
        reconfigure();
        assertThat(stateLines()).singleElement().asString().contains("reporting is now on")
                .contains("report: true in " + FILE);

        log.clear();
        file.remove("report");
        file.put("no_report", ConfigValue.of(true));
        reconfigure();
        assertThat(stateLines()).singleElement().asString().contains("reporting is now off")
                .contains("(no_report or report: false) in " + FILE);
    }

    @Test
    void theLineSaysSentOnlyWhereADestinationIsSet() {
        file.put("no_report", ConfigValue.of(true));
        startService();
        file.remove("no_report");
        file.put("report", ConfigValue.of(true));
        reconfigure();
        assertThat(stateLines()).singleElement().asString().contains("reporting is now on")
                .contains("no destination is set, so nothing is sent").doesNotContain("written and sent");

        destinationIds.set(List.of("G-MINE1234"));
        file.put("no_report", ConfigValue.of(true));
        file.remove("report");
        reconfigure();
        log.clear();
        file.remove("no_report");
        file.put("report", ConfigValue.of(true));
        reconfigure();
        assertThat(stateLines()).singleElement().asString().contains("written and sent as scheduled")
                .doesNotContain("nothing is sent");
    }

    @Test
    void doNotSendReportsInTheConsoleIsRecordedAsTheConsolesChoice() {
        file.put("report", ConfigValue.of(true));
        startService();
        console.put("report", "false");
        reconfigure();

        assertThat(stateLines()).singleElement().asString().contains("reporting is now off")
                .contains("admin console (Do not send reports)");

        log.clear();
        console.remove("report");
        reconfigure();
        assertThat(stateLines()).singleElement().asString().contains("reporting is now on").contains(FILE.toString());
    }

    @Test
    void sendReportsInTheConsoleOverANoReportFileIsSaidAtTheChangeAndAtEveryStart() {
        file.put("no_report", ConfigValue.of(true));
        startService();
        console.put("report", "true");
        reconfigure();

        assertThat(stateLines()).singleElement().asString().contains(FILE + " says no_report")
                .contains("\"Send reports\" chosen in the admin console overrides the file").contains("Use file value");
        assertThat(service.status().config().consoleOverridesFileOptOut()).isTrue();

        service.stop();
        log.clear();
        scheduler = new ManualScheduler(scheduler.now());
        startService();
        assertThat(stateLines()).singleElement().asString().contains("overrides the file");
    }

    /** DO_NOT_TRACK outweighs "Send reports" too: the log never says the console's choice has reporting on. */
    @Test
    void sendReportsOverANoReportFileIsNotCalledOnUnderDoNotTrack() {
        doNotTrack = true;
        file.put("no_report", ConfigValue.of(true));
        startService();
        console.put("report", "true");
        reconfigure();
        assertThat(service.status().config().consoleOverridesFileOptOut()).isTrue();

        service.stop();
        scheduler = new ManualScheduler(scheduler.now());
        startService();

        assertThat(service.status().state()).isEqualTo(ConsentDecision.State.OFF_BY_DO_NOT_TRACK);
        assertThat(stateLines()).isEmpty();
    }

    @Test
    void aNoReportAddedToTheFileWhileTheConsoleSaysSendIsSaidOnce() {
        file.put("report", ConfigValue.of(true));
        console.put("report", "true");
        startService();
        assertThat(stateLines()).isEmpty();

        file.remove("report");
        file.put("no_report", ConfigValue.of(true));
        reconfigure();
        reconfigure();

        assertThat(stateLines()).singleElement().asString().contains("says no_report");
    }

    @Test
    void aFirstReportWhoseTimeHasPassedIsMadeNowAndTheStatusNeverShowsAPastTime() {
        file.put("report", ConfigValue.of(true));
        startService();
        scheduler.advance(Duration.ofSeconds(90));
        Instant now = scheduler.now();

        AtomicReference<ServiceStatus> whileSending = new AtomicReference<>();
        duringDelivery.set(() -> whileSending.set(service.status()));
        console.put("initial_report", "60000");
        service.reconfigure();
        scheduler.runDue();

        assertThat(log.at(Level.INFO)).anyMatch(l -> l.contains("the first report is made now"));
        // While the report is being delivered, the status says so: its file is written, the history is not.
        assertThat(whileSending.get().sendingSince()).contains(now);
        // Due 30 s ago by the new setting: shown as due now, not at a time already past.
        assertThat(whileSending.get().nextReportAt()).contains(now);
        assertThat(service.status().sendingSince()).isEmpty();
        assertThat(service.status().nextReportAt())
                .contains(now.plus(ServiceConfig.defaults().get(Setting.PERIODIC_REPORT)));
    }
}
