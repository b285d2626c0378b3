package org.systemmetrics.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.delivery.DeliveryFailure;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.delivery.ValidationMessage;

/**
 * Failures on the page: a check that never reached Google is not Google's verdict, a failure reads in the
 * administrator's words and language (the exception's class stays in the log), what a failed Send now did at the
 * destinations in force, and the status box after failed deliveries.
 */
class AdminPageFailureTest {
    private static final BundleMessages EN = BundleMessages.english();
    private static final String GOOGLE = "www.google-analytics.com";
    private static final DeliveryFailure OFFLINE = DeliveryFailure.of(DeliveryFailure.Kind.NAME_NOT_RESOLVED, GOOGLE, "")
            .at(1, 2).afterTries(3).withDetail("UnknownHostException: " + GOOGLE);

    private static String render(FakeAdmin admin, ActionResult result, Messages messages) {
        AdminPage page = new AdminPage(messages, () -> Clock.fixed(FakeAdmin.NOW, ZoneOffset.UTC));
        PageModel model = new PageModel(admin, "token");
        return page.render(result == null ? model : model.actionResult(result));
    }

    private static String render(FakeAdmin admin, ActionResult result) {
        return render(admin, result, EN);
    }

    private static FakeAdmin running() {
        return new FakeAdmin().inState(ConsentDecision.State.RUNNING).destinations(List.of("G-PROJECT01", "G-MINE1234"));
    }

    @Test
    void aValidationThatNeverReachedGoogleIsNotCheckedAndNotAMessageOfGoogles() {
        DeliveryOutcome notChecked = new DeliveryOutcome("G-MINE1234", FakeAdmin.NOW, java.time.Duration.ofMillis(12),
                1, 0, OFFLINE.afterTries(1), List.of());

        String html = render(running(), ActionResult.validated(List.of(notChecked)));

        assertThat(html).contains("id=\"sm-validate-not-checked\"", "data-failure=\"NAME_NOT_RESOLVED\"")
                .contains(Html.escape(EN.get("actions.validate.not_checked")))
                .contains(Html.escape("G-MINE1234: " + EN.get("failure.name_not_resolved", GOOGLE, "")))
                .doesNotContain("id=\"sm-validation\"").doesNotContain("request_failed")
                .doesNotContain(Html.escape(EN.get("actions.validate.found", "1")))
                .doesNotContain(Html.escape(EN.get("actions.validate.clean")))
                .doesNotContain("UnknownHostException").doesNotContain("part 1 of 2");
    }

    @Test
    void aValidationWithNoDestinationToCheckIsNotCalledClean() {
        String html = render(running(), ActionResult.validated(List.of()));

        assertThat(html).contains(Html.escape(EN.get("actions.validate.nothing")))
                .doesNotContain(Html.escape(EN.get("actions.validate.clean")));
    }

    @Test
    void googlesMessagesAndAnUncheckedDestinationAreShownApart() {
        DeliveryOutcome answered = Outcomes.checked("G-PROJECT01", FakeAdmin.NOW, new ValidationMessage(1, "events[0].name",
                "Event at index: [0] has invalid name [_x].", "NAME_INVALID"));
        DeliveryOutcome notChecked = Outcomes.failedWith("G-MINE1234", FakeAdmin.NOW, OFFLINE);

        String html = render(running(), ActionResult.validated(List.of(answered, notChecked)));

        assertThat(html).contains(Html.escape(EN.get("actions.validate.found", "1")))
                .contains(Html.escape(EN.get("actions.validate.not_checked_some")));
        String table = html.substring(html.indexOf("id=\"sm-validation\""));
        assertThat(table.substring(0, table.indexOf("</table>"))).contains("NAME_INVALID").doesNotContain("G-MINE1234");
    }

    @Test
    void aCleanCheckBesideAnUncheckedOneNamesWhereItWasClean() {
        String html = render(running(), ActionResult.validated(List.of(Outcomes.checked("G-PROJECT01", FakeAdmin.NOW),
                Outcomes.failedWith("G-MINE1234", FakeAdmin.NOW, OFFLINE))));

        assertThat(html).contains(Html.escape(EN.get("actions.validate.clean_for", "G-PROJECT01")))
                .doesNotContain(Html.escape(EN.get("actions.validate.clean")));
    }

    @Test
    void aFailureReadsInTheAdministratorsWordsAndLanguageWithWhatBecameOfTheOtherPart() {
        FakeAdmin admin = running().history(Map.of("G-MINE1234", List.of(Outcomes.failedWith("G-MINE1234",
                FakeAdmin.NOW, OFFLINE))));

        String english = render(admin, null);
        String german = render(admin, null, BundleMessages.german());

        assertThat(english).contains(Html.escape(EN.get("failure.name_not_resolved", GOOGLE, "")
                + EN.get("failure.tries", 3) + EN.get("failure.parts", 2, 1, 1, 0)))
                .contains(Html.escape("request 1 failed, so the one after it was not sent"))
                .doesNotContain("UnknownHostException").doesNotContain("part 1 of 2");
        assertThat(german).contains(Html.escape(BundleMessages.german().get("failure.name_not_resolved", GOOGLE, "")))
                .contains(Html.escape("daher wurde die folgende nicht gesendet")).doesNotContain("UnknownHostException");
    }

    @Test
    void sendNowSaysWhatHappenedAtTheDestinationsInForce() {
        DeliveryOutcome refused = Outcomes.failedWith("https://metrics.example.org", FakeAdmin.NOW,
                DeliveryFailure.of(DeliveryFailure.Kind.CREDENTIALS_REFUSED, "metrics.example.org", "HTTP 401 Unauthorized"));

        String only = render(running(), ActionResult.sent(List.of(refused)));
        String both = render(running(), ActionResult.sent(List.of(refused,
                Outcomes.failedWith("G-MINE1234", FakeAdmin.NOW, OFFLINE))));
        String some = render(running(), ActionResult.sent(List.of(Outcomes.ok("G-MINE1234", FakeAdmin.NOW), refused)));

        assertThat(only).contains(Html.escape(EN.get("actions.send.failed_one", "https://metrics.example.org")))
                .contains(Html.escape("metrics.example.org refused the token or API secret (HTTP 401 Unauthorized)"))
                .doesNotContain("not accepted everywhere");
        assertThat(both).contains(Html.escape(EN.get("actions.send.failed_all", "https://metrics.example.org, G-MINE1234")));
        assertThat(some).contains(Html.escape(EN.get("actions.send.some_failed", "G-MINE1234",
                "https://metrics.example.org")));
    }

    @Test
    void theStatusBoxShowsTheLastOutcomeWhileEveryDeliveryFails() {
        FakeAdmin failing = running().lastOutcomes(List.of(Outcomes.failedWith("G-MINE1234", FakeAdmin.NOW, OFFLINE)));
        FakeAdmin partly = running().lastOutcomes(List.of(Outcomes.ok("G-PROJECT01", FakeAdmin.NOW),
                Outcomes.failedWith("G-MINE1234", FakeAdmin.NOW, OFFLINE)));
        FakeAdmin fine = running().lastOutcomes(List.of(Outcomes.ok("G-PROJECT01", FakeAdmin.NOW)));

        assertThat(stateBox(render(failing, null))).contains("jive-warning", "data-failed=\"all\"",
                Html.escape(EN.get("status.delivery_failing")));
        assertThat(lastDelivery(render(failing, null))).contains(Html.escape("G-MINE1234 not delivered: could not reach "
                + GOOGLE + ": the name could not be resolved"));
        assertThat(stateBox(render(partly, null))).contains("jive-warning", "data-failed=\"some\"");
        assertThat(lastDelivery(render(partly, null))).contains(Html.escape(EN.get("status.last_delivery.ok", "G-PROJECT01")));
        assertThat(stateBox(render(fine, null))).contains("jive-success").doesNotContain("sm-state-delivery");
        assertThat(lastDelivery(render(fine, null))).contains(Html.escape(EN.get("status.last_delivery.ok", "G-PROJECT01")));
        // Off, nothing goes anywhere: an old outcome is no news about the state.
        assertThat(render(new FakeAdmin().inState(ConsentDecision.State.OFF_BY_NO_REPORT).lastOutcomes(
                List.of(Outcomes.failedWith("G-MINE1234", FakeAdmin.NOW, OFFLINE))), null))
                .doesNotContain("sm-state-delivery").doesNotContain("sm-last-delivery");
    }

    @Test
    void everyFailureKindHasItsTextInBothLanguagesAndTheEnglishOneIsTheLogs() {
        BundleMessages german = BundleMessages.german();
        for (DeliveryFailure.Kind kind : DeliveryFailure.Kind.values()) {
            // Two cuts of a report in four requests name every count text: one and many after, one and many before.
            for (DeliveryFailure failure : List.of(DeliveryFailure.of(kind, GOOGLE, "HTTP 503").at(2, 4).afterTries(3),
                    DeliveryFailure.of(kind, GOOGLE, "HTTP 503").at(3, 4))) {
                assertThat(failure.text(EN::get)).as(kind.name()).isEqualTo(failure.text());
                assertThat(failure.text(german::get)).as(kind.name()).isNotBlank();
            }
        }
    }

    private static String stateBox(String html) {
        String box = html.substring(html.lastIndexOf("<div", html.indexOf("id=\"sm-state\"")));
        return box.substring(0, box.indexOf("</div>"));
    }

    private static String lastDelivery(String html) {
        int at = html.indexOf("id=\"sm-last-delivery\"");
        assertThat(at).as("a Last delivery row").isPositive();
        return html.substring(at, html.indexOf("</td>", at));
    }
}
