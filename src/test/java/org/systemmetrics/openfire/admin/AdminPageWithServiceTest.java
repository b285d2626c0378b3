package org.systemmetrics.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.core.config.SecretBinding;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.config.Setting;
import org.systemmetrics.core.config.TestConfigs;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.delivery.ga4.FakeGoogle;
import org.systemmetrics.openfire.PropertyConsoleSettings;
import org.systemmetrics.testing.FakeOpenfireServer;

/**
 * The admin page with the real plugin and service behind it, delivering to the local stand-in for Google:
 * what the buttons do really happens, and the settings really reach Openfire's properties and the service.
 */
class AdminPageWithServiceTest {
    private static final String SECRET = "page-must-never-show-this";
    private static final String RUNNING = RunningPlugin.yamlFor(ConsentDecision.State.RUNNING);

    @TempDir
    Path home;
    private FakeGoogle google;
    private FakeOpenfireServer openfire;
    private RunningPlugin plugin;
    private PageClient client;

    @BeforeEach
    void start() throws Exception {
        google = FakeGoogle.http();
        openfire = new FakeOpenfireServer(home);
        plugin = RunningPlugin.on(openfire, RUNNING
                + "    tracking_id: {id: G-OWNPROP1, secret: " + SECRET + "}\n"
                + "    google_analytics_url: " + google.collectUrl() + "\n");
        client = new PageClient(plugin.page().page());
    }

    @AfterEach
    void stop() {
        plugin.close();
        google.close();
    }

    private HttpResponse<String> press(String action) throws Exception {
        return client.post(PageClient.form("csrf", client.tokenFromPage(), "action", action));
    }

    @Test
    void sendNowDeliversToTheStandInAndShowsTheOutcome() throws Exception {
        HttpResponse<String> page = press("send");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(google.requestsFor("G-OWNPROP1")).singleElement()
                .satisfies(request -> assertThat(request.problems()).isEmpty());
        assertThat(page.body()).contains("G-OWNPROP1").doesNotContain(SECRET);
        assertThat(openfire.logsDirectory().resolve("system_metrics_report.json")).exists();
        assertThat(client.getPage().body()).contains("G-OWNPROP1").doesNotContain(SECRET);
    }

    @Test
    void validateAsksGooglesValidationEndpoint() throws Exception {
        HttpResponse<String> page = press("validate");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(google.requests()).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo(FakeGoogle.DEBUG));
        assertThat(page.body()).doesNotContain(SECRET);
    }

    @Test
    void previewShowsTheReportAndSendsNothing() throws Exception {
        HttpResponse<String> page = press("preview");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("cluster").contains("node_count");
        assertThat(google.requests()).isEmpty();
    }

    @Test
    void savedSettingsReachOpenfiresPropertiesAndTheServiceAtOnce() throws Exception {
        HttpResponse<String> saved = client.post(PageClient.form("csrf", client.tokenFromPage(), "action", "save",
                "report", "report", "initial_report", "60", "initial_report_unit", "min", "periodic_report", "2",
                "periodic_report_unit", "h", "tracking_id", "G-OWNPROP1", "tracking_secret", "",
                "google_analytics_url", google.collectUrl().toString()));

        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(openfire.properties()).containsEntry("systemmetrics.periodic_report", "7200000");
        SystemMetricsAdmin admin = plugin.admin();
        // No waiting here: the save returns once the service thread has applied it, so the next page shows it.
        assertThat(admin.facts().status.config().get(Setting.PERIODIC_REPORT)).isEqualTo(Duration.ofHours(2));
        assertThat(client.getPage().body()).doesNotContain(SECRET);
    }

    /** What another node of the cluster would use after each property write it receives. */
    private static String endpointAsANodeReadsIt(PropertyConsoleSettings node) {
        return TestConfigs.console(node.snapshot()).get(Setting.REPORT_ENDPOINT)
                .map(e -> e.url() + " " + e.token().orElse("(no token)")).orElse("(none)");
    }

    @Test
    void aNewTokenNeverMeetsTheOldEndpointWhileBothAreSaved() throws Exception {
        SystemMetricsAdmin admin = plugin.admin();
        admin.save(Map.of("report_endpoint", "https://old.example.org/in", "report_endpoint_token", "old-token"));
        PropertyConsoleSettings otherNode = new PropertyConsoleSettings(openfire, Clock.systemUTC());
        assertThat(endpointAsANodeReadsIt(otherNode)).isEqualTo("https://old.example.org/in old-token");
        List<String> pairs = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        openfire.onPropertyChange("systemmetrics.", () -> {
            pairs.add(endpointAsANodeReadsIt(otherNode));
            raw.add(openfire.properties().get("systemmetrics.report_endpoint"));
        });

        admin.save(Map.of("report_endpoint", "https://new.example.org/in", "report_endpoint_token", "new-token"));

        // The properties change one by one, but a node sees the old pair until the save's last write, then the new.
        assertThat(raw).contains("https://new.example.org/in");
        assertThat(pairs).isNotEmpty().containsOnly("https://old.example.org/in old-token",
                "https://new.example.org/in new-token").endsWith("https://new.example.org/in new-token");
        assertThat(openfire.properties()).doesNotContainKey("systemmetrics.console_saving");
    }

    @Test
    void aSecretTypedInTheSaveThatClearsTheConsoleUrlGoesToTheFilesUrl() throws Exception {
        // The file names the stand-in; the console had another URL of its own, which this save clears.
        plugin.admin().save(Map.of("google_analytics_url", "http://127.0.0.1:9/mp/collect"));
        assertThat(openfire.properties()).containsEntry("systemmetrics.google_analytics_url",
                "http://127.0.0.1:9/mp/collect");

        HttpResponse<String> saved = client.post(PageClient.form("csrf", client.tokenFromPage(), "action", "save",
                "report", "report", "initial_report", "60", "initial_report_unit", "min", "periodic_report", "3",
                "periodic_report_unit", "h", "tracking_id", "G-CONSOLE1", "tracking_secret", "typed-with-the-files-url",
                "google_analytics_url", "", "google_analytics_url_choice", "custom"));

        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(openfire.properties()).doesNotContainKey("systemmetrics.google_analytics_url");
        SystemMetricsAdmin admin = plugin.admin();
        // The secret was typed while the file's URL was to be in force: the next load accepts it there.
        assertThat(admin.facts().status.config().get(Setting.GOOGLE_ANALYTICS_URL)).isEqualTo(google.collectUrl());
        assertThat(admin.facts().status.config().get(Setting.TRACKING_ID)).extracting(t -> t.measurementId() + " " + t.apiSecret())
                .containsExactly("G-CONSOLE1 typed-with-the-files-url");
        press("send");
        assertThat(google.requestsFor("G-CONSOLE1")).hasSize(1);
        assertThat(client.getPage().body()).doesNotContain("typed-with-the-files-url");
    }

    @Test
    void aTokenSavedWhileTheConsoleEndpointIsClearedIsBoundToTheEndpointInForceAfterTheSave() throws Exception {
        plugin.restartWith(RUNNING
                + "    report_endpoint: http://127.0.0.1:9/file-reports\n");
        SystemMetricsAdmin admin = plugin.admin();
        admin.save(Map.of("report_endpoint", "https://console.example.org/in", "report_endpoint_token", "old"));

        admin.save(Map.of("report_endpoint", "", "report_endpoint_token", "typed-now"));

        // Not sealed to the console endpoint being removed: to the file's, the one in force after the save.
        assertThat(openfire.properties()).doesNotContainKey("systemmetrics.report_endpoint")
                .containsEntry("systemmetrics.report_endpoint_token",
                        SecretBinding.seal("typed-now", java.net.URI.create("http://127.0.0.1:9/file-reports")));
    }

    @Test
    void aNodeThatSeesTheNewUrlBesideTheOldTokenSendsNothingThereAndSaysWhy() throws Exception {
        SystemMetricsAdmin admin = plugin.admin();
        admin.save(Map.of("report_endpoint", "https://old.example.org/in", "report_endpoint_token", "old-token"));
        // As a node would see it whose copy got the URL write but not yet the token (or if the URL were changed on
        // the System Properties page): the token was entered for the old address.
        openfire.setProperty("systemmetrics.report_endpoint", "https://attacker.example.net/in", false);

        ServiceConfig loaded = TestConfigs.console(
                new PropertyConsoleSettings(openfire, Clock.systemUTC()).snapshot());

        assertThat(loaded.get(Setting.REPORT_ENDPOINT)).isEmpty();
        assertThat(loaded.problems()).singleElement().asString().contains("report_endpoint_token")
                .contains("was entered for another report_endpoint than https://attacker.example.net")
                .contains("Enter it again").doesNotContain("old-token");
    }

    @Test
    void aSaveInterruptedByANodesCrashIsReadAsItIsAfterItsHoldLimit() throws Exception {
        SystemMetricsAdmin admin = plugin.admin();
        admin.save(Map.of("report_endpoint", "https://old.example.org/in", "report_endpoint_token", "old-token"));
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return now.get();
            }
        };
        PropertyConsoleSettings node = new PropertyConsoleSettings(openfire, clock);
        node.snapshot();
        openfire.setProperty("systemmetrics.console_saving", "1", false); // the saving node stops here
        openfire.setProperty("systemmetrics.categories", "backends", false);

        assertThat(node.snapshot().get("categories")).isEmpty();
        now.set(now.get().plusSeconds(61));
        assertThat(node.holdState()).isNotEmpty(); // changes the fingerprint, so the watcher reads again
        assertThat(node.snapshot().get("categories")).contains("backends");
    }

    @Test
    void anEndpointWithItsTokenAndTheCategoriesAreSavedAppliedAndResetTogether() throws Exception {
        String token = "Console-T0ken-Value";
        HttpResponse<String> saved = client.post(PageClient.form("csrf", client.tokenFromPage(), "action", "save",
                "report", "report", "initial_report", "60", "initial_report_unit", "min", "periodic_report", "3",
                "periodic_report_unit", "h", "tracking_id", "G-OWNPROP1", "tracking_secret", "",
                "google_analytics_url", google.collectUrl().toString(), "google_analytics_url_choice", "custom",
                "report_endpoint", "http://127.0.0.1:9/reports", "report_endpoint_token", token,
                "categories_shown", "1", "category_backends", "on"));

        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(openfire.properties()).containsEntry("systemmetrics.report_endpoint", "http://127.0.0.1:9/reports")
                .containsEntry("systemmetrics.report_endpoint_token",
                        SecretBinding.seal(token, java.net.URI.create("http://127.0.0.1:9/reports")))
                .containsEntry("systemmetrics.categories", "backends");
        SystemMetricsAdmin admin = plugin.admin();
        assertThat(admin.preview().events()).extracting(org.systemmetrics.core.report.Event::name)
                .containsOnly("cluster", "node", "backend");
        assertThat(admin.facts().destinations).containsExactly("G-OWNPROP1", "http://127.0.0.1");
        assertThat(client.getPage().body()).contains("http://127.0.0.1:9/reports").doesNotContain(token);

        client.post(PageClient.form("csrf", client.tokenFromPage(), "reset", "report_endpoint"));
        assertThat(openfire.properties()).doesNotContainKeys("systemmetrics.report_endpoint",
                "systemmetrics.report_endpoint_token");
        client.post(PageClient.form("csrf", client.tokenFromPage(), "reset", "categories"));
        assertThat(openfire.properties()).doesNotContainKey("systemmetrics.categories");
        admin.preview();
        assertThat(admin.facts().status.config().get(Setting.REPORT_ENDPOINT)).isEmpty();
        assertThat(admin.preview().events()).extracting(org.systemmetrics.core.report.Event::name)
                .contains("cluster", "backend", "transport", "xmpp_stanza_count");
    }

    @Test
    void validateWithNoGooglePropertySaysNothingWasCheckedInsteadOfAllIsWell() throws Exception {
        plugin.restartWith(RUNNING
                + "    google_analytics_url: " + google.collectUrl() + "\n    report_endpoint: http://127.0.0.1:9/reports\n");

        HttpResponse<String> page = press("validate");

        assertThat(page.body()).contains("Nothing was validated").doesNotContain(
                Html.escape(BundleMessages.english().get("actions.validate.clean")));
        assertThat(google.requests()).isEmpty();
    }

    @Test
    void validateAgainstARefusedDestinationSaysItWasNotCheckedNeverThatGoogleObjected() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        plugin.restartWith(RUNNING
                + "    tracking_id: {id: G-OWNPROP1, secret: " + SECRET + "}\n"
                + "    google_analytics_url: http://127.0.0.1:" + closedPort + "/mp/collect\n");

        String page = press("validate").body();

        BundleMessages en = BundleMessages.english();
        assertThat(page).contains("id=\"sm-validate-not-checked\"", "data-failure=\"CONNECTION_REFUSED\"")
                .contains(Html.escape("G-OWNPROP1: " + en.get("failure.connection_refused", "127.0.0.1", "")))
                .doesNotContain("id=\"sm-validation\"").doesNotContain("request_failed")
                .doesNotContain(Html.escape(en.get("actions.validate.found", "1"))).doesNotContain("Exception")
                .doesNotContain(SECRET);
    }

    /** A validation server that answers, but with no verdict, was reached: the page does not say it was not. */
    @Test
    void validateAnsweredWithAnErrorSaysNoVerdictNotThatTheServerWasNotReached() throws Exception {
        google.script("G-OWNPROP1", FakeGoogle.Behaviour.status(503));
        BundleMessages en = BundleMessages.english();

        String page = press("validate").body();

        assertThat(google.requestsFor("G-OWNPROP1")).hasSize(1);
        assertThat(page).contains("id=\"sm-validate-not-checked\"", "data-failure=\"SERVER_FAILED\"")
                .doesNotContain("the validation server was not reached, so")
                .contains(Html.escape(en.get("actions.validate.not_checked")));
        assertThat(en.get("actions.validate.not_checked")).contains("not reached or gave no verdict");
    }

    /** A logs folder that refuses the file leaves the sending alone; the page says which of the two happened. */
    @Test
    void sendNowWhoseReportFileCannotBeWrittenDoesNotSayItWasWritten() throws Exception {
        deleteLogsFolder();
        google.script("G-OWNPROP1", FakeGoogle.Behaviour.status(401));
        BundleMessages en = BundleMessages.english();

        String failed = press("send").body();

        String unwritten = Html.escape(en.get("actions.send.file_unwritten"));
        assertThat(failed).doesNotContain(Html.escape(en.get("actions.send.file_written")))
                .contains(Html.escape(en.get("actions.send.failed_one", "G-OWNPROP1")) + " " + unwritten);
        assertThat(en.get("actions.send.file_unwritten")).contains("could not be written to the report file");
        assertThat(press("send").body()).contains(Html.escape(en.get("actions.send.done")) + " " + unwritten);
        assertThat(openfire.logsDirectory()).doesNotExist();
    }

    /** The file's sentence is the Send now's own run's, even when another run ends before the page is drawn. */
    @Test
    void sendNowSaysWhatBecameOfItsOwnReportFileNotOfALaterRuns() throws Exception {
        deleteLogsFolder(); // the Send now's run cannot write the file
        plugin.values.showing(facts -> google.requestsFor("G-OWNPROP1").size() == 1 ? anotherRunWritesTheFile()
                : facts);
        BundleMessages en = BundleMessages.english();

        String sent = press("send").body();

        assertThat(google.requestsFor("G-OWNPROP1")).hasSize(2);
        assertThat(plugin.status().reportFileWritten()).as("the later run wrote it").isTrue();
        assertThat(sent).contains(Html.escape(en.get("actions.send.done")) + " "
                + Html.escape(en.get("actions.send.file_unwritten")))
                .doesNotContain(Html.escape(en.get("actions.send.file_written")));
    }

    /** A run of the schedule (here another Send now) that ends between a Send now and its page, and writes the file. */
    private PageFacts anotherRunWritesTheFile() {
        try {
            Files.createDirectories(openfire.logsDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        plugin.admin().sendNow();
        return plugin.admin().facts();
    }

    private void deleteLogsFolder() throws IOException {
        try (Stream<Path> files = Files.walk(openfire.logsDirectory())) {
            files.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
        }
    }

    @Test
    void sendNowWhoseOnlyDestinationRefusesSaysSoAndTheStatusShowsItUntilADeliveryWorks() throws Exception {
        google.script("G-OWNPROP1", FakeGoogle.Behaviour.status(401));
        BundleMessages en = BundleMessages.english();

        String sent = press("send").body();

        String why = google.collectUrl().getHost() + " refused the token or API secret (HTTP 401 Unauthorized)";
        assertThat(sent).contains(Html.escape(en.get("actions.send.failed_one", "G-OWNPROP1") + " "
                + en.get("actions.send.file_written")), Html.escape(why))
                .doesNotContain("not accepted everywhere");
        String after = client.getPage().body();
        assertThat(after).contains("id=\"sm-state-delivery\" data-failed=\"all\"",
                Html.escape("G-OWNPROP1 not delivered: " + why));
        assertThat(after.substring(after.lastIndexOf("<div", after.indexOf("id=\"sm-state\"")))).startsWith(
                "<div class=\"jive-warning sm-state\"");

        press("send");

        String healed = client.getPage().body();
        assertThat(healed).doesNotContain("sm-state-delivery")
                .contains(Html.escape(en.get("status.last_delivery.ok", "G-OWNPROP1")));
    }
}
