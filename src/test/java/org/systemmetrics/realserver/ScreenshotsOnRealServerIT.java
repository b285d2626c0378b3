package org.systemmetrics.realserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.support.ui.Select;
import org.systemmetrics.core.delivery.ga4.FakeGoogle;
import org.systemmetrics.openfire.admin.Browser;

/**
 * Retakes the pictures in docs/screenshots: the System Metrics page of a real Openfire (the newest distribution
 * found, 5.1.1 today) with the built plugin jar, in Chromium, in each state the docs show, and its Preview,
 * Send now and settings form. Reports go to the local GA4 stand-in; nothing leaves the machine.
 *
 * <p>Only on request, since it rewrites files under docs/: {@code -Dscreenshots.dir=docs/screenshots} (see
 * docs/admin-console.md for the whole command). Each picture is taken once the page shows what its name says.
 */
@ExtendWith(QuoteOpenfireLogOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScreenshotsOnRealServerIT {
    static final String DIRECTORY_PROPERTY = "screenshots.dir";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PROPERTY = "G-DOCS00001";
    private static final String SECOND_PROPERTY = "G-DOCS00002";
    /**
     * Where the pictures show Openfire's home (its file rows, the report's path): where Openfire's install guide
     * unpacks it, rather than this build's folder, which means nothing to a reader of the docs.
     */
    private static final String HOME = "/opt/openfire";

    private static Path directory;
    private static OpenfireDistribution newest;
    private static FakeGoogle google;
    private static RealOpenfire server;
    private static Browser browser;

    @BeforeAll
    static void start() throws IOException {
        String folder = System.getProperty(DIRECTORY_PROPERTY, "");
        assumeFalse(folder.isBlank(), "Screenshots are retaken only with -D" + DIRECTORY_PROPERTY + "=docs/screenshots");
        assumeTrue(Browser.available(), "Screenshots need /usr/bin/chromedriver and /usr/bin/chromium "
                + "(.ci/install-browser.sh installs them)");
        List<OpenfireDistribution> found = OpenfireDistribution.found();
        assumeFalse(found.isEmpty(), "Screenshots need an Openfire distribution");
        directory = Paths.get(folder).toAbsolutePath();
        newest = found.get(found.size() - 1);
        google = FakeGoogle.http();
        server = RealOpenfire.builder(newest, "screenshots").homeSeenAs(HOME)
                .confFile("system_metrics.yml", reporting(null)).start();
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        RealOpenfire.closeAll(browser, server, google);
    }

    @Test
    @Order(1)
    void theDocsPicturesAreTakenFromTheRealConsole() throws IOException {
        logIn(server);
        // No choice made: reports go out under the consent notice.
        sendNowAndAwaitPage("RUNNING_WITH_NOTICE");
        take("state-running-with-notice.png");

        startWith(reporting("report: true"));
        sendNowAndAwaitPage("RUNNING");
        take("state-running.png");

        browser.submitWith("#sm-preview");
        assertThat(browser.text("#sm-preview-json")).contains("\"client_id\"");
        take("preview.png");

        openPage();
        google.script(SECOND_PROPERTY, FakeGoogle.Behaviour.status(403));
        browser.submitWith("#sm-send");
        assertThat(browser.findAll("#sm-send-results tbody tr")).hasSize(2);
        take("send-now.png");

        openPage();
        new Select(browser.find("#sm-report")).selectByValue("no_report");
        browser.type("#sm-initial_report", "soon");
        browser.type("#sm-periodic_report", "0");
        browser.type("#sm-tracking_id", "UA-12345-1");
        browser.type("#sm-tracking_secret", "typed-secret");
        browser.submitWith("#sm-save");
        assertThat(browser.findAll(".sm-field-error")).as("refusals beside their fields").isNotEmpty();
        take("settings-refused.png");

        offState("OFF_BY_NO_REPORT", "state-off-by-no-report.png", reporting("no_report: true"));
        offState("NOT_CONFIGURED", "state-not-configured.png",
                "services:\n  service_mod_other: {}\n");
        offState("OFF_CONFIG_UNREADABLE", "state-off-config-unreadable.png",
                "services:\n  service_mongoose_system_metrics: [report: true\n");
        offState("OFF_OPT_OUT_UNCLEAR", "state-off-opt-out-unclear.png", reporting("no_report: maybe"));

        // Last, since what is saved in the console stays for the rest of this server's life.
        startWith(reporting("report: true"));
        awaitPage("RUNNING");
        new Select(browser.find("#sm-google_analytics_url_choice")).selectByValue("eu");
        browser.type("#sm-report_endpoint", "https://metrics.example.org/openfire");
        browser.type("#sm-report_endpoint_token", "fleet-token");
        browser.find("#sm-category_stanzas").click();
        browser.find("#sm-category_modules").click();
        browser.submitWith("#sm-save");
        assertThat(browser.findAll("#sm-flash")).as("the save's confirmation").isNotEmpty();
        take("settings-endpoints-categories.png");
    }

    @Test
    @Order(2)
    void theDoNotTrackStateIsTakenFromAServerStartedWithIt() throws IOException {
        server.close(); // one Openfire at a time on two cores
        try (RealOpenfire dnt = RealOpenfire.builder(newest, "screenshots-dnt").homeSeenAs(HOME)
                .environment("DO_NOT_TRACK", "1")
                .confFile("system_metrics.yml", reporting("report: true")).start()) {
            logIn(dnt);
            awaitPage(dnt, "OFF_BY_DO_NOT_TRACK");
            take("state-off-by-do-not-track.png");
        }
    }

    /**
     * The configuration file of these pictures: two GA4 properties at the stand-in, the default timers (reports are
     * made with Send now, so the page shows a report and its deliveries without waiting for the first one).
     */
    private static String reporting(String choice) {
        return "services:\n  service_mongoose_system_metrics:\n"
                + (choice == null ? "" : "    " + choice + "\n")
                + "    tracking_id: [{id: " + PROPERTY + ", secret: docs-secret-1}, {id: " + SECOND_PROPERTY
                + ", secret: docs-secret-2}]\n"
                + "    google_analytics_url: \"" + google.collectUrl() + "\"\n";
    }

    private static void offState(String state, String picture, String file) throws IOException {
        startWith(file);
        awaitPage(state);
        take(picture);
    }

    /** As an administrator's restart would: the plugin out, the one file written, no report left, the plugin in. */
    private static void startWith(String content) throws IOException {
        server.removePlugin(RealOpenfire.SYSTEMMETRICS);
        for (String any : List.of("system_metrics.yml", "system_metrics.config")) {
            Files.deleteIfExists(server.confDirectory().resolve(any));
        }
        Files.deleteIfExists(server.logsDirectory().resolve(ReportFile.NAME));
        Files.writeString(server.confDirectory().resolve("system_metrics.yml"), content);
        server.deploySystemMetrics();
    }

    private static void sendNowAndAwaitPage(String state) {
        awaitPage(state);
        browser.submitWith("#sm-send");
        awaitPage(state, "sm-last-delivery", "sm-report-json");
    }

    private static void awaitPage(String state, String... shown) {
        awaitPage(server, state, shown);
    }

    /** Reloads the page until it is in {@code state} and shows the elements with these ids (a report, a delivery). */
    private static void awaitPage(RealOpenfire target, String state, String... shown) {
        List<String> wanted = Stream.concat(Stream.of(state), Stream.of(shown)).collect(Collectors.toList());
        Poll.until("the System Metrics page of " + target + " in state " + state + " showing " + List.of(shown), WAIT,
                () -> {
                    openPage(target);
                    return Stream.concat(browser.findAll("#sm-state").stream().map(s -> s.getAttribute("data-state")),
                            Stream.of(shown).filter(id -> !browser.findAll("#" + id).isEmpty()))
                            .collect(Collectors.toList());
                }, wanted::equals);
    }

    private static void take(String picture) throws IOException {
        browser.screenshot(directory.resolve(picture));
    }

    private static void logIn(RealOpenfire target) {
        browser.open(target.adminConsoleUrl() + "login.jsp");
        browser.type("#u01", RealOpenfire.ADMIN_USER);
        browser.type("#p01", RealOpenfire.ADMIN_PASSWORD);
        browser.submitWith("#submit");
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("login.jsp");
    }

    private static void openPage() {
        openPage(server);
    }

    private static void openPage(RealOpenfire target) {
        browser.open(target.adminConsoleUrl() + "plugins/systemmetrics/system-metrics");
    }
}
