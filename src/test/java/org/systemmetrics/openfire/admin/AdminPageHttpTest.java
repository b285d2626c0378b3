package org.systemmetrics.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.delivery.ga4.FakeGoogle;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.core.report.ReportFileWriter;
import org.systemmetrics.core.report.ReportJson;
import org.systemmetrics.testing.FakeOpenfireServer;

/**
 * The page over plain HTTP, without a browser: what the HTML source contains, and what the servlet refuses.
 * Openfire's own CSRF check is off here (as where the plugin.xml flag is not honoured), so every refusal
 * proves the page's own check. The real plugin is behind the page: what a refused request did not change is read
 * from Openfire's properties and the report file.
 */
class AdminPageHttpTest {
    private static final String MARKUP = "<script>alert(1)</script>\"'";
    private static final String SHOWN = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;";
    /** The timers as the form below submits them unchanged: 5 min and 3 h. */
    private static final String FILE = "services:\n  service_mongoose_system_metrics:\n    initial_report: 300000\n"
            + "    periodic_report: 10800000\n";

    @TempDir
    Path home;
    private final BundleMessages text = BundleMessages.english();
    private WatchedOpenfire openfire;
    private RunningPlugin plugin;
    private AdminPageServer server;
    private FakeGoogle google;

    /** Openfire as the page meets it: it counts the page's reads of what it shows, and its database can go down. */
    private static final class WatchedOpenfire extends FakeOpenfireServer {
        /** Only the page's one read of what it shows asks for the senior's host name. */
        final AtomicInteger pageReads = new AtomicInteger();
        volatile RuntimeException databaseDown;

        WatchedOpenfire(Path home) {
            super(home);
        }

        @Override
        public Optional<String> seniorMemberHostName() {
            pageReads.incrementAndGet();
            return super.seniorMemberHostName();
        }

        @Override
        public Optional<String> storedProperty(String name) {
            RuntimeException down = databaseDown;
            if (down != null) {
                throw down;
            }
            return super.storedProperty(name);
        }
    }

    @AfterEach
    void stop() {
        if (plugin != null) {
            plugin.close();
        }
        if (google != null) {
            google.close();
        }
    }

    private PageClient client() throws Exception {
        if (plugin == null) {
            start(FILE);
        }
        return new PageClient(server.page());
    }

    private void start(String yaml) throws Exception {
        openfire = new WatchedOpenfire(home);
        plugin = RunningPlugin.on(openfire, yaml);
        server = plugin.page();
    }

    private Path reportFile() {
        return openfire.logsDirectory().resolve(ReportFileWriter.FILE_NAME);
    }

    @Test
    void aPostWithoutTokenIsRefusedAndChangesNothing() throws Exception {
        PageClient client = client();
        client.getPage();
        HttpResponse<String> response = client.post(PageClient.form("action", "save", "report", "no_report"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains(Html.escape(text.get("page.csrf_refused")));
        assertThat(plugin.console()).isEmpty();
    }

    /** Send now and Validate first check that reporting runs (and Send now audits the role); the others need nothing. */
    @ParameterizedTest
    @CsvSource({"preview, 1", "forget, 1", "send, 2", "validate, 2"})
    void aButtonReadsWhatThePageShowsOnceMoreOnlyWhereItsActionNeedsIt(String action, int reads) throws Exception {
        google = FakeGoogle.http();
        start(RunningPlugin.yamlFor(ConsentDecision.State.RUNNING) + "    tracking_id: {id: G-OWNPROP1, secret: s}\n"
                + "    google_analytics_url: " + google.collectUrl() + "\n");
        PageClient client = client();
        String token = client.tokenFromPage();
        int before = openfire.pageReads.get();

        HttpResponse<String> response = client.post(PageClient.form("csrf", token, "action", action));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("id=\"sm-result\"").doesNotContain("data-kind=\"FAILED\"");
        assertThat(openfire.pageReads.get() - before).isEqualTo(reads);
    }

    /** Send now's entry in the security audit names where the report was delivered and where not. */
    @Test
    void sendNowsAuditEntryNamesWhatWasNotDelivered() throws Exception {
        google = FakeGoogle.http();
        google.script("G-OWNPROP2", FakeGoogle.Behaviour.status(400));
        start(RunningPlugin.yamlFor(ConsentDecision.State.RUNNING) + "    tracking_id:\n"
                + "      - {id: G-OWNPROP1, secret: s}\n      - {id: G-OWNPROP2, secret: t}\n"
                + "    google_analytics_url: " + google.collectUrl() + "\n");
        List<String> audit = new CopyOnWriteArrayList<>();
        PageClient client = new PageClient(plugin.page((request, summary, details) -> audit.add(summary + " | "
                + details)).page());

        client.post(PageClient.form("csrf", client.tokenFromPage(), "action", "send"));

        assertThat(audit).containsExactly("System Metrics: sent a report now | delivered to: G-OWNPROP1; "
                + "not delivered to: G-OWNPROP2");
    }

    @Test
    void aPostWithAWrongTokenIsRefused() throws Exception {
        PageClient client = client();
        plugin.admin().save(Map.of("initial_report", "60000"));
        String token = client.tokenFromPage();
        HttpResponse<String> response = client.post(PageClient.form("csrf", token + "x", "reset", "initial_report"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(plugin.console()).containsExactly(Map.entry("initial_report", "60000"));
    }

    @Test
    void anotherSessionsTokenIsRefused() throws Exception {
        String othersToken = client().tokenFromPage();
        PageClient attacker = client();
        attacker.getPage();
        HttpResponse<String> response = attacker.post(PageClient.form("csrf", othersToken, "action", "send"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(reportFile()).as("Send now writes the report file").doesNotExist();
    }

    @Test
    void aPostWithoutSessionIsRefused() throws Exception {
        google = FakeGoogle.http();
        start(RunningPlugin.yamlFor(ConsentDecision.State.RUNNING) + "    tracking_id: {id: G-OWNPROP1, secret: s}\n"
                + "    google_analytics_url: " + google.collectUrl() + "\n");
        HttpResponse<String> response = client().post(PageClient.form("csrf", "anything", "action", "validate"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(google.requests()).isEmpty();
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
        assertThat(plugin.console()).containsExactly(Map.entry("report", "true"));
        assertThat(plugin.status().state()).isEqualTo(ConsentDecision.State.RUNNING);
    }

    /** A save or reset the service has not applied (past its wait, or unread) stands, and the page says so. */
    @ParameterizedTest
    @CsvSource({"PENDING, pending, jive-warning, settings.saved_pending",
        "NOT_APPLIED, not_applied, jive-error, settings.saved_not_applied"})
    void aChangeTheServiceHasNotAppliedIsNotCalledApplied(SystemMetricsAdmin.Saved answer, String query, String box,
            String key) throws Exception {
        PageClient client = client();
        plugin.values.saving(answer);

        HttpResponse<String> saved = client.post(PageClient.form("csrf", client.tokenFromPage(), "action", "save",
                "initial_report", "7", "initial_report_unit", "min"));
        HttpResponse<String> reset = client.post(PageClient.form("csrf", client.tokenFromPage(),
                "reset", "initial_report"));

        assertThat(plugin.console()).isEmpty();
        for (HttpResponse<String> response : List.of(saved, reset)) {
            assertThat(response.headers().firstValue("Location").orElseThrow())
                    .endsWith("system-metrics?saved=" + query);
        }
        String page = client.get(URI.create(server.page() + "?saved=" + query)).body();
        assertThat(page).contains("<div class=\"" + box + "\" id=\"sm-flash\">" + Html.escape(text.get(key)) + "<")
                .doesNotContain(Html.escape(text.get("settings.saved")));
    }

    @Test
    void getChangesNothingWhateverItsParameters() throws Exception {
        PageClient client = client();
        // A timer no slow machine reaches: only the GET could write the report file here.
        plugin.admin().save(Map.of("initial_report", "7200000"));
        client.get(URI.create(server.page() + "?saved=1&reset=initial_report&action=send"));
        assertThat(plugin.console()).containsExactly(Map.entry("initial_report", "7200000"));
        assertThat(reportFile()).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(ConsentDecision.State.class)
    void theStatusIsSaidInWords(ConsentDecision.State state) throws Exception {
        // Running, a destination is set: the state's words say reports are sent.
        plugin = state.runs() ? RunningPlugin.withYaml(home, RunningPlugin.yamlFor(state)
                + "    tracking_id: {id: G-OWNPROP1, secret: s}\n") : RunningPlugin.inState(home, state);
        server = plugin.page();
        String html = new PageClient(server.page()).getPage().body();
        String key = "state." + state.name().toLowerCase(Locale.ROOT);
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
        start(RunningPlugin.ENTRY); // the first report an hour away: nothing reaches Google while the test runs
        PageClient client = client();
        plugin.admin().save(Map.of("tracking_id", "G-ADMIN1234", "tracking_secret", secret));
        Map<String, String> saved = plugin.console();
        String page = client.getPage().body();
        assertThat(page).doesNotContain(secret).contains(Html.escape(text.get("settings.tracking_secret.set")));

        String typed = "TypedButRefused9";
        HttpResponse<String> refused = client.post(PageClient.form("csrf", client.tokenFromPage(), "action", "save",
                "report", "", "initial_report", "later", "initial_report_unit", "min", "periodic_report", "3",
                "periodic_report_unit", "h", "tracking_id", "G-ADMIN1234", "tracking_secret", typed,
                "google_analytics_url", "https://www.google-analytics.com/mp/collect"));
        assertThat(refused.body()).contains("sm-error-initial_report").doesNotContain(typed).doesNotContain(secret);
        assertThat(plugin.console()).isEqualTo(saved);
    }

    @Test
    void theEndpointTokenNeverAppearsInThePageAndValidateSaysItChecksGoogleOnly() throws Exception {
        String token = "EndpointT0kenValue";
        start(RunningPlugin.ENTRY); // the first report an hour away: nothing reaches the endpoint while the test runs
        PageClient client = client();
        plugin.admin().save(Map.of("report_endpoint", "https://metrics.example.org/in",
                "report_endpoint_token", token));
        String page = client.getPage().body();

        assertThat(page).doesNotContain(token).contains("https://metrics.example.org/in")
                .contains(Html.escape(text.get("actions.validate.scope")))
                .contains("id=\"sm-category_stanzas\"");
    }

    @Test
    void thePageSaysASecretGoesOnlyToItsAddressAndAskForItAgainWhenTheAddressChanges() throws Exception {
        start(RunningPlugin.ENTRY); // the first report an hour away: nothing reaches the endpoint while the test runs
        PageClient client = client();
        plugin.admin().save(Map.of("report_endpoint", "https://metrics.example.org/in",
                "report_endpoint_token", "EndpointT0kenValue"));
        Map<String, String> saved = plugin.console();
        String page = client.getPage().body();
        assertThat(page).contains("id=\"sm-secret-address-hint\"").contains("id=\"sm-token-address-hint\"")
                .contains(Html.escape(text.get("settings.secret_address_hint")));

        HttpResponse<String> refused = client.post(PageClient.form("csrf", client.tokenFromPage(), "action", "save",
                "report", "", "initial_report", "5", "initial_report_unit", "min", "periodic_report", "3",
                "periodic_report_unit", "h", "tracking_id", "", "tracking_secret", "",
                "google_analytics_url", "https://www.google-analytics.com/mp/collect",
                "report_endpoint", "https://attacker.example.net/in", "report_endpoint_token", ""));

        assertThat(plugin.console()).isEqualTo(saved);
        assertThat(refused.body()).contains(Html.escape(text.get("settings.error.report_endpoint_token_reenter")))
                .doesNotContain("EndpointT0kenValue");
    }

    /**
     * What comes from outside: names in the report file, what Google's validation server answers, and (as plain
     * values, which the real plugin does not produce) a cluster ID, a destination and a delivery's failure text.
     */
    @Test
    void markupFromOutsideIsShownAsText() throws Exception {
        google = FakeGoogle.http();
        google.script("G-OWNPROP1", FakeGoogle.Behaviour.status(200, "{\"validationMessages\":[{\"fieldPath\":\""
                + MARKUP.replace("\"", "\\\"") + "\",\"description\":\"" + MARKUP.replace("\"", "\\\"")
                + "\",\"validationCode\":\"VALUE_INVALID\"}]}", Map.of("Content-Type", "application/json")));
        start(RunningPlugin.yamlFor(ConsentDecision.State.RUNNING)
                + "    tracking_id: {id: G-OWNPROP1, secret: page-s3cret}\n"
                + "    google_analytics_url: " + google.collectUrl() + "\n");
        Report hostile = new Report(Instant.parse("2025-03-14T06:00:00Z"), Outcomes.CLUSTER_ID,
                List.of(Event.named("plugins").param("name " + MARKUP, "version " + MARKUP).build()));
        Files.writeString(reportFile(), ReportJson.toPrettyJson(hostile));
        PageClient client = client();
        String html = client.getPage().body();
        String validated = client.post(PageClient.form("csrf", client.tokenFromPage(), "action", "validate")).body();
        plugin.values.showing(facts -> new PageFacts(facts.status, Optional.of(MARKUP + "id"), facts.role,
                facts.seniorHost, List.of(MARKUP + "to"), facts.reportFile, facts.reportJson,
                Map.of(MARKUP + "at", List.of(Outcomes.failed(MARKUP + "at", Outcomes.NOW, "HTTP 400: " + MARKUP))),
                facts.unseenFields, facts.projectProperty));
        String shown = client.getPage().body();

        // In the report file's JSON the quote is escaped: \" stays, shown as text.
        assertThat(html).doesNotContain("<script>alert(1)</script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;\\&quot;&#39;");
        assertThat(validated).doesNotContain("<script>alert(1)</script>").contains(SHOWN);
        assertThat(validated).contains("id=\"sm-validation\"");
        assertThat(shown).doesNotContain("<script>alert(1)</script>").contains("id=\"sm-cluster-id\">" + SHOWN + "id<")
                .contains(SHOWN + "to").contains(Html.escape(text.get("history.destination", MARKUP + "at")))
                .contains("<td>HTTP 400: " + SHOWN + "</td>");
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
        Files.writeString(reportFile(), "{}\n");
        openfire.databaseDown = new IllegalStateException("database down");

        HttpResponse<String> response = client.get(server.download());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}\n");
    }

    @Test
    void theDownloadIsTheReportFileExactly() throws Exception {
        String file = "{\n  \"client_id\": \"" + Outcomes.CLUSTER_ID + "\",\n  \"note\": \"" + "é <b>\"\n}\n";
        PageClient client = client();
        Files.writeString(reportFile(), file);
        HttpResponse<String> response = client.get(server.download());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"system_metrics_report.json\"");
        assertThat(response.body()).isEqualTo(file);
    }

    @Test
    void withoutAReportFileTheDownloadSaysSo() throws Exception {
        HttpResponse<String> response = client().get(server.download());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(client().getPage().body()).contains("id=\"sm-report-none\"").doesNotContain("id=\"sm-download\"");
    }

    @Test
    void whileThePluginStartsThePageSaysSoInsteadOfFailing() throws Exception {
        try (AdminPageServer starting = new AdminPageServer(Optional::empty, false, false)) {
            HttpResponse<String> response = new PageClient(starting.page()).getPage();
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains(Html.escape(text.get("page.unavailable")));
        }
    }

    @Test
    void sendNowIsRefusedWhileReportingIsOff() throws Exception {
        start(RunningPlugin.yamlFor(ConsentDecision.State.OFF_BY_NO_REPORT));
        PageClient client = client();
        String html = client.post(PageClient.form("csrf", client.tokenFromPage(), "action", "send")).body();
        assertThat(html).contains(Html.escape(text.get("actions.not_running")));
        assertThat(reportFile()).doesNotExist();
    }

    /** A request that found the plugin just before Openfire unloaded it: the service is stopped. */
    @Test
    void aFailingServiceIsReportedInWords() throws Exception {
        start(FILE);
        SystemMetricsAdmin found = plugin.admin();
        try (AdminPageServer page = new AdminPageServer(() -> Optional.of(found), false, false,
                (request, summary, details) -> { }, Clock::systemUTC)) {
            PageClient client = new PageClient(page.page());
            String token = client.tokenFromPage();
            plugin.close();

            String html = client.post(PageClient.form("csrf", token, "action", "preview")).body();

            assertThat(html).contains("data-kind=\"FAILED\"").contains(Html.escape(text.get("actions.failed",
                    "No preview could be built: the service is stopping, or building the report failed")))
                    .doesNotContain("Exception");
        }
    }

    /** What the page shows of an exception's message (a button's, a change's) is text, never markup. */
    @Test
    void theMessageOfAFailureIsShownAsText() throws Exception {
        PageClient client = client();
        plugin.values.failingWith(new IllegalStateException("the cluster ID does not exist yet " + MARKUP));
        String token = client.tokenFromPage();

        String preview = client.post(PageClient.form("csrf", token, "action", "preview")).body();
        String reset = client.post(PageClient.form("csrf", client.tokenFromPage(), "reset", "initial_report")).body();

        for (String html : List.of(preview, reset)) {
            assertThat(html).doesNotContain("<script>alert(1)</script>")
                    .contains("the cluster ID does not exist yet " + SHOWN);
        }
        assertThat(preview).contains("data-kind=\"FAILED\"");
        assertThat(reset).contains("jive-error");
    }

    @Test
    void unknownResetKeysAndActionsAreRefused() throws Exception {
        PageClient client = client();
        assertThat(client.post(PageClient.form("csrf", client.tokenFromPage(), "reset", "tracking_secret")).statusCode())
                .isEqualTo(400);
        assertThat(client.post(PageClient.form("csrf", client.tokenFromPage(), "action", "delete")).statusCode())
                .isEqualTo(400);
        assertThat(plugin.console()).isEmpty();
    }
}
