package org.systemmetrics.realserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.systemmetrics.openfire.admin.PageTexts.text;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.systemmetrics.core.delivery.ga4.FakeGoogle;
import org.systemmetrics.openfire.admin.Browser;

/**
 * The admin page through Openfire's own admin console, in Chromium, as an administrator reaches and uses it:
 * log in at login.jsp, Server › Server Settings › System Metrics in the sidebar, save a GA4 property, then
 * Send now, Validate and Preview against the local GA4 stand-in. Requests without the page's token, and
 * requests without a login, change nothing.
 */
@ParameterizedClass(name = "{0}", allowZeroInvocations = true)
@MethodSource("org.systemmetrics.realserver.OpenfireDistribution#found")
@ExtendWith(QuoteOpenfireLogOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminConsoleOnRealServerIT {
    private static final String MEASUREMENT_ID = "G-CONSOLE01";
    private static final String SECRET = "console-secret-1";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static FakeGoogle google;
    private static RealOpenfire server;
    private static Browser browser;

    @Parameter
    OpenfireDistribution distribution;

    @BeforeParameterizedClassInvocation
    static void start(OpenfireDistribution distribution) throws IOException {
        assumeTrue(Browser.available(), "Admin console tests skipped: /usr/bin/chromedriver or /usr/bin/chromium is "
                + "missing. Install them with .ci/install-browser.sh (CI does).");
        google = FakeGoogle.http();
        // Reporting on, no property of its own yet, and the first report far away: everything sent here is
        // what the administrator asks for on the page.
        server = RealOpenfire.builder(distribution, "console").confFile("system_metrics.yml",
                "services:\n  service_mongoose_system_metrics:\n    report: true\n    initial_report: 3600000\n"
                        + "    google_analytics_url: \"" + google.collectUrl() + "\"\n").start();
        browser = new Browser();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        RealOpenfire.closeAll(browser, server, google);
    }

    @Test
    @Order(1)
    void anAdministratorReachesThePageFromTheSidebarAndSavesAProperty() {
        logIn();
        for (String link : List.of("Server", "Server Settings", "System Metrics")) { // tab, sub-tab, sidebar entry
            browser.waiting().until(d -> !d.findElements(By.partialLinkText(link)).isEmpty());
            browser.driver().findElements(By.partialLinkText(link)).stream().filter(e -> e.getText().trim().equals(link))
                    .findFirst().orElseThrow(() -> new AssertionError("no link '" + link + "' on "
                            + browser.driver().getCurrentUrl())).click();
        }
        browser.waiting().until(d -> !d.findElements(By.id("sm-state")).isEmpty());
        assertThat(browser.driver().getCurrentUrl()).contains("/plugins/systemmetrics/system-metrics");
        assertThat(browser.text("#sm-state")).isNotBlank();
        // The jar as the README builds it has no project property, and no property of its own is set yet: the page
        // says that nothing is sent, not that reports go to Google.
        assertThat(browser.text("#sm-destinations")).isEqualTo(text("status.destinations.none"));
        assertThat(browser.text(".sm-intro")).isEqualTo(text("page.intro_nowhere"));
        assertThat(browser.text("#sm-state")).contains(text("state.running.text_nowhere"));

        browser.type("#sm-tracking_id", MEASUREMENT_ID);
        browser.type("#sm-tracking_secret", SECRET);
        browser.submitWith("#sm-save");

        assertThat(browser.text("#sm-flash")).isEqualTo(text("settings.saved"));
        assertThat(browser.find("#sm-tracking_id").getAttribute("value")).isEqualTo(MEASUREMENT_ID);
        assertThat(browser.driver().getPageSource()).doesNotContain(SECRET);
        assertThat(browser.text("#sm-destinations")).isEqualTo(MEASUREMENT_ID);
        assertThat(browser.text(".sm-intro")).isEqualTo(text("page.intro"));
        assertThat(browser.text("#sm-state")).contains(text("state.running.text"));
    }

    @Test
    @Order(2)
    void sendNowReachesTheStandInWithTheSavedProperty() {
        openPage();
        int before = google.requests().size();
        browser.submitWith("#sm-send");

        assertThat(browser.text("#sm-send-results")).contains(MEASUREMENT_ID);
        List<FakeGoogle.Recorded> sent = google.requests().subList(before, google.requests().size());
        assertThat(sent).isNotEmpty().allSatisfy(r -> {
            assertThat(r.path()).isEqualTo(FakeGoogle.COLLECT);
            assertThat(r.query()).containsEntry("measurement_id", MEASUREMENT_ID).containsEntry("api_secret", SECRET);
            assertThat(r.problems()).isEmpty();
        });
    }

    @Test
    @Order(3)
    void validateReachesTheValidationPath() {
        openPage();
        int before = google.requests().size();
        browser.submitWith("#sm-validate");

        List<FakeGoogle.Recorded> sent = google.requests().subList(before, google.requests().size());
        assertThat(sent).isNotEmpty().allSatisfy(r -> {
            assertThat(r.path()).isEqualTo(FakeGoogle.DEBUG);
            assertThat(r.query()).containsEntry("measurement_id", MEASUREMENT_ID);
        });
        assertThat(browser.text("#sm-result")).contains(text("actions.validate.clean"));
    }

    @Test
    @Order(4)
    void previewShowsTheJsonAndSendsNothing() {
        openPage();
        int before = google.requests().size();
        browser.submitWith("#sm-preview");

        String json = browser.text("#sm-preview-json");
        assertThat(json).contains("\"client_id\"").contains("\"name\": \"cluster\"")
                .contains("\"version\": \"" + distribution.version() + "\"");
        assertThat(google.requests()).hasSize(before);
    }

    @Test
    @Order(5)
    void aListenerSwitchedOffInOpenfiresSystemPropertiesLeavesThePreview() {
        openPage();
        browser.submitWith("#sm-preview");
        assertThat(transports(browser.text("#sm-preview-json"))).contains("s2s", "s2s_direct_tls", "c2s_tcp");

        // System Properties, as an administrator switches server-to-server (plain) off.
        browser.open(server.adminConsoleUrl() + "server-properties.jsp");
        browser.type("#editPropertyName", "xmpp.server.socket.active");
        browser.type("#editPropertyValue", "false");
        browser.submitWith("input[onclick^='submitEditForm(true)']");

        openPage();
        browser.submitWith("#sm-preview");
        assertThat(transports(browser.text("#sm-preview-json"))).doesNotContain("s2s")
                .contains("s2s_direct_tls", "c2s_tcp");
        // The report follows the setting. (Openfire itself keeps the open socket until its next start when only the
        // property changes; its own s2s settings page closes it.)
    }

    private static List<String> transports(String reportJson) {
        return ReportFile.events(JsonParser.parseString(reportJson).getAsJsonObject(), "transport").stream()
                .map(t -> t.get("mechanism").getAsString()).collect(Collectors.toList());
    }

    @Test
    @Order(6)
    void aPostWithoutThePagesTokenChangesNothing() throws Exception {
        openPage();
        String session = browser.driver().manage().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
        int before = google.requests().size();

        HttpResponse<String> save = post(session, "action=save&report=report&tracking_id=G-FORGED99&tracking_secret=x"
                + "&google_analytics_url=" + URLEncoder.encode("http://127.0.0.1:9/mp/collect", StandardCharsets.UTF_8));
        HttpResponse<String> send = post(session, "action=send");

        assertThat(save.statusCode()).isNotEqualTo(500);
        assertThat(send.statusCode()).isNotEqualTo(500);
        openPage();
        assertThat(browser.find("#sm-tracking_id").getAttribute("value")).isEqualTo(MEASUREMENT_ID);
        assertThat(browser.find("#sm-google_analytics_url").getAttribute("value")).isEqualTo(google.collectUrl().toString());
        assertThat(google.requests()).hasSize(before);
    }

    @Test
    @Order(7)
    void anOutsiderIsSentToTheLoginPage() throws Exception {
        HttpClient anonymous = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        URI page = URI.create(server.adminConsoleUrl() + "plugins/systemmetrics/system-metrics");

        HttpResponse<String> get = anonymous.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> post = anonymous.send(HttpRequest.newBuilder(page)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=send")).build(), HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> answer : List.of(get, post)) {
            assertThat(answer.statusCode()).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("login.jsp"));
        }

        browser.driver().manage().deleteAllCookies();
        browser.open(page.toString());
        assertThat(browser.driver().getCurrentUrl()).contains("login.jsp");
        assertThat(browser.findAll("#sm-state")).isEmpty();
    }

    @Test
    @Order(8)
    void everyCategoryCheckboxSharesItsLineWithItsLabelInOpenfiresConsole() {
        Dimension before = browser.driver().manage().window().getSize();
        try {
            for (int width : List.of(1024, 1400)) {
                browser.driver().manage().window().setSize(new Dimension(width, 1000));
                openPage();
                // Measured, not pictured: the first line of each label's text must sit beside its box, not below it.
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> rows = (List<Map<String, Object>>) ((JavascriptExecutor) browser.driver())
                        .executeScript("return Array.from(document.querySelectorAll('.sm-category')).map(function (row) {"
                                + " var box = row.querySelector('input[type=checkbox]').getBoundingClientRect();"
                                + " var range = document.createRange(); range.selectNodeContents(row.querySelector('label'));"
                                + " var lines = range.getClientRects(); var first = lines[0];"
                                + " return {id: row.querySelector('input').id, boxTop: box.top, boxBottom: box.bottom,"
                                + " boxRight: box.right, lineTop: first.top, lineBottom: first.bottom, lineLeft: first.left};"
                                + "});");
                assertThat(rows).as("category rows at %d px", width).hasSize(6).allSatisfy(row -> {
                    double boxTop = number(row, "boxTop");
                    double boxBottom = number(row, "boxBottom");
                    assertThat(number(row, "lineTop")).as("%s at %d px: first line starts above the box's bottom",
                            row.get("id"), width).isLessThan(boxBottom);
                    assertThat(number(row, "lineBottom")).as("%s at %d px: first line ends below the box's top",
                            row.get("id"), width).isGreaterThan(boxTop);
                    assertThat(number(row, "lineLeft")).as("%s at %d px: the label starts right of its box",
                            row.get("id"), width).isGreaterThanOrEqualTo(number(row, "boxRight") - 1);
                });
            }
        } finally {
            browser.driver().manage().window().setSize(before);
        }
    }

    private static double number(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).doubleValue();
    }

    @Test
    @Order(9)
    void nothingOfOursWasLoggedAsAProblem() {
        assertThat(server.log()).doesNotContainPattern("(WARN|ERROR) +\\[[^\\]]*\\]: org\\.systemmetrics")
                .doesNotContainPattern("(?m)^\\s+at org\\.systemmetrics").doesNotContain(SECRET);
    }

    private static void logIn() {
        browser.open(server.adminConsoleUrl() + "login.jsp");
        browser.type("#u01", RealOpenfire.ADMIN_USER);
        browser.type("#p01", RealOpenfire.ADMIN_PASSWORD);
        browser.submitWith("#submit");
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("login.jsp");
    }

    private static void openPage() {
        browser.open(server.adminConsoleUrl() + "plugins/systemmetrics/system-metrics");
        if (browser.driver().getCurrentUrl().contains("login.jsp")) {
            logIn();
            browser.open(server.adminConsoleUrl() + "plugins/systemmetrics/system-metrics");
        }
        browser.waiting().until(d -> !d.findElements(By.id("sm-state")).isEmpty());
    }

    private static HttpResponse<String> post(String cookies, String form) throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        return client.send(HttpRequest.newBuilder(URI.create(server.adminConsoleUrl() + "plugins/systemmetrics/system-metrics"))
                .header("Cookie", cookies).header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(WAIT).POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
