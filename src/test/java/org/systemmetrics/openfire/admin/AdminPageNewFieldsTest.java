package org.systemmetrics.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.systemmetrics.core.consent.ConsentDecision;

/**
 * After an upgrade that added report fields, the page marks them ("new") in their own box, in Preview and in the
 * last report until an administrator confirms with a CSRF-protected, audit-logged POST that they were seen.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPageNewFieldsTest {
    /** Two fields of FakeAdmin's sample reports, as if a newer version had added them. */
    private static final Map<String, String> NEW = orderedNew();

    private final AtomicReference<FakeAdmin> admin = new AtomicReference<>();
    private final List<String> audit = new CopyOnWriteArrayList<>();
    private final BundleMessages text = BundleMessages.english();
    private AdminPageServer server;

    private static Map<String, String> orderedNew() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("server_info.cluster_size", "0.2.0");
        fields.put("plugins", "0.2.0");
        return fields;
    }

    @BeforeAll
    void start() throws Exception {
        server = new AdminPageServer(() -> Optional.of(admin.get()), false, false,
                (request, summary, details) -> audit.add(summary + " | " + details));
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void freshService() {
        admin.set(new FakeAdmin().inState(ConsentDecision.State.RUNNING).unseenFields(NEW));
        audit.clear();
    }

    private PageClient client() {
        return new PageClient(server.page());
    }

    @Test
    void theNewFieldsAreListedWithTheirVersionAndUnderReportTrueThePageSaysTheyAreHeldBack() throws Exception {
        String html = client().getPage().body();

        assertThat(html).contains("id=\"sm-new-fields\"").contains(Html.escape(text.get("newfields.title")))
                .contains("data-field=\"server_info.cluster_size\"").contains("data-field=\"plugins\"")
                .contains("<span class=\"sm-new\">" + text.get("newfields.badge") + "</span>")
                .contains(Html.escape(text.get("newfields.since", "0.2.0")))
                .contains(Html.escape(text.get("newfields.held_back")));
        assertThat(html.indexOf("sm-new-fields")).isLessThan(html.indexOf("id=\"sm-settings"));
    }

    @Test
    void withoutAChoiceThePageSaysTheyAreSentUnderTheNotice() throws Exception {
        admin.get().inState(ConsentDecision.State.RUNNING_WITH_NOTICE);

        assertThat(client().getPage().body()).contains(Html.escape(text.get("newfields.sent_under_notice")));
    }

    @Test
    void withoutAChoiceAndWithoutADestinationThePageDoesNotSayTheyAreSent() throws Exception {
        admin.get().inState(ConsentDecision.State.RUNNING_WITH_NOTICE).destinations(List.of());

        String html = client().getPage().body();

        // The intro, the state and this box agree: written to the file, sent nowhere.
        assertThat(html).contains(Html.escape(text.get("newfields.written_under_notice")))
                .doesNotContain(Html.escape(text.get("newfields.sent_under_notice")))
                .contains(Html.escape(text.get("state.running_with_notice.text_nowhere")))
                .contains(Html.escape(text.get("page.intro_nowhere")));
    }

    @Test
    void nothingNewMeansNoBoxAndNoMarks() throws Exception {
        admin.get().unseenFields(Map.of());
        PageClient client = client();

        String html = client.getPage().body();
        String preview = client.post(PageClient.form("csrf", client.tokenFromPage(), "action", "preview")).body();

        assertThat(html).doesNotContain("sm-new-fields").doesNotContain("sm-new-marker");
        assertThat(preview).doesNotContain("sm-new-marker");
    }

    @Test
    void previewAndTheLastReportMarkTheNewFieldsTheyContain() throws Exception {
        PageClient client = client();

        String preview = client.post(PageClient.form("csrf", client.tokenFromPage(), "action", "preview")).body();

        String marked = Html.escape(text.get("newfields.in_report", "server_info.cluster_size, plugins"));
        assertThat(preview).contains("id=\"sm-preview-new\"").contains(marked);
        assertThat(preview).contains("id=\"sm-report-new\"");
        assertThat(client.getPage().body()).contains("id=\"sm-report-new\"").contains(marked);
    }

    @Test
    void confirmingIsRecordedAuditedAndEndsTheMarks() throws Exception {
        PageClient client = client();

        HttpResponse<String> response = client.post(PageClient.form("csrf", client.tokenFromPage(),
                "action", "fields_seen"));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("system-metrics?fields_seen=1");
        assertThat(admin.get().newFieldConfirmations()).isEqualTo(1);
        assertThat(audit).singleElement().asString().contains("confirmed having seen the report fields")
                .contains("server_info.cluster_size, plugins");
        String after = client.get(URI.create(server.page() + "?fields_seen=1")).body();
        assertThat(after).contains(Html.escape(text.get("newfields.confirmed")))
                .doesNotContain("id=\"sm-new-fields\"").doesNotContain("sm-new-marker");
    }

    @Test
    void confirmingWithoutTheTokenIsRefusedAndRecordsNothing() throws Exception {
        PageClient client = client();
        client.getPage();

        HttpResponse<String> response = client.post(PageClient.form("action", "fields_seen"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(admin.get().newFieldConfirmations()).isZero();
        assertThat(audit).isEmpty();
    }

    @Test
    void aGetNeverConfirms() throws Exception {
        client().get(URI.create(server.page() + "?action=fields_seen&fields_seen=1"));

        assertThat(admin.get().newFieldConfirmations()).isZero();
        assertThat(admin.get().unseenFields()).isEqualTo(NEW);
    }

    @Test
    void whatIsReportedMarksTheCategoriesWhoseEventsGotNewFields() throws Exception {
        admin.get().unseenFields(Map.of("transport.cipher", "0.2.0", "node.load", "0.2.0"));

        String html = client().getPage().body();

        String categories = html.substring(html.indexOf("id=\"sm-row-categories\""));
        assertThat(categories).contains("title=\"node.load\">" + text.get("newfields.badge") + "</span>")
                .contains("title=\"transport.cipher\">" + text.get("newfields.badge") + "</span>");
        String transports = categories.substring(categories.indexOf("id=\"sm-category_transports\""));
        assertThat(transports.substring(0, transports.indexOf("</div>"))).contains("transport.cipher");
        String backends = categories.substring(categories.indexOf("id=\"sm-category_backends\""));
        assertThat(backends.substring(0, backends.indexOf("</div>"))).doesNotContain("sm-new");
    }
}
