package org.systemmetrics.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.delivery.DeliveryFailure;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.delivery.ValidationMessage;
import org.systemmetrics.core.delivery.ga4.FakeGoogle;

/**
 * Failures on the page: a check that never reached Google is not Google's verdict, a failure reads in the
 * administrator's words and language (the exception's class stays in the log), what a failed Send now did at the
 * destinations in force, and the status box after failed deliveries. The real plugin delivers to the GA4 stand-in
 * and to an own endpoint on this machine; a failure this machine cannot produce (a name that does not resolve)
 * is given to the page as the senders return it.
 */
class AdminPageFailureTest {
    private static final BundleMessages EN = BundleMessages.english();
    private static final String GOOGLE = "www.google-analytics.com";
    private static final DeliveryFailure OFFLINE = DeliveryFailure.of(DeliveryFailure.Kind.NAME_NOT_RESOLVED, GOOGLE, "")
            .at(1, 2).afterTries(3).withDetail("UnknownHostException: " + GOOGLE);
    private static final String REFUSED = "127.0.0.1 refused the token or API secret (HTTP 401 Unauthorized)";

    @TempDir
    Path home;
    private FakeGoogle google;
    private HttpServer endpoint;
    private RunningPlugin plugin;

    @BeforeEach
    void startDestinations() throws IOException {
        google = FakeGoogle.http();
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/in", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(401, -1);
            }
        });
        endpoint.start();
    }

    @AfterEach
    void stop() {
        if (plugin != null) {
            plugin.close();
        }
        endpoint.stop(0);
        google.close();
    }

    /** The plugin reporting to the GA4 stand-in's properties {@code ids}, and to the refusing endpoint if asked. */
    private RunningPlugin running(boolean withEndpoint, String... ids) {
        StringBuilder file = new StringBuilder(RunningPlugin.yamlFor(ConsentDecision.State.RUNNING))
                .append("    google_analytics_url: ").append(google.collectUrl()).append("\n");
        if (ids.length > 0) {
            file.append("    tracking_id:\n");
            for (String id : ids) {
                file.append("      - {id: ").append(id).append(", secret: s3cret}\n");
            }
        }
        if (withEndpoint) {
            file.append("    report_endpoint: http://127.0.0.1:").append(endpoint.getAddress().getPort())
                    .append("/in\n");
        }
        if (plugin != null) {
            plugin.close();
        }
        plugin = RunningPlugin.withYaml(home, file.toString());
        return plugin;
    }

    private RunningPlugin running() {
        return running(false, "G-PROJECT01", "G-MINE1234");
    }

    private static String render(RunningPlugin plugin, ActionResult result, Messages messages) {
        AdminPage page = new AdminPage(messages, Clock::systemUTC);
        PageModel model = new PageModel(plugin.facts(), "token");
        return page.render(result == null ? model : model.actionResult(result));
    }

    private static String render(RunningPlugin plugin, ActionResult result) {
        return render(plugin, result, EN);
    }

    @Test
    void aValidationThatNeverReachedGoogleIsNotCheckedAndNotAMessageOfGoogles() {
        DeliveryOutcome notChecked = new DeliveryOutcome("G-MINE1234", Outcomes.NOW, Duration.ofMillis(12),
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
        DeliveryOutcome answered = Outcomes.checked("G-PROJECT01", Outcomes.NOW, new ValidationMessage(1,
                "events[0].name", "Event at index: [0] has invalid name [_x].", "NAME_INVALID"));
        DeliveryOutcome notChecked = Outcomes.failedWith("G-MINE1234", Outcomes.NOW, OFFLINE);

        String html = render(running(), ActionResult.validated(List.of(answered, notChecked)));

        assertThat(html).contains(Html.escape(EN.get("actions.validate.found", "1")))
                .contains(Html.escape(EN.get("actions.validate.not_checked_some")));
        String table = html.substring(html.indexOf("id=\"sm-validation\""));
        assertThat(table.substring(0, table.indexOf("</table>"))).contains("NAME_INVALID").doesNotContain("G-MINE1234");
    }

    @Test
    void aCleanCheckBesideAnUncheckedOneNamesWhereItWasClean() {
        String html = render(running(), ActionResult.validated(List.of(Outcomes.checked("G-PROJECT01", Outcomes.NOW),
                Outcomes.failedWith("G-MINE1234", Outcomes.NOW, OFFLINE))));

        assertThat(html).contains(Html.escape(EN.get("actions.validate.clean_for", "G-PROJECT01")))
                .doesNotContain(Html.escape(EN.get("actions.validate.clean")));
    }

    @Test
    void aFailureReadsInTheAdministratorsWordsAndLanguageWithWhatBecameOfTheOtherPart() {
        // Send now's table and the history render a failure alike (ReportSection.outcomes).
        ActionResult sent = ActionResult.sent(Outcomes.sent(true,
                Outcomes.failedWith("G-MINE1234", Outcomes.NOW, OFFLINE)));

        String english = render(running(), sent);
        String german = render(plugin, sent, BundleMessages.german());

        assertThat(english).contains(Html.escape(EN.get("failure.name_not_resolved", GOOGLE, "")
                + EN.get("failure.tries", 3) + EN.get("failure.parts", 2, 1, 1, 0)))
                .contains(Html.escape("request 1 failed, so the one after it was not sent"))
                .doesNotContain("UnknownHostException").doesNotContain("part 1 of 2");
        assertThat(german).contains(Html.escape(BundleMessages.german().get("failure.name_not_resolved", GOOGLE, "")))
                .contains(Html.escape("daher wurde die folgende nicht gesendet")).doesNotContain("UnknownHostException");
    }

    @Test
    void sendNowSaysWhatHappenedAtTheDestinationsInForce() {
        google.script("G-MINE1234", FakeGoogle.Behaviour.status(401));
        String only = sendNow(running(true));
        String both = sendNow(running(true, "G-MINE1234"));
        String some = sendNow(running(true, "G-MINE1234"));

        String own = "http://127.0.0.1";
        assertThat(plugin.facts().destinations).containsExactly("G-MINE1234", own);
        assertThat(only).contains(Html.escape(EN.get("actions.send.failed_one", own)))
                .contains(Html.escape(REFUSED))
                .doesNotContain("not accepted everywhere");
        assertThat(both).contains(Html.escape(EN.get("actions.send.failed_all", "G-MINE1234, " + own)));
        assertThat(some).contains(Html.escape(EN.get("actions.send.some_failed", "G-MINE1234", own)));
    }

    /**
     * A GA4 property that takes no event of the report has its outcome (Delivery sends it nothing and says why):
     * that is no missing destination, and beside an endpoint that took the report it is not "every destination".
     */
    @Test
    void aDestinationThatTookNoPartOfTheReportIsNamedWithWhy() {
        // As Delivery makes it: no request went out.
        DeliveryOutcome nothing = new DeliveryOutcome("G-MINE1234", Outcomes.NOW, Duration.ZERO, 0, 0,
                DeliveryFailure.of(DeliveryFailure.Kind.NOTHING_ACCEPTABLE, "G-MINE1234", ""), List.of());
        RunningPlugin ga4 = running(false, "G-MINE1234");
        String alone = render(ga4, ActionResult.sent(ga4.values.sending(List.of(nothing)).sendNow()));
        RunningPlugin both = running(true, "G-MINE1234");
        String beside = render(both, ActionResult.sent(both.values.sending(List.of(nothing,
                Outcomes.ok("http://127.0.0.1", Outcomes.NOW))).sendNow()));
        String nowhere = sendNow(running(false));

        assertThat(alone).contains(Html.escape(EN.get("actions.send.failed_one", "G-MINE1234")),
                Html.escape(EN.get("failure.nothing_acceptable")))
                .doesNotContain(Html.escape(EN.get("actions.send.nowhere")));
        assertThat(beside).contains(Html.escape(EN.get("actions.send.some_failed", "http://127.0.0.1", "G-MINE1234")))
                .doesNotContain(Html.escape(EN.get("actions.send.done")));
        assertThat(nowhere).contains(Html.escape(EN.get("actions.send.nowhere")));
    }

    private static String sendNow(RunningPlugin plugin) {
        return render(plugin, ActionResult.sent(plugin.admin().sendNow()));
    }

    @Test
    void theStatusBoxShowsTheLastOutcomeWhileEveryDeliveryFails() throws IOException {
        // The stand-in answers each scripted behaviour once, then 204.
        google.script("G-MINE1234", FakeGoogle.Behaviour.status(401), FakeGoogle.Behaviour.status(401),
                FakeGoogle.Behaviour.status(401));
        String failing = sendThenRender(running(false, "G-MINE1234"));
        String partly = sendThenRender(running(false, "G-PROJECT01", "G-MINE1234"));
        String fine = sendThenRender(running(false, "G-PROJECT01"));

        assertThat(stateBox(failing)).contains("jive-warning", "data-failed=\"all\"",
                Html.escape(EN.get("status.delivery_failing")));
        assertThat(lastDelivery(failing)).contains(Html.escape("G-MINE1234 not delivered: " + REFUSED));
        assertThat(stateBox(partly)).contains("jive-warning", "data-failed=\"some\"");
        assertThat(lastDelivery(partly)).contains(Html.escape(EN.get("status.last_delivery.ok", "G-PROJECT01")));
        assertThat(stateBox(fine)).contains("jive-success").doesNotContain("sm-state-delivery");
        assertThat(lastDelivery(fine)).contains(Html.escape(EN.get("status.last_delivery.ok", "G-PROJECT01")));
        // Off, nothing goes anywhere: an old outcome is no news about the state.
        running(false, "G-MINE1234").admin().sendNow();
        Files.writeString(RunningPlugin.configFile(plugin.openfire),
                RunningPlugin.yamlFor(ConsentDecision.State.OFF_BY_NO_REPORT));
        plugin.admin().save(Map.of()); // applies the file at once, as the file check would on its timer
        assertThat(plugin.status().lastOutcomes()).singleElement().satisfies(o -> assertThat(o.succeeded()).isFalse());
        assertThat(render(plugin, null)).doesNotContain("sm-state-delivery").doesNotContain("sm-last-delivery");
    }

    private static String sendThenRender(RunningPlugin plugin) {
        plugin.admin().sendNow();
        return render(plugin, null);
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
