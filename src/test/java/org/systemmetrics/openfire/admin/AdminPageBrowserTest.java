package org.systemmetrics.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.delivery.ValidationMessage;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.core.report.ReportFileWriter;
import org.systemmetrics.core.report.ReportJson;

/**
 * The page in a real browser, as an administrator uses it: Openfire's CSRF behaviour (token replaced on
 * every request) in front of it, a stand-in for the console's decorator around it. One browser serves the
 * whole class. Screenshots of each state land in target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPageBrowserTest {
    private static final Path SCREENSHOTS = Paths.get(System.getProperty("basedir", "."), "target", "screenshots");
    private static final String PROJECT = "systemmetrics project (G-PROJECT01)";
    private static final String OWN = "your property (G-ADMIN1234)";
    private static final String MARKUP = "<script>alert(1)</script>\"'";

    private final AtomicReference<FakeAdmin> admin = new AtomicReference<>();
    private final BundleMessages text = BundleMessages.english();
    private AdminPageServer server;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(Browser.available(), "Browser tests skipped: /usr/bin/chromedriver or /usr/bin/chromium is missing. "
                + "Install them with .ci/install-browser.sh (CI does).");
        server = new AdminPageServer(() -> Optional.of(admin.get()), true, true);
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
    void freshService() {
        admin.set(new FakeAdmin().history(Map.of(PROJECT, List.of(
                Outcomes.ok(PROJECT, FakeAdmin.NOW.minus(Duration.ofHours(3))),
                Outcomes.failed(PROJECT, FakeAdmin.NOW.minus(Duration.ofHours(6)), "HTTP 503 from the endpoint, retried 3 times"),
                Outcomes.ok(PROJECT, FakeAdmin.NOW.minus(Duration.ofHours(9)))))));
    }

    private void openPage() {
        browser.open(server.page().toString());
    }

    @ParameterizedTest
    @EnumSource(ConsentDecision.State.class)
    void theStateIsShownInWordsWithTheFactsThatGoWithIt(ConsentDecision.State state) throws Exception {
        admin.get().inState(state);
        openPage();
        String key = "state." + state.name().toLowerCase(Locale.ROOT);
        assertThat(browser.find("#sm-state").getAttribute("data-state")).isEqualTo(state.name());
        assertThat(browser.text("#sm-state")).contains(text.get(key + ".title")).contains(text.get(key + ".text"));
        assertThat(browser.text("#sm-cluster-id")).isEqualTo(FakeAdmin.CLUSTER_ID);
        assertThat(browser.text("#sm-config-file")).isEqualTo(FakeAdmin.CONFIG_FILE.toString());
        boolean runs = state == ConsentDecision.State.RUNNING || state == ConsentDecision.State.RUNNING_WITH_NOTICE;
        assertThat(browser.text("#sm-next-report")).isEqualTo(runs
                ? "2025-03-14 10:08:53 Z (in 42 min)" : text.get("status.next_report.none"));
        assertThat(browser.find("#sm-send").isEnabled()).isEqualTo(runs);
        assertThat(browser.find("#sm-validate").isEnabled()).isEqualTo(runs);
        assertThat(browser.find("#sm-preview").isEnabled()).isTrue();
        assertThat(browser.findAll("#of-current")).as("sidebar entry highlighted through the pageID").hasSize(1);
        browser.screenshot(SCREENSHOTS.resolve("state-" + state.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".png"));
    }

    @Test
    void validSettingsAreSavedInMillisecondsAndApplyAtOnce() {
        openPage();
        new Select(browser.find("#sm-report")).selectByValue("report");
        browser.type("#sm-initial_report", "10");
        browser.type("#sm-periodic_report", "1.5");
        new Select(browser.find("#sm-periodic_report-unit")).selectByValue("h");
        browser.type("#sm-tracking_id", "G-ADMIN1234");
        browser.type("#sm-tracking_secret", "fresh-secret-1");
        browser.submitWith("#sm-save");

        assertThat(browser.text("#sm-flash")).isEqualTo(text.get("settings.saved"));
        assertThat(admin.get().saves()).containsExactly(Map.of("report", "true", "initial_report", "600000",
                "periodic_report", "5400000", "tracking_id", "G-ADMIN1234", "tracking_secret", "fresh-secret-1"));
        assertThat(browser.find("#sm-initial_report").getAttribute("value")).isEqualTo("10");
        assertThat(browser.text("#sm-initial_report-ms")).isEqualTo(text.get("settings.timer.effective_ms", "600000"));
        assertThat(browser.text("#sm-source-periodic_report")).isEqualTo(text.get("source.console"));
        assertThat(browser.text("#sm-source-google_analytics_url")).isEqualTo(text.get("source.default"));
        assertThat(browser.text("#sm-state")).contains(text.get("state.running.title"));
        assertThat(browser.text("#sm-secret-state")).isEqualTo(text.get("settings.tracking_secret.set"));
        assertThat(browser.find("#sm-tracking_secret").getAttribute("value")).isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain("fresh-secret-1");
    }

    @Test
    void invalidValuesAreRefusedNextToTheirFieldAndNothingIsSaved() throws Exception {
        openPage();
        new Select(browser.find("#sm-report")).selectByValue("no_report");
        browser.type("#sm-initial_report", "soon");
        browser.type("#sm-periodic_report", "0");
        browser.type("#sm-tracking_id", "UA-12345-1");
        browser.type("#sm-tracking_secret", "typed-secret-2");
        browser.type("#sm-google_analytics_url", "http://collector.example/mp/collect");
        browser.submitWith("#sm-save");

        assertThat(admin.get().saves()).isEmpty();
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
        openPage();
        assertThat(browser.find("#sm-category_stanzas").isSelected()).as("every category by default").isTrue();
        new Select(browser.find("#sm-google_analytics_url_choice")).selectByValue("eu");
        browser.type("#sm-report_endpoint", "https://metrics.example.org/openfire");
        browser.type("#sm-report_endpoint_token", "fleet-token-3");
        browser.find("#sm-category_stanzas").click();
        browser.find("#sm-category_modules").click();
        browser.submitWith("#sm-save");

        assertThat(browser.text("#sm-flash")).isEqualTo(text.get("settings.saved"));
        assertThat(admin.get().saves()).containsExactly(Map.of(
                "google_analytics_url", "https://region1.google-analytics.com/mp/collect",
                "report_endpoint", "https://metrics.example.org/openfire", "report_endpoint_token", "fleet-token-3",
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
        admin.get().consoleValue("initial_report", "60000");
        openPage();
        assertThat(browser.text("#sm-source-initial_report")).isEqualTo(text.get("source.console"));
        assertThat(browser.findAll("#sm-reset-periodic_report")).as("only console values can be reset").isEmpty();
        browser.submitWith("#sm-reset-initial_report");

        assertThat(admin.get().resets()).containsExactly("initial_report");
        assertThat(admin.get().saves()).isEmpty();
        assertThat(browser.text("#sm-flash")).isEqualTo(text.get("settings.reset.done", text.get("settings.initial_report.label")));
        assertThat(browser.text("#sm-source-initial_report")).isEqualTo(text.get("source.file"));
        assertThat(browser.find("#sm-initial_report").getAttribute("value")).isEqualTo("5");
    }

    @Test
    void enterInATextFieldSavesAndNeverPressesAResetButton() {
        admin.get().consoleValue("report", "true");
        openPage();
        assertThat(browser.findAll("#sm-reset-report")).hasSize(1);
        browser.typeAndPressEnter("#sm-initial_report", "7");

        assertThat(admin.get().resets()).isEmpty();
        assertThat(admin.get().saves()).containsExactly(Map.of("initial_report", "420000"));
        assertThat(browser.text("#sm-flash")).isEqualTo(text.get("settings.saved"));
    }

    @Test
    void previewShowsTheReportAndSendsNothing() {
        admin.get().previewReport(Outcomes.sampleReport("2025-03-14T09:26:53Z", "openfire_version", "4.9.2"));
        openPage();
        browser.submitWith("#sm-preview");
        assertThat(browser.find("#sm-result").getAttribute("data-kind")).isEqualTo("PREVIEW");
        assertThat(browser.text("#sm-preview-json")).contains("\"client_id\": \"" + FakeAdmin.CLUSTER_ID + "\"")
                .contains("\"openfire_version\": \"4.9.2\"");
        assertThat(admin.get().sendCount()).isZero();
    }

    @Test
    void sendNowShowsWhatHappenedAtEachDestination() throws Exception {
        admin.get().inState(ConsentDecision.State.RUNNING).sendOutcomes(List.of(
                Outcomes.ok(PROJECT, FakeAdmin.NOW),
                Outcomes.failed(OWN, FakeAdmin.NOW, "HTTP 403: " + MARKUP)));
        openPage();
        browser.submitWith("#sm-send");

        assertThat(admin.get().sendCount()).isEqualTo(1);
        assertThat(browser.text("#sm-result .sm-result-box")).isEqualTo(text.get("actions.send.some_failed", PROJECT, OWN));
        List<WebElement> rows = browser.findAll("#sm-send-results tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getText()).contains(PROJECT, text.get("outcome.ok"), "204", "182 ms");
        assertThat(rows.get(1).getText()).contains(OWN, text.get("outcome.failed"), "503", "HTTP 403: " + MARKUP);
        assertNoScriptRan();
        browser.screenshot(SCREENSHOTS.resolve("send-now.png"));
    }

    @Test
    void validateListsWhatGoogleAnalyticsObjectsTo() {
        admin.get().validationMessages(List.of(Outcomes.checked(OWN, FakeAdmin.NOW, new ValidationMessage(1,
                "events[1].params.monitoring", "Event param [monitoring] has an invalid value " + MARKUP, "VALUE_INVALID"))));
        openPage();
        browser.submitWith("#sm-validate");

        assertThat(admin.get().validateCount()).isEqualTo(1);
        assertThat(browser.text("#sm-result .sm-result-box")).isEqualTo(text.get("actions.validate.found", "1"));
        assertThat(browser.text("#sm-validation tbody")).contains(OWN, "events[1].params.monitoring",
                "has an invalid value " + MARKUP, "VALUE_INVALID");
        assertNoScriptRan();

        admin.get().validationMessages(List.of(Outcomes.checked(OWN, FakeAdmin.NOW)));
        browser.submitWith("#sm-validate");
        assertThat(browser.text("#sm-result .sm-result-box")).isEqualTo(text.get("actions.validate.clean"));
    }

    @Test
    void historyShowsTheLastTwentyDeliveriesPerDestinationNewestFirst() {
        List<DeliveryOutcome> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add(Outcomes.ok(PROJECT, FakeAdmin.NOW.minus(Duration.ofHours(3L * i))));
        }
        admin.get().history(Map.of(PROJECT, many,
                OWN, List.of(Outcomes.failed(OWN, FakeAdmin.NOW, "connection refused " + MARKUP))));
        openPage();

        List<WebElement> headings = browser.findAll("#sm-history h4");
        assertThat(headings).extracting(WebElement::getText).containsExactly(
                text.get("history.destination", PROJECT), text.get("history.destination", OWN));
        assertThat(browser.findAll("#sm-history-1 tbody tr")).hasSize(1);
        assertThat(browser.text("#sm-history-1 tbody")).contains("connection refused " + MARKUP, "503");
        List<WebElement> rows = browser.findAll("#sm-history-0 tbody tr");
        assertThat(rows).hasSize(20);
        assertThat(rows.get(0).getText()).startsWith("2025-03-14 09:26:53 Z");
        assertThat(rows.get(19).getText()).startsWith("2025-03-12 00:26:53 Z");
        assertNoScriptRan();
    }

    @Test
    void markupInTheReportIsShownAsTextAndNeverRuns() {
        Report hostile = new Report(Instant.parse("2025-03-14T06:00:00Z"), FakeAdmin.CLUSTER_ID,
                List.of(Event.named("plugins").param("evil", MARKUP).build()));
        admin.get().reportFileJson(ReportJson.toPrettyJson(hostile)).previewReport(hostile);
        openPage();
        assertThat(browser.text("#sm-report-json")).contains("\"evil\": \"" + MARKUP.replace("\"", "\\\"") + "\"");
        browser.submitWith("#sm-preview");
        assertThat(browser.text("#sm-preview-json")).contains(MARKUP.replace("\"", "\\\""));
        assertNoScriptRan();
    }

    @Test
    void theDownloadSavesTheReportFileAndTheOpenFormsKeepWorking() throws Exception {
        String file = ReportJson.toPrettyJson(Outcomes.sampleReport("2025-03-14T06:26:53Z", "openfire_version", "4.9.2"));
        admin.get().reportFileJson(file);
        openPage();
        assertThat(browser.text("#sm-report-json")).isEqualTo(file.strip());
        browser.find("#sm-download").click();
        Path saved = browser.downloads().resolve(ReportFileWriter.FILE_NAME);
        browser.waiting().until(driver -> Files.exists(saved) && sizeOf(saved) == file.getBytes(StandardCharsets.UTF_8).length);
        assertThat(Files.readString(saved)).isEqualTo(file);

        // The download was a request of its own, after which Openfire holds a new token; the page's forms still work.
        browser.submitWith("#sm-preview");
        assertThat(browser.find("#sm-result").getAttribute("data-kind")).isEqualTo("PREVIEW");
        assertThat(admin.get().previewCount()).isEqualTo(1);
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
