package org.systemmetrics.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.systemmetrics.core.config.Setting;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.delivery.ValidationMessage;

/** Every part of the page renders in every language: a text missing from a bundle fails here, not in Openfire. */
class AdminPageTextsTest {

    static Stream<Arguments> languagesAndStates() {
        return Stream.of(BundleMessages.english(), BundleMessages.german())
                .flatMap(messages -> Stream.of(ConsentDecision.State.values()).map(state -> Arguments.of(messages, state)));
    }

    @ParameterizedTest
    @MethodSource("languagesAndStates")
    void everySectionAndResultRenders(BundleMessages messages, ConsentDecision.State state) {
        FakeAdmin admin = new FakeAdmin().inState(state).fileTrackingIds("G-FILE1234", "a", "G-FILE5678", "b")
                .history(Map.of("G-FILE1234", List.of(FakeAdmin.failed("G-FILE1234", FakeAdmin.NOW, "timeout"))));
        AdminPage page = new AdminPage(messages, () -> Clock.fixed(FakeAdmin.NOW, ZoneOffset.UTC));
        SettingsForm refused = SettingsForm.read(Map.of("report", "x", "initial_report", "x", "initial_report_unit", "min",
                "periodic_report", "0", "periodic_report_unit", "h", "tracking_id", "UA-1-1", "tracking_secret", "s",
                "google_analytics_url", "ftp://x")::get, admin.config());
        List<ActionResult> results = List.of(ActionResult.preview(FakeAdmin.sampleReport("2025-01-01T00:00:00Z", "a", "b")),
                ActionResult.sent(List.of()), ActionResult.sent(List.of(FakeAdmin.ok("G-FILE1234", FakeAdmin.NOW))),
                ActionResult.sent(List.of(FakeAdmin.failed("G-FILE1234", FakeAdmin.NOW, "e"))),
                ActionResult.validated(List.of()), ActionResult.validated(List.of(FakeAdmin.checked("d", new ValidationMessage(1, "f", "m", "c")))),
                ActionResult.failed(LocalizedText.of("actions.not_running")),
                ActionResult.failed(LocalizedText.of("actions.failed", "boom")));
        for (ActionResult result : results) {
            String html = page.render(new PageModel(admin, "token").rejectedForm(refused).actionResult(result)
                    .flash("jive-success", LocalizedText.of("settings.reset.done", "x")));
            assertThat(html).contains("sm-error-tracking_id");
            // A file without a usable entry has no IDs to list.
            assertThat(html.contains("sm-more-ids")).isEqualTo(admin.config().get(Setting.TRACKING_ID).size() > 1);
        }
        assertThat(page.message("jive-warning", LocalizedText.of("page.unavailable"))).contains("sm-message");
        admin.reportFileJson(null).clusterId(null).destinations(List.of());
        assertThat(page.render(new PageModel(admin, "token"))).contains("sm-report-none");
    }
}
