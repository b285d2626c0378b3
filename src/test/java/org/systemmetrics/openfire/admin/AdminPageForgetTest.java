package org.systemmetrics.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.identity.Erasure;

/** <i>Forget this server</i> on the page: a checked POST, audit-logged, saying what was and was not erased. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPageForgetTest {
    private final AtomicReference<FakeAdmin> admin = new AtomicReference<>();
    private final List<String> audited = new CopyOnWriteArrayList<>();
    private final BundleMessages text = BundleMessages.english();
    private AdminPageServer server;

    @BeforeAll
    void start() throws Exception {
        server = new AdminPageServer(() -> Optional.of(admin.get()), false, false,
                (request, summary, details) -> audited.add(summary + " | " + details));
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void fresh() {
        admin.set(new FakeAdmin());
        audited.clear();
    }

    private HttpResponse<String> forget() throws Exception {
        PageClient client = new PageClient(server.page());
        return client.post(PageClient.form("csrf", client.tokenFromPage(), "action", "forget"));
    }

    @Test
    void anErasedServerIsToldItsNewIdAndWhereGoogleAnalyticsDataIsErased() throws Exception {
        admin.get().forgetResult(new Erasure.Result(Erasure.Outcome.ERASED, 200, Optional.of(FakeAdmin.NEW_CLUSTER_ID)));

        HttpResponse<String> response = forget();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("data-kind=\"FORGOTTEN\"")
                .contains(Html.escape(text.get("actions.forget.erased", "200")))
                .contains(Html.escape(text.get("actions.forget.new_id", FakeAdmin.NEW_CLUSTER_ID)))
                .contains(Html.escape(text.get("actions.forget.ga4")));
        assertThat(admin.get().forgetCount()).isEqualTo(1);
        assertThat(audited).containsExactly("System Metrics: forgot this server | own endpoint: ERASED (HTTP 200); "
                + "new cluster ID started");
    }

    @Test
    void whenTheEndpointCannotBeAskedThePageSaysNothingChanged() throws Exception {
        admin.get().forgetResult(new Erasure.Result(Erasure.Outcome.TRY_AGAIN, 503, Optional.empty()));

        String page = forget().body();

        assertThat(page).contains(Html.escape(text.get("actions.forget.try_again_status", "503")))
                .doesNotContain(Html.escape(text.get("actions.forget.ga4")));
        assertThat(audited).singleElement().asString().endsWith("TRY_AGAIN (HTTP 503); nothing changed");
    }

    @Test
    void aRefusalIsSaidWithWhoCanStillEraseAndTheServerStartsAfreshAllTheSame() throws Exception {
        admin.get().forgetResult(new Erasure.Result(Erasure.Outcome.REFUSED, 403, Optional.of(FakeAdmin.NEW_CLUSTER_ID)));

        assertThat(forget().body()).contains(Html.escape(text.get("actions.forget.refused", "403")))
                .contains(Html.escape(text.get("actions.forget.new_id", FakeAdmin.NEW_CLUSTER_ID)));
    }

    @Test
    void aServerThatNeverReportedHasNothingToForget() throws Exception {
        admin.get().forgetResult(new Erasure.Result(Erasure.Outcome.NO_ENDPOINT, 0, Optional.empty()));

        assertThat(forget().body()).contains(Html.escape(text.get("actions.forget.never_reported")));
    }

    @Test
    void theButtonIsOfferedWithReportingOffAndAsksFirst() throws Exception {
        admin.get().inState(ConsentDecision.State.OFF_BY_NO_REPORT);

        String page = new PageClient(server.page()).getPage().body();

        assertThat(page).contains("id=\"sm-forget\"").doesNotContain("id=\"sm-forget\" disabled")
                .contains("data-confirm=\"" + Html.escape(text.get("actions.forget.confirm")) + "\"");
    }

    @Test
    void withoutThePagesTokenNothingIsForgotten() throws Exception {
        PageClient client = new PageClient(server.page());
        client.getPage();

        HttpResponse<String> response = client.post(PageClient.form("action", "forget"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(admin.get().forgetCount()).isZero();
        assertThat(audited).isEmpty();
    }
}
