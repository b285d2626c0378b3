package org.systemmetrics.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.systemmetrics.core.config.Setting;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.delivery.ValidationMessage;
import org.systemmetrics.core.delivery.ga4.FakeGoogle;
import org.systemmetrics.core.report.ReportFileWriter;

/**
 * Every part of the page renders in every language: a text missing from a bundle fails here, not in Openfire. The
 * real plugin in each state, after a delivery that failed (the history) and with a report file.
 */
class AdminPageTextsTest {
    private static final String TWO_IDS = "    tracking_id:\n      - {id: G-FILE1234, secret: a}\n"
            + "      - {id: G-FILE5678, secret: b}\n";

    @TempDir
    Path home;

    /** The file for {@code state}, with two IDs where its entry can hold them. */
    private static String fileFor(ConsentDecision.State state, FakeGoogle google) {
        String entry = RunningPlugin.yamlFor(state);
        return entry.startsWith(RunningPlugin.ENTRY)
                ? entry + TWO_IDS + "    google_analytics_url: " + google.collectUrl() + "\n" : entry;
    }

    @ParameterizedTest
    @EnumSource(ConsentDecision.State.class)
    void everySectionAndResultRendersInEveryLanguage(ConsentDecision.State state) throws Exception {
        try (FakeGoogle google = FakeGoogle.http(); RunningPlugin plugin = inStateAfterAFailedDelivery(state, google)) {
            assertThat(plugin.status().state()).isEqualTo(state);
            assertThat(plugin.facts().history).as("the failed delivery's history")
                    .hasSize(state == ConsentDecision.State.OFF_BY_DO_NOT_TRACK ? 0 : 2);
            for (BundleMessages messages : List.of(BundleMessages.english(), BundleMessages.german())) {
                rendersEverySection(plugin, messages);
            }
        }
    }

    /** Reporting ran once, its delivery refused, before the file put the plugin in {@code state}. */
    private RunningPlugin inStateAfterAFailedDelivery(ConsentDecision.State state, FakeGoogle google)
            throws IOException {
        google.script("G-FILE1234", FakeGoogle.Behaviour.status(401));
        google.script("G-FILE5678", FakeGoogle.Behaviour.status(401));
        if (state == ConsentDecision.State.OFF_BY_DO_NOT_TRACK) {
            return RunningPlugin.inState(home, state);
        }
        RunningPlugin plugin = RunningPlugin.withYaml(home, fileFor(ConsentDecision.State.RUNNING, google));
        try {
            plugin.admin().sendNow();
            Files.writeString(RunningPlugin.configFile(plugin.openfire), fileFor(state, google));
            plugin.admin().save(Map.of()); // applies the file at once, as the file check would on its timer
            return plugin;
        } catch (IOException | RuntimeException e) {
            plugin.close();
            throw e;
        }
    }

    private static void rendersEverySection(RunningPlugin plugin, BundleMessages messages) {
        AdminPage page = new AdminPage(messages, Clock::systemUTC);
        SettingsForm refused = SettingsForm.read(Map.of("report", "x", "initial_report", "x", "initial_report_unit", "min",
                "periodic_report", "0", "periodic_report_unit", "h", "tracking_id", "UA-1-1", "tracking_secret", "s",
                "google_analytics_url", "ftp://x")::get, plugin.status().config());
        List<ActionResult> results = List.of(ActionResult.preview(plugin.admin().preview()),
                ActionResult.sent(Outcomes.sent(false)),
                ActionResult.sent(Outcomes.sent(true, Outcomes.ok("G-FILE1234", Outcomes.NOW))),
                ActionResult.sent(Outcomes.sent(true, Outcomes.failed("G-FILE1234", Outcomes.NOW, "e"))),
                ActionResult.validated(List.of()), ActionResult.validated(List.of(Outcomes.checked("d", Outcomes.NOW,
                        new ValidationMessage(1, "f", "m", "c")))),
                ActionResult.failed(LocalizedText.of("actions.not_running")),
                ActionResult.failed(LocalizedText.of("actions.failed", "boom")));
        int configured = plugin.status().config().get(Setting.TRACKING_ID).size();
        for (ActionResult result : results) {
            String html = page.render(new PageModel(plugin.facts(), "token").rejectedForm(refused).actionResult(result)
                    .flash("jive-success", LocalizedText.of("settings.reset.done", "x")));
            assertThat(html).contains("sm-error-tracking_id");
            // A file without a usable entry has no IDs to list.
            assertThat(html.contains("sm-more-ids")).isEqualTo(configured > 1);
        }
        assertThat(page.message("jive-warning", LocalizedText.of("page.unavailable"))).contains("sm-message");
    }

    @ParameterizedTest
    @EnumSource(value = ConsentDecision.State.class, names = {"RUNNING", "OFF_BY_DO_NOT_TRACK"})
    void withoutAReportFileClusterIdOrDestinationThePageSaysThereIsNoReport(ConsentDecision.State state)
            throws Exception {
        try (RunningPlugin plugin = RunningPlugin.inState(home, state)) {
            PageFacts facts = plugin.facts();
            assertThat(facts.reportJson).isEmpty();
            assertThat(facts.clusterId).isEmpty();
            assertThat(facts.destinations).isEmpty();
            assertThat(plugin.openfire.logsDirectory().resolve(ReportFileWriter.FILE_NAME)).doesNotExist();
            for (BundleMessages messages : List.of(BundleMessages.english(), BundleMessages.german())) {
                String html = new AdminPage(messages, Clock::systemUTC).render(new PageModel(plugin.facts(), "token"));
                assertThat(html).contains("sm-report-none");
            }
        }
    }
}
