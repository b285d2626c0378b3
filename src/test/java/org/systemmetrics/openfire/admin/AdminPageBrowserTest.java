package org.systemmetrics.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.systemmetrics.core.config.SecretBinding;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.delivery.ga4.FakeGoogle;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.core.report.ReportFileWriter;
import org.systemmetrics.core.report.ReportJson;
import org.systemmetrics.openfire.SystemMetricsPlugin;
import org.systemmetrics.testing.FakeOpenfireServer;

/**
 * The page in a real browser, as an administrator uses it: Openfire's CSRF behaviour (token replaced on
 * every request) in front of it, a stand-in for the console's decorator around it, the real plugin behind it,
 * delivering to the GA4 stand-in. One browser serves the whole class. Screenshots of each state land in
 * target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPageBrowserTest {
    private static final Path SCREENSHOTS = Paths.get(System.getProperty("basedir", "."), "target", "screenshots");
    private static final String PROJECT = "G-PROJECT01";
    private static final String OWN = "G-ADMIN1234";
    private static final String MARKUP = "<script>alert(1)</script>\"'";
    private static final String CLUSTER_ID = Outcomes.CLUSTER_ID;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final AtomicReference<RunningPlugin> plugin = new AtomicReference<>();
    /** The page's clock; the real one unless a test holds it. */
    private final AtomicReference<Clock> pageClock = new AtomicReference<>(Clock.systemUTC());
    private final BundleMessages text = BundleMessages.english();
    private AdminPageServer server;
    private Browser browser;
    private FakeGoogle google;
    private Path home;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(Browser.available(), "Browser tests skipped: /usr/bin/chromedriver or /usr/bin/chromium is missing. "
                + "Install them with .ci/install-browser.sh (CI does).");
        server = new AdminPageServer(() -> Optional.ofNullable(plugin.get()).flatMap(RunningPlugin::served), true, true,
                (request, summary, details) -> { }, pageClock::get);
        browser = new Browser();
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void freshOpenfire(@TempDir Path home) throws IOException {
        this.home = home;
        google = FakeGoogle.http();
        pageClock.set(Clock.systemUTC());
    }

    @AfterEach
    void stopPlugin() {
        RunningPlugin running = plugin.getAndSet(null);
        if (running != null) {
            running.close();
        }
        google.close();
    }

    /** The plugin on an Openfire whose cluster ID exists, with the file's timers at 5 min and 3 h, and these lines. */
    private RunningPlugin startWith(String entryLines) {
        return startWithFile("services:\n  service_mongoose_system_metrics:\n    initial_report: 300000\n"
                + "    periodic_report: 10800000\n" + entryLines);
    }

    private RunningPlugin startWithFile(String yaml) {
        FakeOpenfireServer openfire = new FakeOpenfireServer(home);
        openfire.properties().put(SystemMetricsPlugin.CLUSTER_ID_PROPERTY, CLUSTER_ID);
        RunningPlugin started = RunningPlugin.on(openfire, yaml);
        plugin.set(started);
        return started;
    }

    /** Two GA4 properties of the administrator's at the stand-in. */
    private String properties() {
        return "    google_analytics_url: " + google.collectUrl() + "\n    tracking_id:\n"
                + "      - {id: " + PROJECT + ", secret: project-s3cret}\n"
                + "      - {id: " + OWN + ", secret: own-s3cret}\n";
    }

    private void openPage() {
        browser.open(server.page().toString());
    }

    @ParameterizedTest
    @EnumSource(ConsentDecision.State.class)
    void theStateIsShownInWordsWithTheFactsThatGoWithIt(ConsentDecision.State state) throws Exception {
        String file = RunningPlugin.yamlFor(state);
        RunningPlugin running = state == ConsentDecision.State.OFF_BY_DO_NOT_TRACK
                ? RunningPlugin.inState(home, state) : startWithFile(state.runs() ? file + properties() : file);
        plugin.set(running);
        running.openfire.properties().put(SystemMetricsPlugin.CLUSTER_ID_PROPERTY, CLUSTER_ID);
        Optional<Instant> next = running.status().nextReportAt();
        next.ifPresent(at -> pageClock.set(Clock.fixed(at.minus(Duration.ofMinutes(42)), ZoneOffset.UTC)));
        openPage();
        String key = "state." + state.name().toLowerCase(Locale.ROOT);
        assertThat(browser.find("#sm-state").getAttribute("data-state")).isEqualTo(state.name());
        assertThat(browser.text("#sm-state")).contains(text.get(key + ".title")).contains(text.get(key + ".text"));
        assertThat(browser.text("#sm-cluster-id")).isEqualTo(CLUSTER_ID);
        assertThat(browser.text("#sm-config-file")).isEqualTo(RunningPlugin.configFile(running.openfire).toString());
        boolean runs = state == ConsentDecision.State.RUNNING || state == ConsentDecision.State.RUNNING_WITH_NOTICE;
        assertThat(next.isPresent()).isEqualTo(runs);
        assertThat(browser.text("#sm-next-report")).isEqualTo(runs
                ? TIME.format(next.orElseThrow()) + " (in 42 min)" : text.get("status.next_report.none"));
        assertThat(browser.find("#sm-send").isEnabled()).isEqualTo(runs);
        assertThat(browser.find("#sm-validate").isEnabled()).isEqualTo(runs);
        assertThat(browser.find("#sm-preview").isEnabled()).isTrue();
        assertThat(browser.findAll("#of-current")).as("sidebar entry highlighted through the pageID").hasSize(1);
        browser.screenshot(SCREENSHOTS.resolve("state-" + state.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".png"));
    }

    @Test
    void validSettingsAreSavedInMillisecondsAndApplyAtOnce() {
        RunningPlugin running = startWith("");
        openPage();
        new Select(browser.find("#sm-report")).selectByValue("report");
        // Hours: the default Google endpoint and a secret are saved, and no report may leave the machine.
        browser.type("#sm-initial_report", "10");
        new Select(browser.find("#sm-initial_report-unit")).selectByValue("h");
        browser.type("#sm-periodic_report", "1.5");
        new Select(browser.find("#sm-periodic_report-unit")).selectByValue("h");
        browser.type("#sm-tracking_id", "G-ADMIN1234");
        browser.type("#sm-tracking_secret", "fresh-secret-1");
        browser.submitWith("#sm-save");

        assertThat(browser.text("#sm-flash")).isEqualTo(text.get("settings.saved"));
        // The secret is stored sealed to the address it was entered for (the default endpoint, here).
        assertThat(running.console()).isEqualTo(Map.of("report", "true", "initial_report", "36000000",
                "periodic_report", "5400000", "tracking_id", "G-ADMIN1234", "tracking_secret",
                SecretBinding.seal("fresh-secret-1", ServiceConfig.DEFAULT_GOOGLE_ANALYTICS_URL)));
        assertThat(browser.find("#sm-initial_report").getAttribute("value")).isEqualTo("10");
        assertThat(browser.text("#sm-initial_report-ms"))
                .isEqualTo(text.get("settings.timer.effective_ms", "36000000"));
        assertThat(browser.text("#sm-source-periodic_report")).isEqualTo(text.get("source.console"));
        assertThat(browser.text("#sm-source-google_analytics_url")).isEqualTo(text.get("source.default"));
        assertThat(browser.text("#sm-state")).contains(text.get("state.running.title"));
        assertThat(browser.text("#sm-secret-state")).isEqualTo(text.get("settings.tracking_secret.set"));
        assertThat(browser.find("#sm-tracking_secret").getAttribute("value")).isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain("fresh-secret-1");
    }

    @Test
    void invalidValuesAreRefusedNextToTheirFieldAndNothingIsSaved() throws Exception {
        RunningPlugin running = startWith("");
        openPage();
        new Select(browser.find("#sm-report")).selectByValue("no_report");
        browser.type("#sm-initial_report", "soon");
        browser.type("#sm-periodic_report", "0");
        browser.type("#sm-tracking_id", "UA-12345-1");
        browser.type("#sm-tracking_secret", "typed-secret-2");
        browser.type("#sm-google_analytics_url", "http://collector.example/mp/collect");
        browser.submitWith("#sm-save");

        assertThat(running.console()).isEmpty();
        assertThat(browser.text("#sm-settings-error")).isEqualTo(text.get("settings.rejected"));
        assertThat(browser.text("#sm-row-initial_report #sm-error-initial_report"))
                .isEqualTo(text.get("settings.error.timer_not_a_number", "soon"));
        assertThat(browser.text("#sm-row-periodic_report #sm-error-periodic_report"))
                .isEqualTo(text.get("settings.error.timer_range_periodic"));
        assertThat(browser.text("#sm-row-tracking_id #sm-error-tracking_id"))
                .isEqualTo(text.get("settings.error.tracking_id_ua", "UA-12345-1"));
        assertThat(browser.text("#sm-row-google_analytics_url #sm-error-google_analytics_url"))
                .isEqualTo(text.get("settings.error.url_scheme", "http://collector.example/mp/collect"));
        assertThat(browser.find("#sm-initial_report").getAttribute("value")).as("what was typed stays").isEqualTo("soon");
        assertThat(new Select(browser.find("#sm-report")).getFirstSelectedOption().getAttribute("value")).isEqualTo("no_report");
        assertThat(browser.find("#sm-tracking_secret").getAttribute("value")).isEmpty();
        assertThat(browser.text("#sm-retype-secret")).isEqualTo(text.get("settings.tracking_secret.retype"));
        assertThat(browser.driver().getPageSource()).doesNotContain("typed-secret-2");
        browser.screenshot(SCREENSHOTS.resolve("settings-refused.png"));
    }

    @Test
    void theEuEndpointYourOwnEndpointAndTheCategoriesAreSavedWithOneClick() throws Exception {
        // The first report an hour away: nothing reaches the addresses saved here while the test runs.
        RunningPlugin running = startWithFile(RunningPlugin.ENTRY);
        openPage();
        assertThat(browser.find("#sm-category_stanzas").isSelected()).as("every category by default").isTrue();
        new Select(browser.find("#sm-google_analytics_url_choice")).selectByValue("eu");
        browser.type("#sm-report_endpoint", "https://metrics.example.org/openfire");
        browser.type("#sm-report_endpoint_token", "fleet-token-3");
        browser.find("#sm-category_stanzas").click();
        browser.find("#sm-category_modules").click();
        browser.submitWith("#sm-save");

        assertThat(browser.text("#sm-flash")).isEqualTo(text.get("settings.saved"));
        assertThat(running.console()).isEqualTo(Map.of(
                "google_analytics_url", "https://region1.google-analytics.com/mp/collect",
                "report_endpoint", "https://metrics.example.org/openfire", "report_endpoint_token",
                SecretBinding.seal("fleet-token-3", URI.create("https://metrics.example.org/openfire")),
                "categories", "backends,transports,apis"));
        assertThat(new Select(browser.find("#sm-google_analytics_url_choice")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("eu");
        assertThat(browser.find("#sm-category_stanzas").isSelected()).isFalse();
        assertThat(browser.find("#sm-category_backends").isSelected()).isTrue();
        assertThat(browser.text("#sm-source-categories")).isEqualTo(text.get("source.console"));
        assertThat(browser.text("#sm-token-state")).isEqualTo(text.get("settings.tracking_secret.set"));
        assertThat(browser.find("#sm-report_endpoint_token").getAttribute("value")).isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain("fleet-token-3");
        assertThat(browser.text("#sm-validate-scope")).isEqualTo(text.get("actions.validate.scope"));
        browser.screenshot(SCREENSHOTS.resolve("settings-endpoints-categories.png"));
    }

    @Test
    void aConsoleValueCanBeDroppedInFavourOfTheFilesValue() {
        RunningPlugin running = startWith("");
        running.admin().save(Map.of("initial_report", "60000"));
        openPage();
        assertThat(browser.text("#sm-source-initial_report")).isEqualTo(text.get("source.console"));
        assertThat(browser.findAll("#sm-reset-periodic_report")).as("only console values can be reset").isEmpty();
        browser.submitWith("#sm-reset-initial_report");

        assertThat(running.console()).isEmpty();
        assertThat(browser.text("#sm-flash")).isEqualTo(text.get("settings.reset.done", text.get("settings.initial_report.label")));
        assertThat(browser.text("#sm-source-initial_report")).isEqualTo(text.get("source.file"));
        assertThat(browser.find("#sm-initial_report").getAttribute("value")).isEqualTo("5");
    }

    @Test
    void enterInATextFieldSavesAndNeverPressesAResetButton() {
        RunningPlugin running = startWith("");
        running.admin().save(Map.of("report", "true"));
        openPage();
        assertThat(browser.findAll("#sm-reset-report")).hasSize(1);
        browser.typeAndPressEnter("#sm-initial_report", "7");

        assertThat(running.console()).isEqualTo(Map.of("report", "true", "initial_report", "420000"));
        assertThat(browser.text("#sm-flash")).isEqualTo(text.get("settings.saved"));
    }

    @Test
    void previewShowsTheReportAndSendsNothing() {
        RunningPlugin running = startWith("    report: true\n" + properties());
        openPage();
        browser.submitWith("#sm-preview");
        assertThat(browser.find("#sm-result").getAttribute("data-kind")).isEqualTo("PREVIEW");
        assertThat(browser.text("#sm-preview-json")).contains("\"client_id\": \"" + CLUSTER_ID + "\"")
                .contains("\"version\": \"5.1.1\"");
        assertThat(google.requests()).isEmpty();
        assertThat(running.openfire.logsDirectory().resolve(ReportFileWriter.FILE_NAME)).doesNotExist();
    }

    @Test
    void sendNowShowsWhatHappenedAtEachDestination() throws Exception {
        google.script(OWN, FakeGoogle.Behaviour.status(403));
        startWith("    report: true\n" + properties());
        openPage();
        browser.submitWith("#sm-send");

        assertThat(google.requestsFor(PROJECT)).hasSize(1);
        assertThat(browser.text("#sm-result .sm-result-box")).isEqualTo(text.get("actions.send.some_failed", PROJECT, OWN)
                + " " + text.get("actions.send.file_written"));
        List<WebElement> rows = browser.findAll("#sm-send-results tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getText()).contains(PROJECT, text.get("outcome.ok"), "204", " ms");
        assertThat(rows.get(1).getText()).contains(OWN, text.get("outcome.failed"), "403",
                "127.0.0.1 refused the token or API secret (HTTP 403 Forbidden)");
        assertNoScriptRan();
        browser.screenshot(SCREENSHOTS.resolve("send-now.png"));
    }

    /** Plain values: the real plugin's failure texts never carry what a destination answered. */
    @Test
    void markupInADeliveryIsShownAsTextAndNeverRuns() {
        RunningPlugin running = startWith("    report: true\n" + properties());
        running.values.sending(List.of(Outcomes.ok(PROJECT, Outcomes.NOW),
                Outcomes.failed(OWN, Outcomes.NOW, "HTTP 403: " + MARKUP)))
                .showing(facts -> withHistory(facts, Map.of(OWN,
                        List.of(Outcomes.failed(OWN, Outcomes.NOW, "connection refused " + MARKUP)))));
        openPage();
        browser.submitWith("#sm-send");

        List<WebElement> rows = browser.findAll("#sm-send-results tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).getText()).contains(OWN, text.get("outcome.failed"), "503", "HTTP 403: " + MARKUP);
        assertThat(browser.text("#sm-history-0 tbody")).contains("connection refused " + MARKUP, "503");
        assertThat(google.requests()).isEmpty();
        assertNoScriptRan();
    }

    private static PageFacts withHistory(PageFacts facts, Map<String, List<DeliveryOutcome>> history) {
        return new PageFacts(facts.status, facts.clusterId, facts.role, facts.seniorHost, facts.destinations,
                facts.reportFile, facts.reportJson, history, facts.unseenFields, facts.projectProperty);
    }

    @Test
    void validateListsWhatGoogleAnalyticsObjectsTo() {
        String escaped = MARKUP.replace("\"", "\\\"");
        google.script(OWN, FakeGoogle.Behaviour.status(200, "{\"validationMessages\":[{\"fieldPath\":"
                + "\"events[1].params.monitoring\",\"description\":\"Event param [monitoring] has an invalid value "
                + escaped + "\",\"validationCode\":\"VALUE_INVALID\"}]}", Map.of("Content-Type", "application/json")));
        startWith("    report: true\n" + properties());
        openPage();
        browser.submitWith("#sm-validate");

        // One request to the validation server per property, none to the collecting one.
        assertThat(google.requests()).extracting(FakeGoogle.Recorded::path).containsOnly(FakeGoogle.DEBUG);
        assertThat(google.requestsFor(PROJECT)).hasSize(1);
        assertThat(google.requestsFor(OWN)).hasSize(1);
        assertThat(browser.text("#sm-result .sm-result-box")).isEqualTo(text.get("actions.validate.found", "1"));
        assertThat(browser.text("#sm-validation tbody")).contains(OWN, "events[1].params.monitoring",
                "has an invalid value " + MARKUP, "VALUE_INVALID");
        assertNoScriptRan();

        browser.submitWith("#sm-validate");
        assertThat(browser.text("#sm-result .sm-result-box")).isEqualTo(text.get("actions.validate.clean"));
        assertThat(google.requests()).hasSize(4);
    }

    @Test
    void historyShowsTheLastTwentyDeliveriesPerDestinationNewestFirst() {
        RunningPlugin running = startWith("    report: true\n" + properties());
        for (int i = 0; i < 25; i++) {
            google.script(OWN, FakeGoogle.Behaviour.status(401));
            running.admin().sendNow();
        }
        // Twenty-five deliveries three hours apart, in no order: the page shows the newest twenty, newest first.
        List<DeliveryOutcome> project = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            project.add(Outcomes.ok(PROJECT, Outcomes.NOW.minus(Duration.ofHours(3L * i))));
        }
        Collections.shuffle(project, new Random(18));
        running.values.showing(facts -> {
            Map<String, List<DeliveryOutcome>> history = new HashMap<>(facts.history);
            history.put(PROJECT, project);
            return withHistory(facts, history);
        });
        openPage();

        // One table per destination, in the order of their names.
        List<WebElement> headings = browser.findAll("#sm-history h4");
        assertThat(headings).extracting(WebElement::getText).containsExactly(
                text.get("history.destination", OWN), text.get("history.destination", PROJECT));
        assertThat(browser.findAll("#sm-history-0 tbody tr")).hasSize(20);
        assertThat(browser.text("#sm-history-0 tbody")).contains("refused the token or API secret", "401");
        List<WebElement> rows = browser.findAll("#sm-history-1 tbody tr");
        assertThat(rows).hasSize(20);
        assertThat(rows.get(0).getText()).startsWith("2025-03-14 09:26:53 Z");
        assertThat(rows.get(1).getText()).startsWith("2025-03-14 06:26:53 Z");
        assertThat(rows.get(19).getText()).startsWith("2025-03-12 00:26:53 Z");
        assertNoScriptRan();
    }

    /** The preview as a plain value: the real one holds only names from a list of known plugins, never markup. */
    @Test
    void markupInTheReportIsShownAsTextAndNeverRuns() throws Exception {
        RunningPlugin running = startWith("");
        Report hostile = new Report(Instant.parse("2025-03-14T06:00:00Z"), CLUSTER_ID,
                List.of(Event.named("plugins").param("evil", MARKUP).build()));
        running.values.previewing(hostile);
        Files.writeString(running.openfire.logsDirectory().resolve(ReportFileWriter.FILE_NAME),
                ReportJson.toPrettyJson(hostile));
        openPage();
        assertThat(browser.text("#sm-report-json")).contains("\"evil\": \"" + MARKUP.replace("\"", "\\\"") + "\"");
        browser.submitWith("#sm-preview");
        assertThat(browser.find("#sm-result").getAttribute("data-kind")).isEqualTo("PREVIEW");
        assertThat(browser.text("#sm-preview-json")).contains("\"evil\": \"" + MARKUP.replace("\"", "\\\"") + "\"");
        assertNoScriptRan();
    }

    @Test
    void theDownloadSavesTheReportFileAndTheOpenFormsKeepWorking() throws Exception {
        RunningPlugin running = startWith("    report: true\n");
        running.admin().sendNow();
        String file = Files.readString(running.openfire.logsDirectory().resolve(ReportFileWriter.FILE_NAME));
        openPage();
        assertThat(browser.text("#sm-report-json")).isEqualTo(file.strip());
        browser.find("#sm-download").click();
        Path saved = browser.downloads().resolve(ReportFileWriter.FILE_NAME);
        browser.waiting().until(driver -> Files.exists(saved) && sizeOf(saved) == file.getBytes(StandardCharsets.UTF_8).length);
        assertThat(Files.readString(saved)).isEqualTo(file);

        // The download was a request of its own, after which Openfire holds a new token; the page's forms still work.
        browser.submitWith("#sm-preview");
        assertThat(browser.find("#sm-result").getAttribute("data-kind")).isEqualTo("PREVIEW");
        assertThat(running.values.previews).as("one preview, built once").hasValue(1);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private void assertNoScriptRan() {
        assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }
}
