package org.systemmetrics.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.delivery.DeliveryFailure;
import org.systemmetrics.core.identity.Erasure;

/**
 * <i>Forget this server</i> on the page: a checked POST, audit-logged, saying what was and was not erased. The real
 * plugin, which has reported to an own endpoint on this machine that answers the erase request as the test says.
 */
class AdminPageForgetTest {
    @TempDir
    Path home;
    private final List<String> audited = new CopyOnWriteArrayList<>();
    private final List<String> erasures = new CopyOnWriteArrayList<>();
    private final AtomicInteger eraseAnswer = new AtomicInteger(200);
    private final BundleMessages text = BundleMessages.english();
    private HttpServer endpoint;
    private RunningPlugin plugin;
    private AdminPageServer server;

    @BeforeEach
    void startEndpoint() throws Exception {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/v1/reports", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                boolean erase = "DELETE".equals(exchange.getRequestMethod());
                if (erase) {
                    erasures.add(exchange.getRequestURI().getPath());
                }
                exchange.sendResponseHeaders(erase ? eraseAnswer.get() : 204, -1);
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
    }

    /** The plugin reporting, with the own endpoint set, after one report was sent there; its cluster ID. */
    private String reportedOnce() throws Exception {
        plugin = RunningPlugin.withYaml(home, RunningPlugin.yamlFor(ConsentDecision.State.RUNNING)
                + "    report_endpoint: http://127.0.0.1:" + endpoint.getAddress().getPort() + "/v1/reports\n");
        plugin.admin().sendNow();
        server = plugin.page((request, summary, details) -> audited.add(summary + " | " + details));
        return plugin.facts().clusterId.orElseThrow();
    }

    private HttpResponse<String> forget() throws Exception {
        PageClient client = new PageClient(server.page());
        return client.post(PageClient.form("csrf", client.tokenFromPage(), "action", "forget"));
    }

    @Test
    void anErasedServerIsToldItsNewIdAndWhereGoogleAnalyticsDataIsErased() throws Exception {
        String oldId = reportedOnce();

        HttpResponse<String> response = forget();

        String newId = plugin.facts().clusterId.orElseThrow();
        assertThat(newId).isNotEqualTo(oldId);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("data-kind=\"FORGOTTEN\"")
                .contains(Html.escape(text.get("actions.forget.erased", "200")))
                .contains(Html.escape(text.get("actions.forget.new_id", newId)))
                .contains(Html.escape(text.get("actions.forget.ga4")));
        assertThat(erasures).containsExactly("/v1/reports/" + oldId);
        assertThat(audited).containsExactly("System Metrics: Forget this server | ERASED (own endpoint: HTTP 200); "
                + "new cluster ID started");
    }

    @Test
    void whenTheDatabaseKeepsNoNewKeyThePageSaysTheIdAndKeyStay() throws Exception {
        String id = reportedOnce();
        plugin.openfire.refusingSecrets();

        String page = forget().body();

        assertThat(page).contains(Html.escape(text.get("actions.forget.key_not_kept")))
                .as("what the endpoint did before").contains(Html.escape(text.get("actions.forget.erased", "200")))
                .doesNotContain(Html.escape(text.get("actions.forget.ga4")));
        assertThat(plugin.facts().clusterId).as("no new ID for the old key to sign under").contains(id);
        assertThat(audited).as("the endpoint did erase: only the ID and key stayed").singleElement().asString()
                .endsWith("KEY_NOT_KEPT (own endpoint: HTTP 200); cluster ID and key unchanged");
    }

    @Test
    void whenTheEndpointCannotBeAskedThePageSaysNothingChanged() throws Exception {
        String id = reportedOnce();
        eraseAnswer.set(503);

        String page = forget().body();

        assertThat(page).contains(Html.escape(text.get("actions.forget.try_again_status", "503")))
                .doesNotContain(Html.escape(text.get("actions.forget.ga4")));
        assertThat(plugin.facts().clusterId).contains(id);
        assertThat(audited).as("nothing was forgotten").containsExactly("System Metrics: Forget this server | "
                + "TRY_AGAIN (own endpoint: HTTP 503); cluster ID and key unchanged");
    }

    /** Only 429 and 503 ask to be tried later; another 5xx is a failure on the endpoint's side, said as such. */
    @Test
    void aServerErrorIsNotCalledARequestToTryLater() throws Exception {
        String id = reportedOnce();
        for (int status : new int[] {500, 501, 502, 504}) {
            eraseAnswer.set(status);

            String said = text.get("actions.forget.try_again_status", Integer.toString(status));

            assertThat(forget().body()).contains(Html.escape(said));
            assertThat(said).contains("HTTP " + status + ", a failure on its side")
                    .doesNotContain("which asks to try later");
        }
        assertThat(plugin.facts().clusterId).contains(id);
    }

    /** A certificate this Java does not trust (say) is not cured by waiting: the page says what stands in the way. */
    @Test
    void whenTheRequestCannotGoOutThePageSaysWhatToFixInsteadOfTryingLater() throws Exception {
        reportedOnce();
        DeliveryFailure untrusted = DeliveryFailure.of(DeliveryFailure.Kind.NOT_TRUSTED, "collector.example.org", "");
        plugin.values.forgetting(new Erasure.Result(Erasure.Outcome.NOT_ASKED, 0, Optional.of(untrusted),
                Optional.empty()));

        String page = forget().body();

        assertThat(page).contains(Html.escape(text.get("actions.forget.not_asked", untrusted.text(text::get))))
                .doesNotContain(Html.escape(text.get("actions.forget.try_again")))
                .doesNotContain(Html.escape(text.get("actions.forget.never_reported")));
        assertThat(audited).singleElement().asString().endsWith("| NOT_ASKED; cluster ID and key unchanged");
    }

    /** The endpoint erased, then the database failed before the new ID: not "could not forget", but what is left. */
    @Test
    void aDatabaseFailingBeforeTheNewIdIsSaidUnfinishedWithTheOldIdStillReported() throws Exception {
        String id = reportedOnce();
        plugin.values.forgetting(new Erasure.Result(Erasure.Outcome.NOT_FINISHED, 200, Optional.empty(),
                Optional.empty()));

        String page = forget().body();

        assertThat(page).contains(Html.escape(text.get("actions.forget.not_finished")))
                .as("what the endpoint did before").contains(Html.escape(text.get("actions.forget.erased", "200")))
                .doesNotContain(Html.escape(text.get("actions.forget.ga4")));
        assertThat(text.get("actions.forget.not_finished")).contains("its reports carry the old one")
                .contains("press Forget this server again")
                .as("true without an endpoint too")
                .contains("asks your own endpoint again, if one is set, and finishes");
        assertThat(plugin.facts().clusterId).contains(id);
        assertThat(audited).as("the key may be new: not said unchanged").singleElement().asString()
                .endsWith("| NOT_FINISHED (own endpoint: HTTP 200); cluster ID unchanged, signing key perhaps new");
    }

    /**
     * A connection closed without an answer may be a peer restarting or one that shares no TLS setting with this Java
     * and hangs up instead of saying so: nothing tells the two apart, so the page does not promise that waiting helps.
     */
    @Test
    void aConnectionClosedWithoutAnAnswerIsNotPromisedToHealByWaiting() throws Exception {
        reportedOnce();
        DeliveryFailure closed = DeliveryFailure.of(DeliveryFailure.Kind.CONNECTION_CLOSED, "collector.example.org",
                "");
        plugin.values.forgetting(new Erasure.Result(Erasure.Outcome.TRY_AGAIN, 0, Optional.of(closed),
                Optional.empty()));

        String page = forget().body();

        String said = text.get("actions.forget.try_again");
        assertThat(page).contains(Html.escape(said));
        assertThat(said).contains("if it fails the same way again")
                .contains("may share no TLS version or cipher with this Java");
    }

    /** A key this node cannot decrypt is not cured by waiting: the page says what cures it instead. */
    @Test
    void aKeyThisNodeCannotDecryptIsNotSaidToNeedOnlyTime() throws Exception {
        reportedOnce();
        plugin.values.forgetting(new Erasure.Result(Erasure.Outcome.KEY_UNREADABLE, 0, Optional.empty(),
                Optional.empty()));

        String page = forget().body();

        assertThat(page).contains(Html.escape(text.get("actions.forget.key_unreadable")))
                .doesNotContain(Html.escape(text.get("actions.forget.try_again")))
                .doesNotContain(Html.escape(text.get("actions.forget.never_reported")));
        assertThat(audited).as("the endpoint was not asked").singleElement().asString()
                .endsWith("| KEY_UNREADABLE; cluster ID and key unchanged");
    }

    /** Another node's Forget replaced the ID at the same moment: this one is forgotten too, under that node's ID. */
    @Test
    void anIdAnotherNodeReplacedAtTheSameMomentIsSaidNewAndShownAsThePagesClusterId() throws Exception {
        reportedOnce();
        String othersId = "0b7f6b4e-6f0a-4c8e-9d8e-3f2a1c5b7d90";
        plugin.openfire.setProperty("systemmetrics.cluster_id", othersId, false);
        plugin.values.forgetting(new Erasure.Result(Erasure.Outcome.ERASED, 200, Optional.empty(),
                Optional.empty()));

        String page = forget().body();

        assertThat(page).contains("id=\"sm-cluster-id\">" + othersId + "<")
                .contains(Html.escape(text.get("actions.forget.erased", "200")))
                .contains(Html.escape(text.get("actions.forget.new_id_elsewhere")))
                .contains(Html.escape(text.get("actions.forget.ga4")))
                .doesNotContain(Html.escape(text.get("actions.forget.never_reported")));
        assertThat(audited).singleElement().asString()
                .endsWith("| ERASED (own endpoint: HTTP 200); new cluster ID started");
    }

    @Test
    void aRefusalIsSaidWithWhoCanStillEraseAndTheServerStartsAfreshAllTheSame() throws Exception {
        String oldId = reportedOnce();
        eraseAnswer.set(403);

        String page = forget().body();

        String newId = plugin.facts().clusterId.orElseThrow();
        assertThat(newId).isNotEqualTo(oldId);
        assertThat(page).contains(Html.escape(text.get("actions.forget.refused", "403")))
                .contains(Html.escape(text.get("actions.forget.new_id", newId)));
    }

    /** A redirect is not followed, so that no token or signature goes elsewhere: it is no refusal to erase. */
    @Test
    void aRedirectIsNotCalledARefusal() throws Exception {
        reportedOnce();
        eraseAnswer.set(301);

        String said = text.get("actions.forget.refused", "301");

        assertThat(forget().body()).contains(Html.escape(said));
        assertThat(said).contains("redirected the request, which is not followed");
    }

    @Test
    void aServerThatNeverReportedHasNothingToForget() throws Exception {
        plugin = RunningPlugin.withYaml(home, RunningPlugin.yamlFor(ConsentDecision.State.RUNNING));
        server = plugin.page();

        assertThat(forget().body()).contains(Html.escape(text.get("actions.forget.never_reported")));
        assertThat(plugin.facts().clusterId).isEmpty();
    }

    /** An ID deleted by hand (the docs allow it) leaves a server that did report without one: nothing to ask. */
    @Test
    void aServerWithoutAClusterIdIsNotSaidNeverToHaveReported() throws Exception {
        reportedOnce();
        plugin.openfire.deleteProperty("systemmetrics.cluster_id");

        String said = text.get("actions.forget.never_reported");

        assertThat(forget().body()).contains(Html.escape(said));
        assertThat(erasures).isEmpty();
        assertThat(audited).as("the endpoint was not asked, so it is not said to hold nothing").singleElement()
                .asString().endsWith("| NO_ID; cluster ID and key unchanged");
        assertThat(said).contains("no cluster ID").doesNotContain("has not made a report");
    }

    /** Without an own endpoint nothing is asked there, and a server that never signed has no key to renew. */
    @Test
    void theButtonPromisesARequestAndANewKeyOnlyWhereThereAreThem() throws Exception {
        plugin = RunningPlugin.withYaml(home, RunningPlugin.yamlFor(ConsentDecision.State.RUNNING));
        server = plugin.page();

        String page = new PageClient(server.page()).getPage().body();

        assertThat(page).contains(Html.escape(text.get("actions.forget.hint")))
                .contains(Html.escape(text.get("actions.forget.confirm")));
        assertThat(text.get("actions.forget.hint")).contains("your own endpoint, if one is set,")
                .contains("a new signing key, if it has one");
        assertThat(text.get("actions.forget.confirm")).contains("Your own endpoint, if one is set,");
    }

    @Test
    void theButtonIsOfferedWithReportingOffAndAsksFirst() throws Exception {
        plugin = RunningPlugin.withYaml(home, RunningPlugin.yamlFor(ConsentDecision.State.OFF_BY_NO_REPORT));
        server = plugin.page();

        String page = new PageClient(server.page()).getPage().body();

        assertThat(page).contains("id=\"sm-forget\"").doesNotContain("id=\"sm-forget\" disabled")
                .contains("data-confirm=\"" + Html.escape(text.get("actions.forget.confirm")) + "\"");
    }

    @Test
    void withoutThePagesTokenNothingIsForgotten() throws Exception {
        String id = reportedOnce();
        PageClient client = new PageClient(server.page());
        client.getPage();

        HttpResponse<String> response = client.post(PageClient.form("action", "forget"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(erasures).isEmpty();
        assertThat(plugin.facts().clusterId).contains(id);
        assertThat(audited).isEmpty();
    }
}
