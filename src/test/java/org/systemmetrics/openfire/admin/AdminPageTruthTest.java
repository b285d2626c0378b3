package org.systemmetrics.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.openfire.PluginHarness;
import org.systemmetrics.openfire.SystemMetricsPlugin;
import org.systemmetrics.testing.FakeOpenfireServer;
import org.systemmetrics.testing.LogCapture;

/**
 * Every sentence the page says about state, destinations, origin and time follows from what is in force: no
 * "sent to Google" when nothing is sent, no "from the configuration file" without one, no time already past.
 */
class AdminPageTruthTest {
    private static final BundleMessages EN = BundleMessages.english();

    @TempDir
    Path home;

    private static String render(FakeAdmin admin) {
        return render(admin, null);
    }

    private static String render(FakeAdmin admin, ActionResult result) {
        AdminPage page = new AdminPage(EN, () -> Clock.fixed(FakeAdmin.NOW, ZoneOffset.UTC));
        PageModel model = new PageModel(admin, "token");
        return page.render(result == null ? model : model.actionResult(result));
    }

    private static String text(String key, String... args) {
        return Html.escape(EN.get(key, args));
    }

    private static String text(String key) {
        return Html.escape(EN.get(key));
    }

    @Test
    void withNoDestinationTheIntroAndTheStateSayNothingIsSent() {
        for (ConsentDecision.State state : List.of(ConsentDecision.State.RUNNING, ConsentDecision.State.RUNNING_WITH_NOTICE)) {
            String key = "state." + state.name().toLowerCase(java.util.Locale.ROOT);
            String nowhere = render(new FakeAdmin().inState(state).destinations(List.of()));
            assertThat(nowhere).contains(text("page.intro_nowhere"), text(key + ".text_nowhere"))
                    .doesNotContain(text("page.intro"), text(key + ".text"));

            String somewhere = render(new FakeAdmin().inState(state).destinations(List.of("G-PROJECT01")));
            assertThat(somewhere).contains(text("page.intro"), text(key + ".text"))
                    .doesNotContain(text("page.intro_nowhere"), text(key + ".text_nowhere"));
        }
    }

    @Test
    void theIntroNamesNoDestinationOfItsOwn() {
        // The destinations are named once, under Status, from what is in force: the intro only points there.
        assertThat(EN.get("page.intro")).doesNotContain("Google");
        assertThat(BundleMessages.german().get("page.intro")).doesNotContain("Google");
    }

    @Test
    void sendReportsInTheConsoleOverAFileOptOutIsShownBesideTheState() {
        String overridden = render(new FakeAdmin().inState(ConsentDecision.State.OFF_BY_NO_REPORT)
                .consoleValue("report", "true"));
        assertThat(overridden).contains("data-state=\"RUNNING\"").contains("id=\"sm-console-override\"")
                .contains(text("status.console_override.off"));

        String unclear = render(new FakeAdmin().inState(ConsentDecision.State.OFF_OPT_OUT_UNCLEAR)
                .consoleValue("report", "true"));
        assertThat(unclear).contains(text("status.console_override.opt_out_unclear"));

        String agreed = render(new FakeAdmin().inState(ConsentDecision.State.RUNNING)
                .consoleValue("report", "true"));
        assertThat(agreed).doesNotContain("sm-console-override");
    }

    @Test
    void withoutAConfigurationFileEveryValueIsTheDefaultNotTheFiles() {
        String page = render(new FakeAdmin().shippedDefault().inState(ConsentDecision.State.RUNNING_WITH_NOTICE));

        assertThat(page).contains(text("status.config_file.default"))
                .contains(text("settings.report.undecided_default"))
                .doesNotContain(text("settings.report.undecided"))
                .doesNotContain(text("source.file"));
        assertThat(page).containsPattern("id=\"sm-source-initial_report\">" + text("source.default") + "<")
                .containsPattern("id=\"sm-source-report\">" + text("source.default") + "<");

        String withFile = render(new FakeAdmin().inState(ConsentDecision.State.RUNNING_WITH_NOTICE));
        assertThat(withFile).contains(text("settings.report.undecided"))
                .containsPattern("id=\"sm-source-initial_report\">" + text("source.file") + "<");
    }

    @Test
    void withoutAConfigurationFileTheSettingsOfferTheDefaultNotAFileValue() {
        String page = render(new FakeAdmin().shippedDefault().consoleValue("initial_report", "60000"));

        // The intro and the reset button speak of the default, as the source column and the reset message do.
        assertThat(page).contains(text("settings.intro_default"), ">" + text("settings.reset_default") + "</button>")
                .doesNotContain(text("settings.intro")).doesNotContain(">" + text("settings.reset") + "</button>");

        String withFile = render(new FakeAdmin().consoleValue("initial_report", "60000"));
        assertThat(withFile).contains(text("settings.intro"), ">" + text("settings.reset") + "</button>")
                .doesNotContain(text("settings.intro_default"));
    }

    @Test
    void aReportThatIsDueIsShownAsNowNeverAsATimeAlreadyPast() {
        String page = render(new FakeAdmin().inState(ConsentDecision.State.RUNNING)
                .nextReportAt(FakeAdmin.NOW.minus(Duration.ofSeconds(30))));

        assertThat(page).contains("id=\"sm-next-report\">" + text("status.next_report.now") + "<")
                .doesNotContain("(in 0 s)");
    }

    @Test
    void whileADeliveryRunsTheHistorySaysAReportIsBeingSent() {
        FakeAdmin admin = new FakeAdmin().inState(ConsentDecision.State.RUNNING).sendingSince(FakeAdmin.NOW);

        String page = render(admin);

        assertThat(page).contains("id=\"sm-history-sending\"")
                .contains(text("history.sending", "2025-03-14 09:26:53 Z")).doesNotContain("sm-history-none");
        assertThat(render(admin.sendingSince(null))).contains("sm-history-none").doesNotContain("sm-history-sending");
    }

    @Test
    void aPreviewWhileReportingIsOffSaysNothingWouldBeSentAndWhyStanzasAreMissing() {
        ActionResult preview = ActionResult.preview(FakeAdmin.sampleReport("2025-03-14T09:26:53Z", "a", "b"));

        String off = render(new FakeAdmin().inState(ConsentDecision.State.OFF_BY_NO_REPORT), preview);
        assertThat(off).contains(text("actions.preview.done_off")).contains(text("actions.preview.no_stanzas"))
                .doesNotContain(text("actions.preview.done"));

        String offWithoutStanzas = render(new FakeAdmin().inState(ConsentDecision.State.OFF_BY_NO_REPORT)
                .consoleValue("categories", "backends"), preview);
        assertThat(offWithoutStanzas).contains(text("actions.preview.done_off"))
                .doesNotContain(text("actions.preview.no_stanzas"));

        String on = render(new FakeAdmin().inState(ConsentDecision.State.RUNNING), preview);
        assertThat(on).contains(text("actions.preview.done")).doesNotContain(text("actions.preview.done_off"));
    }

    @Test
    void previewWhileReportingIsOffWarnsAboutNoCollectorOnTheRealPlugin() throws Exception {
        FakeOpenfireServer openfire = new FakeOpenfireServer(home);
        Files.writeString(openfire.confDirectory().resolve("system_metrics.yml"),
                "services:\n  service_mongoose_system_metrics:\n    no_report: true\n");
        SystemMetricsPlugin plugin = PluginHarness.realTimePlugin(openfire);
        try (LogCapture log = new LogCapture()) {
            plugin.initializePlugin(null, openfire.pluginDirectory().toFile());
            try (AdminPageServer server = new AdminPageServer(plugin::admin, false, false)) {
                PageClient client = new PageClient(server.page());
                String page = client.post(PageClient.form("csrf", client.tokenFromPage(), "action", "preview")).body();

                assertThat(page).contains(text("actions.preview.no_stanzas")).contains("node_count");
                assertThat(log.at(Level.WARN)).noneMatch(line -> line.contains("collector failed"));
            }
        } finally {
            plugin.destroyPlugin();
        }
    }

    @Test
    void resettingAConsoleValueWithoutAFileSaysTheDefaultAppliesAgain() throws Exception {
        FakeAdmin admin = new FakeAdmin().shippedDefault();
        try (AdminPageServer server = new AdminPageServer(() -> java.util.Optional.of(admin), false, false)) {
            PageClient client = new PageClient(server.page());
            String page = client.get(java.net.URI.create(server.page() + "?reset=initial_report")).body();

            assertThat(page).contains(text("settings.reset.done_default", EN.get("settings.initial_report.label")))
                    .doesNotContain("configuration file&#39;s value applies again");
        }
        FakeAdmin withFile = new FakeAdmin();
        try (AdminPageServer server = new AdminPageServer(() -> java.util.Optional.of(withFile), false, false)) {
            String page = new PageClient(server.page()).get(java.net.URI.create(server.page() + "?reset=initial_report"))
                    .body();

            assertThat(page).contains(text("settings.reset.done", EN.get("settings.initial_report.label")));
        }
    }
}
