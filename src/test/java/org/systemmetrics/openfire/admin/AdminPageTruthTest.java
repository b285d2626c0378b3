package org.systemmetrics.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.core.SystemMetricsService;
import org.systemmetrics.core.config.Setting;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.delivery.ga4.FakeGoogle;
import org.systemmetrics.core.text.Texts;
import org.systemmetrics.openfire.SystemMetricsPlugin;
import org.systemmetrics.openfire.seam.OpenfireUnavailableException;
import org.systemmetrics.openfire.seam.SystemPropertyRegistrar;
import org.systemmetrics.testing.FakeOpenfireServer;
import org.systemmetrics.testing.LogCapture;

/**
 * Every sentence the page says about state, destinations, origin and time follows from what is in force: no
 * "sent to Google" when nothing is sent, no "from the configuration file" without one, no time already past.
 * The real plugin says what is in force, from its file and the console.
 */
class AdminPageTruthTest {
    private static final BundleMessages EN = BundleMessages.english();
    private static final String OWN_PROPERTY = "    tracking_id: {id: G-OWNPROP1, secret: s3cret}\n";

    @TempDir
    Path home;
    private RunningPlugin plugin;

    @AfterEach
    void stop() {
        if (plugin != null) {
            plugin.close();
        }
    }

    /** The test's plugin, replacing the one before (on the same Openfire home). */
    private RunningPlugin plugin(String yaml) {
        stop();
        plugin = RunningPlugin.on(new FakeOpenfireServer(home), yaml);
        return plugin;
    }

    private String render() {
        return render(null, Clock.systemUTC());
    }

    private String render(ActionResult result, Clock clock) {
        AdminPage page = new AdminPage(EN, () -> clock);
        PageModel model = new PageModel(plugin.facts(), "token");
        return page.render(result == null ? model : model.actionResult(result));
    }

    private static String text(String key, String... args) {
        return Html.escape(EN.get(key, args));
    }

    private static String text(String key) {
        return Html.escape(EN.get(key));
    }

    /** {@code facts} as a build with the project's property has them; a test build has none. */
    private static PageFacts withTheProjectsProperty(PageFacts facts) {
        return new PageFacts(facts.status, facts.clusterId, facts.role, facts.seniorHost, facts.destinations,
                facts.reportFile, facts.reportJson, facts.history, facts.unseenFields, true);
    }

    /** The EU hint names the project's property only in a build that has one (a plain build has none). */
    @Test
    void theEuHintSaysTheProjectsPropertyFollowsOnlyInABuildWithOne() {
        plugin(RunningPlugin.yamlFor(ConsentDecision.State.RUNNING));
        PageFacts plain = plugin.facts();
        PageFacts withProject = withTheProjectsProperty(plain);

        assertThat(plain.projectProperty).as("a build without -Dsystemmetrics.ga4.measurementId").isFalse();
        for (BundleMessages messages : List.of(EN, BundleMessages.german())) {
            String hint = Html.escape(messages.get("settings.google_analytics_url.eu_hint"));
            String project = Html.escape(messages.get("settings.google_analytics_url.eu_hint_project"));
            assertThat(new AdminPage(messages, Clock::systemUTC).render(new PageModel(plain, "token")))
                    .contains("id=\"sm-eu-hint\">" + hint + "</div>").doesNotContain(project);
            assertThat(new AdminPage(messages, Clock::systemUTC).render(new PageModel(withProject, "token")))
                    .contains("id=\"sm-eu-hint\">" + hint + " " + project + "</div>");
        }
    }

    @Test
    void withNoDestinationTheIntroAndTheStateSayNothingIsSent() {
        for (ConsentDecision.State state : List.of(ConsentDecision.State.RUNNING, ConsentDecision.State.RUNNING_WITH_NOTICE)) {
            String key = "state." + state.name().toLowerCase(Locale.ROOT);
            plugin(RunningPlugin.yamlFor(state));
            assertThat(plugin.facts().destinations).isEmpty();
            String nowhere = render();
            assertThat(nowhere).contains(text("page.intro_nowhere"), text(key + ".text_nowhere"))
                    .doesNotContain(text("page.intro"), text(key + ".text"));

            plugin(RunningPlugin.yamlFor(state) + OWN_PROPERTY);
            String somewhere = render();
            assertThat(somewhere).contains(text("page.intro"), text(key + ".text"))
                    .doesNotContain(text("page.intro_nowhere"), text(key + ".text_nowhere"));
        }
    }

    /**
     * A build with the project's property sends nowhere only while the Google Analytics endpoint is not Google's own,
     * which leaves its property out: the intro says that, not that the build has no project property.
     */
    @Test
    void withTheProjectsPropertyHeldBackTheIntroSaysWhyNotThatTheBuildHasNone() {
        plugin(RunningPlugin.yamlFor(ConsentDecision.State.RUNNING));
        PageFacts plain = plugin.facts();
        PageFacts withheld = withTheProjectsProperty(plain);

        assertThat(withheld.destinations).isEmpty();
        for (BundleMessages messages : List.of(EN, BundleMessages.german())) {
            assertThat(new AdminPage(messages, Clock::systemUTC).render(new PageModel(withheld, "token")))
                    .contains(Html.escape(messages.get("page.intro_nowhere_withheld")))
                    .doesNotContain(Html.escape(messages.get("page.intro_nowhere")));
        }
        assertThat(EN.get("page.intro_nowhere_withheld")).doesNotContain("no project property");
    }

    @Test
    void theIntroNamesNoDestinationOfItsOwn() {
        // The destinations are named once, under Status, from what is in force: the intro only points there.
        assertThat(EN.get("page.intro")).doesNotContain("Google");
        assertThat(BundleMessages.german().get("page.intro")).doesNotContain("Google");
    }

    @Test
    void sendReportsInTheConsoleOverAFileOptOutIsShownBesideTheState() {
        plugin(RunningPlugin.yamlFor(ConsentDecision.State.OFF_BY_NO_REPORT)).admin().save(Map.of("report", "true"));
        String overridden = render();
        assertThat(overridden).contains("data-state=\"RUNNING\"").contains("id=\"sm-console-override\"")
                .contains(text("status.console_override.off"));

        plugin(RunningPlugin.yamlFor(ConsentDecision.State.OFF_OPT_OUT_UNCLEAR)).admin().save(Map.of("report", "true"));
        String unclear = render();
        assertThat(unclear).contains(text("status.console_override.opt_out_unclear"));

        plugin(RunningPlugin.yamlFor(ConsentDecision.State.RUNNING)).admin().save(Map.of("report", "true"));
        String agreed = render();
        assertThat(agreed).doesNotContain("sm-console-override");
    }

    @Test
    void withoutAConfigurationFileEveryValueIsTheDefaultNotTheFiles() {
        plugin(null);
        assertThat(plugin.status().state()).isEqualTo(ConsentDecision.State.RUNNING_WITH_NOTICE);
        String page = render();

        assertThat(page).contains(text("status.config_file.default"))
                .contains(text("settings.report.undecided_default"))
                .doesNotContain(text("settings.report.undecided"))
                .doesNotContain(text("source.file"));
        assertThat(page).containsPattern("id=\"sm-source-initial_report\">" + text("source.default") + "<")
                .containsPattern("id=\"sm-source-report\">" + text("source.default") + "<");

        plugin(RunningPlugin.yamlFor(ConsentDecision.State.RUNNING_WITH_NOTICE));
        String withFile = render();
        assertThat(withFile).contains(text("settings.report.undecided"))
                .containsPattern("id=\"sm-source-initial_report\">" + text("source.file") + "<");
    }

    @Test
    void withoutAConfigurationFileTheSettingsOfferTheDefaultNotAFileValue() {
        plugin(null).admin().save(Map.of("initial_report", "60000"));
        String page = render();

        // The intro and the reset button speak of the default, as the source column and the reset message do.
        assertThat(page).contains(text("settings.intro_default"), ">" + text("settings.reset_default") + "</button>")
                .doesNotContain(text("settings.intro")).doesNotContain(">" + text("settings.reset") + "</button>");

        plugin(RunningPlugin.ENTRY).admin().save(Map.of("initial_report", "60000"));
        String withFile = render();
        assertThat(withFile).contains(text("settings.intro"), ">" + text("settings.reset") + "</button>")
                .doesNotContain(text("settings.intro_default"));
    }

    /** The button beside a console value names what removing it brings, as the message after it does. */
    @Test
    void theResetButtonOffersTheDefaultWhereTheFileGivesNoValueForThatSetting() {
        // The file sets the first report's timer only; it always decides reporting, with or without report.
        plugin(RunningPlugin.ENTRY).admin().save(Map.of("initial_report", "60000", "periodic_report", "7200000",
                "report", "true"));
        String page = render();

        assertThat(page).contains("id=\"sm-reset-initial_report\">" + text("settings.reset") + "<",
                "id=\"sm-reset-report\">" + text("settings.reset") + "<",
                "id=\"sm-reset-periodic_report\">" + text("settings.reset_default") + "<");
        assertThat(EN.get("settings.intro")).contains("the default where the file gives none");

        // A value the file gives but that cannot be used is no file value either.
        plugin(RunningPlugin.ENTRY + "    periodic_report: soon\n").admin().save(Map.of("periodic_report", "7200000"));
        assertThat(render()).contains("id=\"sm-reset-periodic_report\">" + text("settings.reset_default") + "<");
    }

    @Test
    void aReportThatIsDueIsShownAsNowNeverAsATimeAlreadyPast() {
        plugin(RunningPlugin.yamlFor(ConsentDecision.State.RUNNING));
        Instant due = plugin.status().nextReportAt().orElseThrow();

        String page = render(null, Clock.fixed(due.plus(Duration.ofSeconds(30)), ZoneOffset.UTC));

        assertThat(page).contains("id=\"sm-next-report\">" + text("status.next_report.now") + "<")
                .doesNotContain("(in 0 s)");
    }

    @Test
    void whileADeliveryRunsTheHistorySaysAReportIsBeingSent() throws Exception {
        try (FakeGoogle google = FakeGoogle.http()) {
            CompletableFuture<?> sending = sendNowIntoAHangingDelivery(google);
            Instant since = plugin.status().sendingSince().orElseThrow();

            String page = render(null, Clock.fixed(since, ZoneOffset.UTC));

            String at = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT).withZone(ZoneOffset.UTC)
                    .format(since);
            assertThat(page).contains("id=\"sm-history-sending\"").contains(text("history.sending", at))
                    .doesNotContain("sm-history-none");
            google.releaseHangs();
            sending.get(30, TimeUnit.SECONDS);
        }
        // The same plugin once the delivery ended: its row in the history, no longer "being sent".
        assertThat(plugin.status().sendingSince()).isEmpty();
        assertThat(render()).contains("id=\"sm-history-0\"").doesNotContain("sm-history-sending")
                .doesNotContain("sm-history-none");
    }

    /** Starts the plugin reporting to {@code google}, whose answer hangs, and a Send now that waits in it. */
    private CompletableFuture<?> sendNowIntoAHangingDelivery(FakeGoogle google) throws InterruptedException {
        CountDownLatch arrived = hangingAt(google);
        plugin(reportingTo(google));
        CompletableFuture<?> sending = CompletableFuture.runAsync(() -> plugin.admin().sendNow());
        assertThat(arrived.await(10, TimeUnit.SECONDS)).as("the delivery reached the stand-in").isTrue();
        return sending;
    }

    /** Lets the own property's deliveries at {@code google} hang; the latch opens when the first one arrives. */
    private static CountDownLatch hangingAt(FakeGoogle google) {
        CountDownLatch arrived = new CountDownLatch(1);
        google.script("G-OWNPROP1", (exchange, request, release) -> {
            arrived.countDown();
            FakeGoogle.Behaviour.hang().respond(exchange, request, release);
        });
        return arrived;
    }

    private static String reportingTo(FakeGoogle google) {
        return RunningPlugin.yamlFor(ConsentDecision.State.RUNNING) + OWN_PROPERTY
                + "    google_analytics_url: " + google.collectUrl() + "\n";
    }

    /**
     * A button whose wait for the service thread runs out (a delivery holds the thread) did not fail: its task stays
     * queued and runs once the service is free. The page says what still happens and where its outcome shows, and
     * Send now and Forget, whose outcomes then reach only the history and openfire.log, are in the security audit
     * log as requested.
     */
    @Test
    void aButtonWhoseWaitRunsOutSaysWhatStillHappensAndWhere() throws Exception {
        List<String> audited = new CopyOnWriteArrayList<>();
        try (FakeGoogle google = FakeGoogle.http()) {
            CountDownLatch arrived = hangingAt(google);
            stop();
            plugin = RunningPlugin.waitingAtMost(Duration.ofMillis(300), new FakeOpenfireServer(home),
                    reportingTo(google));
            PageClient client = new PageClient(plugin.page((request, summary, details) -> audited.add(summary
                    + " | " + details)).page());

            assertThat(press(client, "send")).contains(text("actions.pending.send"), "data-kind=\"PENDING\"");
            assertThat(arrived.await(10, TimeUnit.SECONDS)).as("the delivery reached the stand-in").isTrue();
            Optional<String> oldId = plugin.facts().clusterId;
            for (String action : List.of("preview", "validate", "forget")) {
                assertThat(press(client, action)).as(action)
                        .contains(text("actions.pending." + action), "data-kind=\"PENDING\"")
                        .doesNotContain(text("actions.failed", ""));
            }
            String pending = Texts.of(SystemMetricsAdminServlet.class).get("audit.pending");
            assertThat(audited).containsExactly("System Metrics: Send now | " + pending,
                    "System Metrics: Forget this server | " + pending);

            google.releaseHangs();
            plugin.awaitTheServiceFree();
            assertThat(oldId).isPresent();
            assertThat(plugin.facts().clusterId).as("Forget ran once the service was free").isPresent()
                    .isNotEqualTo(oldId);
            assertThat(plugin.facts().history).as("Send now's report went out").isNotEmpty();
        }
    }

    /**
     * A queued action goes with the service thread's queue when the plugin is unloaded before it runs, so each text
     * of a button whose wait ran out says that it runs unless the plugin is unloaded first.
     */
    @Test
    void everyQueuedActionsTextSaysItDoesNotRunOnceThePluginIsUnloaded() {
        for (String action : List.of("preview", "send", "validate", "forget")) {
            assertThat(EN.get("actions.pending." + action)).as(action).contains("unloaded by then");
            assertThat(BundleMessages.german().get("actions.pending." + action)).as(action).contains("entladen");
        }
    }

    /**
     * An action that fails once the page no longer waits for it (the database went down meanwhile) is told in
     * openfire.log, where the page said its outcome would show: nobody else hears of it.
     */
    @Test
    void anActionThatFailsAfterThePageStoppedWaitingIsLogged() throws Exception {
        OpenfireUnavailableException down = new OpenfireUnavailableException("JiveGlobals.getProperty",
                new IllegalStateException("database down"));
        AtomicBoolean databaseDown = new AtomicBoolean();
        try (FakeGoogle google = FakeGoogle.http(); LogCapture log = new LogCapture()) {
            CountDownLatch arrived = hangingAt(google);
            stop();
            plugin = RunningPlugin.waitingAtMost(Duration.ofMillis(300), new FakeOpenfireServer(home) {
                @Override
                public Optional<String> storedProperty(String name) {
                    if (databaseDown.get()) {
                        throw down;
                    }
                    return super.storedProperty(name);
                }
            }, reportingTo(google));
            assertThatThrownBy(plugin.admin()::sendNow).isInstanceOf(SystemMetricsAdmin.StillQueued.class);
            assertThat(arrived.await(10, TimeUnit.SECONDS)).as("the delivery reached the stand-in").isTrue();
            assertThatThrownBy(plugin.admin()::forget).isInstanceOf(SystemMetricsAdmin.StillQueued.class);

            databaseDown.set(true);
            google.releaseHangs();
            plugin.awaitTheServiceFree();

            Texts root = Texts.of(SystemMetricsPlugin.class);
            assertThat(log.at(Level.WARN)).anyMatch(line -> line.contains(
                    root.get("admin.failed_later", root.get("admin.failed.forget", down))));
        }
    }

    /**
     * A queued action that, once it runs, is not done (Send now on a node that has not joined the cluster yet,
     * Validate once no Google Analytics property is set) says why in openfire.log, where the page said its outcome
     * shows.
     */
    @Test
    void aQueuedActionThatIsNotDoneOnceItRunsSaysWhyInTheLog() throws Exception {
        FakeOpenfireServer openfire = new FakeOpenfireServer(home);
        try (FakeGoogle google = FakeGoogle.http(); LogCapture log = new LogCapture()) {
            CountDownLatch arrived = hangingAt(google);
            stop();
            plugin = RunningPlugin.waitingAtMost(Duration.ofMillis(300), openfire, reportingTo(google));
            assertThatThrownBy(plugin.admin()::sendNow).isInstanceOf(SystemMetricsAdmin.StillQueued.class);
            assertThat(arrived.await(10, TimeUnit.SECONDS)).as("the delivery reached the stand-in").isTrue();
            assertThatThrownBy(plugin.admin()::sendNow).isInstanceOf(SystemMetricsAdmin.StillQueued.class);
            assertThatThrownBy(plugin.admin()::validate).isInstanceOf(SystemMetricsAdmin.StillQueued.class);

            openfire.joiningCluster();
            // Reporting stays on, with no Google Analytics property left to validate.
            Files.writeString(RunningPlugin.configFile(openfire),
                    RunningPlugin.yamlFor(ConsentDecision.State.RUNNING));
            google.releaseHangs();
            plugin.awaitTheServiceFree();

            Texts root = Texts.of(SystemMetricsPlugin.class);
            for (String whyNot : List.of("admin.send.joining", "admin.validate.no_property")) {
                assertThat(log.at(Level.WARN)).as(whyNot)
                        .anyMatch(line -> line.endsWith(root.get("admin.not_done_later", root.get(whyNot))));
            }
        }
    }

    private static String press(PageClient client, String action) throws Exception {
        return client.post(PageClient.form("csrf", client.tokenFromPage(), "action", action)).body();
    }

    /** A save behind a delivery under way is stored at once, applied once the service is free, and said so. */
    @Test
    void aSaveTheServiceCannotApplyWithinTheWaitIsNotCalledApplied() throws Exception {
        try (FakeGoogle google = FakeGoogle.http()) {
            CompletableFuture<?> sending = sendNowIntoAHangingDelivery(google);

            Thread.currentThread().interrupt(); // ends the wait at once, as its bound does after a long delivery
            SystemMetricsAdmin.Saved saved = plugin.admin().save(Map.of("periodic_report", "7200000"));

            assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
            assertThat(saved).isEqualTo(SystemMetricsAdmin.Saved.PENDING);
            assertThat(plugin.console()).containsEntry("periodic_report", "7200000");
            assertThat(plugin.status().config().get(Setting.PERIODIC_REPORT)).isNotEqualTo(Duration.ofHours(2));
            google.releaseHangs();
            sending.get(30, TimeUnit.SECONDS);
        }
        plugin.admin().preview(); // queued behind the save's reconfiguration
        assertThat(plugin.status().config().get(Setting.PERIODIC_REPORT)).isEqualTo(Duration.ofHours(2));
    }

    /**
     * A save the service cannot read back (Openfire does not answer for the console's settings) is stored, but the
     * settings in force stay, as the log says: the save answers that it is not applied.
     */
    @Test
    void aSaveTheServiceCouldNotReadBackIsNotCalledApplied() {
        AtomicBoolean unreadable = new AtomicBoolean();
        pluginWhoseConsoleSettingsFailWhile(unreadable);
        try (LogCapture log = new LogCapture()) {
            unreadable.set(true);
            SystemMetricsAdmin.Saved saved = plugin.admin().save(Map.of("periodic_report", "7200000"));
            unreadable.set(false);

            assertThat(plugin.console()).containsEntry("periodic_report", "7200000");
            assertThat(plugin.status().config().get(Setting.PERIODIC_REPORT)).isNotEqualTo(Duration.ofHours(2));
            assertThat(log.at(Level.WARN)).anyMatch(line -> line.contains("could not apply the changed settings"));
            assertThat(saved).isEqualTo(SystemMetricsAdmin.Saved.NOT_APPLIED);
        }
    }

    /** A running plugin on an Openfire that does not answer for the console's settings while {@code unreadable}. */
    private void pluginWhoseConsoleSettingsFailWhile(AtomicBoolean unreadable) {
        stop();
        plugin = RunningPlugin.on(new FakeOpenfireServer(home) {
            @Override
            public Optional<String> property(String name) {
                if (unreadable.get() && name.startsWith(SystemPropertyRegistrar.PREFIX)) {
                    throw new OpenfireUnavailableException("JiveGlobals.getProperty", new IllegalStateException());
                }
                return super.property(name);
            }
        }, RunningPlugin.yamlFor(ConsentDecision.State.RUNNING));
    }

    /**
     * A save that reaches the service once it is stopped (the plugin is being unloaded) is stored but not applied, and
     * openfire.log says why, as the page's "not applied" says it does.
     */
    @Test
    void aSaveWhileThePluginIsUnloadedIsNotCalledAppliedAndTheLogSaysWhy() {
        plugin(RunningPlugin.yamlFor(ConsentDecision.State.RUNNING));
        SystemMetricsAdmin admin = plugin.admin();
        plugin.close();
        try (LogCapture log = new LogCapture()) {
            SystemMetricsAdmin.Saved saved = admin.save(Map.of("periodic_report", "7200000"));

            assertThat(saved).isEqualTo(SystemMetricsAdmin.Saved.NOT_APPLIED);
            assertThat(log.at(Level.WARN)).anyMatch(line -> line.endsWith(
                    Texts.of(SystemMetricsService.class).get("config.not_applied_stopping")));
        }
    }

    /**
     * The page after a save that reached the service as the plugin was being stopped, once the plugin runs again,
     * says what openfire.log said: the settings apply when the plugin next starts, as the restarted plugin shows.
     */
    @Test
    void thePageAfterASaveWhileThePluginIsUnloadedSaysItAppliesAtTheNextStart() throws Exception {
        plugin(RunningPlugin.yamlFor(ConsentDecision.State.RUNNING));
        SystemMetricsAdmin admin = plugin.admin();
        plugin.close();
        SystemMetricsAdmin.Saved saved = admin.save(Map.of("periodic_report", "7200000"));
        plugin = RunningPlugin.on(plugin.openfire, RunningPlugin.yamlFor(ConsentDecision.State.RUNNING));
        AdminPageServer server = plugin.page();

        String page = new PageClient(server.page()).get(URI.create(server.page() + "?saved="
                + saved.name().toLowerCase(Locale.ROOT))).body();

        assertThat(plugin.status().config().get(Setting.PERIODIC_REPORT)).isEqualTo(Duration.ofHours(2));
        assertThat(page).contains(text("settings.saved_not_applied"));
        assertThat(EN.get("settings.saved_not_applied")).contains("when the plugin next starts");
        assertThat(BundleMessages.german().get("settings.saved_not_applied"))
                .contains("beim nächsten Start des Plugins");
    }

    /**
     * A Send now or Validate that cannot read the settings again does nothing, and its words name that among the
     * causes.
     */
    @Test
    void aSendNowOrValidateThatCannotReadTheSettingsAgainSaysSo() {
        AtomicBoolean unreadable = new AtomicBoolean();
        pluginWhoseConsoleSettingsFailWhile(unreadable);
        unreadable.set(true);

        Texts root = Texts.of(SystemMetricsPlugin.class);
        assertThatThrownBy(plugin.admin()::sendNow).isInstanceOf(IllegalStateException.class)
                .hasMessage(root.get("admin.send.refused")).hasMessageContaining("the settings");
        assertThatThrownBy(plugin.admin()::validate).isInstanceOf(IllegalStateException.class)
                .hasMessage(root.get("admin.validate.refused")).hasMessageContaining("the settings");
    }

    @Test
    void aPreviewWhileReportingIsOffSaysNothingWouldBeSentAndWhyStanzasAreMissing() {
        plugin(RunningPlugin.yamlFor(ConsentDecision.State.OFF_BY_NO_REPORT));
        String off = render(ActionResult.preview(plugin.admin().preview()), Clock.systemUTC());
        assertThat(off).contains(text("actions.preview.done_off")).contains(text("actions.preview.no_stanzas"))
                .doesNotContain(text("actions.preview.done"));

        plugin.admin().save(Map.of("categories", "backends"));
        String offWithoutStanzas = render(ActionResult.preview(plugin.admin().preview()), Clock.systemUTC());
        assertThat(offWithoutStanzas).contains(text("actions.preview.done_off"))
                .doesNotContain(text("actions.preview.no_stanzas"));

        plugin(RunningPlugin.yamlFor(ConsentDecision.State.RUNNING));
        String on = render(ActionResult.preview(plugin.admin().preview()), Clock.systemUTC());
        assertThat(on).contains(text("actions.preview.done")).doesNotContain(text("actions.preview.done_off"));
    }

    @Test
    void previewWhileReportingIsOffWarnsAboutNoCollectorOnTheRealPlugin() throws Exception {
        try (LogCapture log = new LogCapture()) {
            plugin(RunningPlugin.yamlFor(ConsentDecision.State.OFF_BY_NO_REPORT));
            PageClient client = new PageClient(plugin.page().page());
            String page = client.post(PageClient.form("csrf", client.tokenFromPage(), "action", "preview")).body();

            assertThat(page).contains(text("actions.preview.no_stanzas")).contains("node_count");
            assertThat(log.at(Level.WARN)).noneMatch(line -> line.contains("collector failed"));
        }
    }

    @Test
    void resettingAConsoleValueWithoutAFileSaysTheDefaultAppliesAgain() throws Exception {
        plugin(null);
        assertThat(pageAfterReset()).contains(text("settings.reset.done_default",
                EN.get("settings.initial_report.label")))
                .doesNotContain("configuration file&#39;s value applies again");

        plugin(RunningPlugin.ENTRY);
        assertThat(pageAfterReset()).contains(text("settings.reset.done", EN.get("settings.initial_report.label")));
    }

    @Test
    void resettingAConsoleValueTheFileDoesNotSetSaysTheDefaultAppliesAgain() throws Exception {
        plugin(RunningPlugin.ENTRY);
        plugin.admin().save(Map.of("periodic_report", "3600000"));
        plugin.admin().save(Map.of("periodic_report", ""));

        assertThat(pageAfterReset("periodic_report")).contains(text("settings.reset.done_not_in_file",
                EN.get("settings.periodic_report.label")))
                .doesNotContain("configuration file&#39;s value applies again");
    }

    /** The page the browser is sent to after resetting the first report's timer. */
    private String pageAfterReset() throws Exception {
        return pageAfterReset("initial_report");
    }

    private String pageAfterReset(String key) throws Exception {
        AdminPageServer server = plugin.page();
        return new PageClient(server.page()).get(URI.create(server.page() + "?reset=" + key)).body();
    }
}
