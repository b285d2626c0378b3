package org.systemmetrics.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.core.report.ReportJson;

/**
 * The page over plain HTTP, without a browser: what the HTML source contains, and what the servlet refuses.
 * Openfire's own CSRF check is off here (as where the plugin.xml flag is not honoured), so every refusal
 * proves the page's own check.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPageHttpTest {
    private static final String MARKUP = "<script>alert(1)</script>\"'";

    private final AtomicReference<FakeAdmin> admin = new AtomicReference<>();
    private final AtomicReference<Boolean> available = new AtomicReference<>(true);
    private AdminPageServer server;
    private final BundleMessages text = BundleMessages.english();

    @BeforeAll
    void start() throws Exception {
        server = new AdminPageServer(() -> available.get() ? Optional.of(admin.get()) : Optional.empty(), false, false);
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void freshService() {
        admin.set(new FakeAdmin());
        available.set(true);
    }

    private PageClient client() {
        return new PageClient(server.page());
    }

    @Test
    void aPostWithoutTokenIsRefusedAndChangesNothing() throws Exception {
        PageClient client = client();
        client.getPage();
        HttpResponse<String> response = client.post(PageClient.form("action", "save", "report", "no_report"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains(Html.escape(text.get("page.csrf_refused")));
        assertThat(admin.get().saves()).isEmpty();
    }

    /** Send now and Validate first check that reporting runs (and Send now audits the role); the others need nothing. */
    @ParameterizedTest
    @CsvSource({"preview, 1", "forget, 1", "send, 2", "validate, 2"})
    void aButtonReadsWhatThePageShowsOnceMoreOnlyWhereItsActionNeedsIt(String action, int reads) throws Exception {
        admin.get().inState(ConsentDecision.State.RUNNING).validationMessages(List.of(Outcomes.checked("G-PROJECT01", FakeAdmin.NOW)));
        PageClient client = client();
        String token = client.tokenFromPage();
        int before = admin.get().factsReads();

        HttpResponse<String> response = client.post(PageClient.form("csrf", token, "action", action));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("id=\"sm-result\"").doesNotContain("data-kind=\"FAILED\"");
        assertThat(admin.get().factsReads() - before).isEqualTo(reads);
    }

    @Test
    void aPostWithAWrongTokenIsRefused() throws Exception {
        PageClient client = client();
        String token = client.tokenFromPage();
        HttpResponse<String> response = client.post(PageClient.form("csrf", token + "x", "reset", "initial_report"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(admin.get().resets()).isEmpty();
    }

    @Test
    void anotherSessionsTokenIsRefused() throws Exception {
        String othersToken = client().tokenFromPage();
        PageClient attacker = client();
        attacker.getPage();
        HttpResponse<String> response = attacker.post(PageClient.form("csrf", othersToken, "action", "send"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(admin.get().sendCount()).isZero();
    }

    @Test
    void aPostWithoutSessionIsRefused() throws Exception {
        HttpResponse<String> response = client().post(PageClient.form("csrf", "anything", "action", "validate"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(admin.get().validateCount()).isZero();
    }

    @Test
    void aPostWithThePagesTokenIsCarriedOutAndRedirectsToAPlainGet() throws Exception {
        PageClient client = client();
        String token = client.tokenFromPage();
        Map<String, String> form = PageClient.form("csrf", token, "action", "save", "report", "report",
                "initial_report", "5", "initial_report_unit", "min", "periodic_report", "3", "periodic_report_unit", "h",
                "tracking_id", "", "tracking_secret", "", "google_analytics_url",
                "https://www.google-analytics.com/mp/collect");
        HttpResponse<String> response = client.post(form);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("system-metrics?saved=1");
        assertThat(admin.get().saves()).containsExactly(Map.of("report", "true"));
    }

    @Test
    void getChangesNothingWhateverItsParameters() throws Exception {
        client().get(java.net.URI.create(server.page() + "?saved=1&reset=initial_report&action=send"));
        assertThat(admin.get().saves()).isEmpty();
        assertThat(admin.get().resets()).isEmpty();
        assertThat(admin.get().sendCount()).isZero();
    }

    @ParameterizedTest
    @EnumSource(ConsentDecision.State.class)
    void theStatusIsSaidInWords(ConsentDecision.State state) throws Exception {
        admin.get().inState(state);
        String html = client().getPage().body();
        String key = "state." + state.name().toLowerCase(java.util.Locale.ROOT);
        assertThat(html).contains("data-state=\"" + state.name() + "\"")
                .contains(Html.escape(text.get(key + ".title"))).contains(Html.escape(text.get(key + ".text")));
    }

    @Test
    void thePageTellsOpenfiresDecoratorWhichSidebarItemItIs() throws Exception {
        String html = client().getPage().body();
        assertThat(html).contains("<title>System Metrics</title>")
                .contains("<meta name=\"pageID\" content=\"systemmetrics-settings\"/>");
    }

    @Test
    void theApiSecretNeverAppearsInThePage() throws Exception {
        String secret = "Sup3rS3cretValue";
        admin.get().consoleValue("tracking_id", "G-ADMIN1234").consoleValue("tracking_secret", secret);
        PageClient client = client();
        String page = client.getPage().body();
        assertThat(page).doesNotContain(secret).contains(Html.escape(text.get("settings.tracking_secret.set")));

        String typed = "TypedButRefused9";
        HttpResponse<String> refused = client.post(PageClient.form("csrf", client.tokenFromPage(), "action", "save",
                "report", "", "initial_report", "later", "initial_report_unit", "min", "periodic_report", "3",
                "periodic_report_unit", "h", "tracking_id", "G-ADMIN1234", "tracking_secret", typed,
                "google_analytics_url", "https://www.google-analytics.com/mp/collect"));
        assertThat(refused.body()).contains("sm-error-initial_report").doesNotContain(typed).doesNotContain(secret);
        assertThat(admin.get().saves()).isEmpty();
    }

    @Test
    void theEndpointTokenNeverAppearsInThePageAndValidateSaysItChecksGoogleOnly() throws Exception {
        String token = "EndpointT0kenValue";
        admin.get().consoleValue("report_endpoint", "https://metrics.example.org/in").consoleValue("report_endpoint_token", token);
        String page = client().getPage().body();

        assertThat(page).doesNotContain(token).contains("https://metrics.example.org/in")
                .contains(Html.escape(text.get("actions.validate.scope")))
                .contains("id=\"sm-category_stanzas\"");
    }

    @Test
    void thePageSaysASecretGoesOnlyToItsAddressAndAskForItAgainWhenTheAddressChanges() throws Exception {
        admin.get().consoleValue("report_endpoint", "https://metrics.example.org/in")
                .consoleValue("report_endpoint_token", "EndpointT0kenValue");
        PageClient client = client();
        String page = client.getPage().body();
        assertThat(page).contains("id=\"sm-secret-address-hint\"").contains("id=\"sm-token-address-hint\"")
                .contains(Html.escape(text.get("settings.secret_address_hint")));

        HttpResponse<String> refused = client.post(PageClient.form("csrf", client.tokenFromPage(), "action", "save",
                "report", "", "initial_report", "5", "initial_report_unit", "min", "periodic_report", "3",
                "periodic_report_unit", "h", "tracking_id", "", "tracking_secret", "",
                "google_analytics_url", "https://www.google-analytics.com/mp/collect",
                "report_endpoint", "https://attacker.example.net/in", "report_endpoint_token", ""));

        assertThat(admin.get().saves()).isEmpty();
        assertThat(refused.body()).contains(Html.escape(text.get("settings.error.report_endpoint_token_reenter")))
                .doesNotContain("EndpointT0kenValue");
    }

    @Test
    void markupFromOutsideIsShownAsText() throws Exception {
        Report hostile = new Report(Instant.parse("2025-03-14T06:00:00Z"), FakeAdmin.CLUSTER_ID,
                List.of(Event.named("plugins").param("name " + MARKUP, "version " + MARKUP).build()));
        admin.get().reportFileJson(ReportJson.toPrettyJson(hostile)).clusterId(MARKUP).destinations(List.of(MARKUP))
                .history(Map.of(MARKUP, List.of(Outcomes.failed(MARKUP, FakeAdmin.NOW, "HTTP 400: " + MARKUP))));
        String html = client().getPage().body();
        assertThat(html).doesNotContain("<script>alert(1)</script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;");
    }

    @Test
    void thePageMayBeFramedOnlyByTheAdminConsoleItself() throws Exception {
        PageClient client = client();
        HttpResponse<String> page = client.getPage();
        HttpResponse<String> posted = client.post(PageClient.form("csrf", client.tokenFromPage(), "action", "preview"));
        HttpResponse<String> download = client.get(server.download());

        for (HttpResponse<String> response : List.of(page, posted, download)) {
            assertThat(response.headers().allValues("Content-Security-Policy")).contains("frame-ancestors 'self'");
        }
    }

    @Test
    void theReportFileCanBeDownloadedWhileTheDatabaseIsUnreachable() throws Exception {
        PageClient client = client();
        admin.get().reportFileJson("{}\n").databaseUnreachable(new IllegalStateException("database down"));

        HttpResponse<String> response = client.get(server.download());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}\n");
    }

    @Test
    void theDownloadIsTheReportFileExactly() throws Exception {
        String file = "{\n  \"client_id\": \"" + FakeAdmin.CLUSTER_ID + "\",\n  \"note\": \"" + "é <b>\"\n}\n";
        admin.get().reportFileJson(file);
        HttpResponse<String> response = client().get(server.download());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"system_metrics_report.json\"");
        assertThat(response.body()).isEqualTo(file);
    }

    @Test
    void withoutAReportFileTheDownloadSaysSo() throws Exception {
        admin.get().reportFileJson(null);
        HttpResponse<String> response = client().get(server.download());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(client().getPage().body()).contains("id=\"sm-report-none\"").doesNotContain("id=\"sm-download\"");
    }

    @Test
    void whileThePluginStartsThePageSaysSoInsteadOfFailing() throws Exception {
        available.set(false);
        HttpResponse<String> response = client().getPage();
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains(Html.escape(text.get("page.unavailable")));
    }

    @Test
    void sendNowIsRefusedWhileReportingIsOff() throws Exception {
        admin.get().inState(ConsentDecision.State.OFF_BY_NO_REPORT);
        PageClient client = client();
        String html = client.post(PageClient.form("csrf", client.tokenFromPage(), "action", "send")).body();
        assertThat(html).contains(Html.escape(text.get("actions.not_running")));
        assertThat(admin.get().sendCount()).isZero();
    }

    @Test
    void aFailingServiceIsReportedInWords() throws Exception {
        admin.get().failing(new IllegalStateException("the cluster ID does not exist yet <b>"));
        PageClient client = client();
        String html = client.post(PageClient.form("csrf", client.tokenFromPage(), "action", "preview")).body();
        assertThat(html).contains("the cluster ID does not exist yet &lt;b&gt;");
    }

    @Test
    void unknownResetKeysAndActionsAreRefused() throws Exception {
        PageClient client = client();
        assertThat(client.post(PageClient.form("csrf", client.tokenFromPage(), "reset", "tracking_secret")).statusCode())
                .isEqualTo(400);
        assertThat(client.post(PageClient.form("csrf", client.tokenFromPage(), "action", "delete")).statusCode())
                .isEqualTo(400);
        assertThat(admin.get().resets()).isEmpty();
    }
}
