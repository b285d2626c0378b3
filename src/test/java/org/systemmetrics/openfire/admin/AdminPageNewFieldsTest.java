package org.systemmetrics.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.report.ReportFields;
import org.systemmetrics.openfire.SystemMetricsPlugin;
import org.systemmetrics.testing.FakeOpenfireServer;

/**
 * After an upgrade that added report fields, the page marks them ("new") in their own box, in Preview and in the
 * last report until an administrator confirms with a CSRF-protected, audit-logged POST that they were seen. The
 * real plugin after an upgrade: Openfire's database says the fields seen were those of a version before the first.
 */
class AdminPageNewFieldsTest {
    private static final String LATEST = ReportFields.load().latest();
    private static final String BEFORE_THE_FIRST = "0.0.1";

    @TempDir
    Path home;
    private final List<String> audit = new CopyOnWriteArrayList<>();
    private final BundleMessages text = BundleMessages.english();
    private RunningPlugin plugin;
    private AdminPageServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (plugin != null) {
            plugin.close();
        }
    }

    private PageClient upgradedIn(ConsentDecision.State state) throws Exception {
        return upgradedWith(RunningPlugin.yamlFor(state));
    }

    private PageClient upgradedWith(String yaml) throws Exception {
        FakeOpenfireServer openfire = new FakeOpenfireServer(home);
        openfire.properties().put(SystemMetricsPlugin.FIELDS_ANNOUNCED_PROPERTY, BEFORE_THE_FIRST);
        openfire.properties().put(SystemMetricsPlugin.FIELDS_SEEN_PROPERTY, BEFORE_THE_FIRST);
        plugin = RunningPlugin.on(openfire, yaml);
        server = plugin.page((request, summary, details) -> audit.add(summary + " | " + details));
        return new PageClient(server.page());
    }

    private String preview(PageClient client) throws Exception {
        return client.post(PageClient.form("csrf", client.tokenFromPage(), "action", "preview")).body();
    }

    @Test
    void theNewFieldsAreListedWithTheirVersionAndUnderReportTrueThePageSaysTheyAreHeldBack() throws Exception {
        String html = upgradedIn(ConsentDecision.State.RUNNING).getPage().body();

        assertThat(html).contains("id=\"sm-new-fields\"").contains(Html.escape(text.get("newfields.title")))
                .contains("data-field=\"cluster.plugin_version\"")
                .contains("data-field=\"xmpp_stanza_count.increment\"")
                .contains("<span class=\"sm-new\">" + text.get("newfields.badge") + "</span>")
                .contains(Html.escape(text.get("newfields.since", LATEST)))
                .contains(Html.escape(text.get("newfields.held_back")));
        assertThat(html.indexOf("sm-new-fields")).isLessThan(html.indexOf("id=\"sm-settings"));
    }

    @Test
    void withoutAChoiceThePageSaysTheyAreSentUnderTheNotice() throws Exception {
        PageClient client = upgradedWith(RunningPlugin.ENTRY + "    tracking_id: {id: G-OWNPROP1, secret: s}\n");

        assertThat(client.getPage().body()).contains(Html.escape(text.get("newfields.sent_under_notice")));
    }

    @Test
    void withoutAChoiceAndWithoutADestinationThePageDoesNotSayTheyAreSent() throws Exception {
        String html = upgradedIn(ConsentDecision.State.RUNNING_WITH_NOTICE).getPage().body();

        // The intro, the state and this box agree: written to the file, sent nowhere.
        assertThat(html).contains(Html.escape(text.get("newfields.written_under_notice")))
                .doesNotContain(Html.escape(text.get("newfields.sent_under_notice")))
                .contains(Html.escape(text.get("state.running_with_notice.text_nowhere")))
                .contains(Html.escape(text.get("page.intro_nowhere")));
    }

    @Test
    void nothingNewMeansNoBoxAndNoMarks() throws Exception {
        // A fresh installation: every field of this version counts as seen.
        plugin = RunningPlugin.withYaml(home, RunningPlugin.yamlFor(ConsentDecision.State.RUNNING_WITH_NOTICE));
        plugin.admin().sendNow();
        server = plugin.page();
        PageClient client = new PageClient(server.page());

        String html = client.getPage().body();
        String preview = preview(client);

        assertThat(html).contains("id=\"sm-report-json\"").doesNotContain("sm-new-fields")
                .doesNotContain("sm-new-marker").doesNotContain("class=\"sm-new\"");
        assertThat(preview).doesNotContain("sm-new-marker");
    }

    @Test
    void previewAndTheLastReportMarkTheNewFieldsTheyContain() throws Exception {
        PageClient client = upgradedIn(ConsentDecision.State.RUNNING_WITH_NOTICE);
        plugin.admin().sendNow(); // writes the report file, new fields and all, under the notice

        String preview = preview(client);

        String marked = Html.escape(text.get("newfields.in_report", "cluster, cluster.version"));
        String listed = marked.substring(0, marked.indexOf("cluster.version"));
        assertThat(preview).contains("id=\"sm-preview-new\"").contains(listed)
                .contains("xmpp_stanza_count.increment");
        assertThat(preview).contains("id=\"sm-report-new\"");
        assertThat(client.getPage().body()).contains("id=\"sm-report-new\"").contains(listed);
    }

    @Test
    void confirmingIsRecordedAuditedAndEndsTheMarks() throws Exception {
        PageClient client = upgradedIn(ConsentDecision.State.RUNNING);

        HttpResponse<String> response = client.post(PageClient.form("csrf", client.tokenFromPage(),
                "action", "fields_seen"));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("system-metrics?fields_seen=1");
        assertThat(plugin.openfire.properties()).containsEntry(SystemMetricsPlugin.FIELDS_SEEN_PROPERTY, LATEST);
        assertThat(audit).singleElement().asString().contains("confirmed having seen the report fields")
                .contains("cluster.plugin_version, ");
        String after = client.get(URI.create(server.page() + "?fields_seen=1")).body();
        assertThat(after).contains(Html.escape(text.get("newfields.confirmed")))
                .doesNotContain("id=\"sm-new-fields\"").doesNotContain("sm-new-marker");
    }

    @Test
    void confirmingWithoutTheTokenIsRefusedAndRecordsNothing() throws Exception {
        PageClient client = upgradedIn(ConsentDecision.State.RUNNING);
        client.getPage();

        HttpResponse<String> response = client.post(PageClient.form("action", "fields_seen"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(plugin.openfire.properties()).containsEntry(SystemMetricsPlugin.FIELDS_SEEN_PROPERTY,
                BEFORE_THE_FIRST);
        assertThat(audit).isEmpty();
    }

    @Test
    void aGetNeverConfirms() throws Exception {
        PageClient client = upgradedIn(ConsentDecision.State.RUNNING);
        Map<String, String> before = plugin.facts().unseenFields;

        client.get(URI.create(server.page() + "?action=fields_seen&fields_seen=1"));

        assertThat(plugin.openfire.properties()).containsEntry(SystemMetricsPlugin.FIELDS_SEEN_PROPERTY,
                BEFORE_THE_FIRST);
        assertThat(plugin.facts().unseenFields).isNotEmpty().isEqualTo(before);
    }

    @Test
    void whatIsReportedMarksTheCategoriesWhoseEventsGotNewFields() throws Exception {
        String html = upgradedIn(ConsentDecision.State.RUNNING).getPage().body();

        String categories = html.substring(html.indexOf("id=\"sm-row-categories\""));
        String transports = categories.substring(categories.indexOf("id=\"sm-category_transports\""));
        assertThat(transports.substring(0, transports.indexOf("</div>"))).contains("transport.tls_policy")
                .contains(">" + text.get("newfields.badge") + "</span>").doesNotContain("backend.kind");
        String backends = categories.substring(categories.indexOf("id=\"sm-category_backends\""));
        assertThat(backends.substring(0, backends.indexOf("</div>"))).contains("backend.kind")
                .doesNotContain("transport.tls_policy");
    }
}
