package org.systemmetrics.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
    void stop() {
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

    /**
     * Only these fields are new: every field of the record is of this version, so the real plugin, which reads the
     * record shipped in its jar, cannot leave some fields seen and others new. Plain values, shown by the page.
     */
    private void onlyNew(String... fields) {
        Map<String, String> unseen = new LinkedHashMap<>();
        for (String field : fields) {
            unseen.put(field, LATEST);
        }
        plugin.values.showing(facts -> new PageFacts(facts.status, facts.clusterId, facts.role, facts.seniorHost,
                facts.destinations, facts.reportFile, facts.reportJson, facts.history, unseen, facts.projectProperty));
    }

    /** The line under a report that names its new fields, from its id to its end. */
    private static String marker(String html, String id) {
        String from = html.substring(html.indexOf("id=\"" + id + "\""));
        return from.substring(0, from.indexOf("</p>"));
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
        // The last one is in no report: the box lists it, no report's line does.
        onlyNew("cluster.plugin_version", "node.uptime_s", "cluster.no_such_field");

        String preview = preview(client);

        String marked = Html.escape(text.get("newfields.in_report", "cluster.plugin_version, node.uptime_s"));
        assertThat(marker(preview, "sm-preview-new")).endsWith("</span> " + marked);
        assertThat(marker(preview, "sm-report-new")).endsWith("</span> " + marked);
        assertThat(marker(client.getPage().body(), "sm-report-new")).endsWith("</span> " + marked);
    }

    @Test
    void confirmingIsRecordedAuditedAndEndsTheMarks() throws Exception {
        PageClient client = upgradedIn(ConsentDecision.State.RUNNING);

        HttpResponse<String> response = client.post(PageClient.form("csrf", client.tokenFromPage(),
                "action", "fields_seen"));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("system-metrics?fields_seen=1");
        assertThat(plugin.openfire.properties()).containsEntry(SystemMetricsPlugin.FIELDS_SEEN_PROPERTY, LATEST);
        // Every field of the record was new: the entry names them all, in the record's order.
        assertThat(audit).containsExactly("System Metrics: confirmed having seen the report fields new in this version"
                + " | " + String.join(", ", ReportFields.load().firstVersions().keySet()));
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
        PageClient client = upgradedIn(ConsentDecision.State.RUNNING);
        onlyNew("transport.tls_policy", "node.uptime_s");

        String html = client.getPage().body();

        String badge = text.get("newfields.badge") + "</span>";
        assertThat(category(html, "sm-category-cluster")).contains("title=\"node.uptime_s\">" + badge);
        assertThat(category(html, "sm-category_transports")).contains("title=\"transport.tls_policy\">" + badge);
        assertThat(category(html, "sm-category_backends")).doesNotContain("sm-new");
        assertThat(category(html, "sm-category_modules")).doesNotContain("sm-new");
    }

    /** One category's line under "What is reported". */
    private static String category(String html, String id) {
        String categories = html.substring(html.indexOf("id=\"sm-row-categories\""));
        String line = categories.substring(categories.indexOf("id=\"" + id + "\""));
        return line.substring(0, line.indexOf("</div>"));
    }
}
