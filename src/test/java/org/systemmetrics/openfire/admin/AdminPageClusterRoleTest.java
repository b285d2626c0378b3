package org.systemmetrics.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.delivery.ga4.FakeGoogle;
import org.systemmetrics.core.text.Texts;
import org.systemmetrics.testing.FakeOpenfireServer;

/**
 * The page says which node sends for the cluster, and what Send now did on a node that does not send: the real
 * plugin on an Openfire that says which member this node is.
 */
class AdminPageClusterRoleTest {
    private final AdminPage page = new AdminPage(BundleMessages.english(), Clock::systemUTC);

    @TempDir
    Path home;

    private String roleText(FakeOpenfireServer openfire) throws Exception {
        try (RunningPlugin plugin = RunningPlugin.on(openfire, RunningPlugin.ENTRY)) {
            String html = page.render(new PageModel(plugin.facts(), "token"));
            int cell = html.indexOf("id=\"sm-role\">");
            return html.substring(cell + "id=\"sm-role\">".length(), html.indexOf("</td>", cell));
        }
    }

    @Test
    void theSeniorNodeSaysItSendsForTheCluster() throws Exception {
        assertThat(roleText(new FakeOpenfireServer(home).cluster(2, true)))
                .isEqualTo("This node sends for the cluster (it is the senior member); every node writes its own report file.");
    }

    @Test
    void anotherNodeNamesTheSeniorNodeAndSaysItOnlyWritesItsFile() throws Exception {
        assertThat(roleText(new FakeOpenfireServer(home).cluster(2, false))).isEqualTo("The senior node "
                + "(senior.cluster.internal) sends for the cluster; this node only writes its report file.");
    }

    @Test
    void aNodeThatHasNotJoinedSaysItWaits() throws Exception {
        assertThat(roleText(new FakeOpenfireServer(home).joiningCluster())).startsWith("Clustering is enabled but this "
                + "node has not joined the cluster yet");
    }

    @Test
    void aLoneServerSaysItSendsItsOwnReports() throws Exception {
        assertThat(roleText(new FakeOpenfireServer(home)))
                .isEqualTo("This server is not clustered: it sends its own reports.");
    }

    /**
     * Send now's sentence is its own run's: the page drawn after it may read another role or destinations (the node
     * became senior, a tracking ID was saved), which the run did not have.
     */
    @Test
    void sendNowSaysWhatItsOwnRunKnewNotWhatThePageReadsAfterIt() throws Exception {
        BundleMessages en = BundleMessages.english();
        FakeOpenfireServer member = new FakeOpenfireServer(home).cluster(2, false);
        try (RunningPlugin plugin = RunningPlugin.on(member, RunningPlugin.yamlFor(ConsentDecision.State.RUNNING))) {
            assertThat(sentThenDrawnAs(plugin, NodeRole.SENIOR))
                    .contains(Html.escape(en.get("actions.send.member", "senior.cluster.internal")))
                    .doesNotContain(Html.escape(en.get("actions.send.nowhere")));
        }
        try (RunningPlugin plugin = RunningPlugin.withYaml(home.resolve("lone"),
                RunningPlugin.yamlFor(ConsentDecision.State.RUNNING))) {
            assertThat(plugin.facts().destinations).isEmpty();
            assertThat(sentThenDrawnAs(plugin, NodeRole.ALONE)).contains(Html.escape(en.get("actions.send.nowhere")));
        }
    }

    /** Send now, then its page drawn with {@code role} and a destination the run did not have. */
    private String sentThenDrawnAs(RunningPlugin plugin, NodeRole role) {
        ActionResult sent = ActionResult.sent(plugin.admin().sendNow());
        PageFacts now = plugin.facts();
        PageFacts later = new PageFacts(now.status, now.clusterId, role, now.seniorHost, List.of("G-MINE1234"),
                now.reportFile, now.reportJson, now.history, now.unseenFields, now.projectProperty);
        return page.render(new PageModel(later, "token").actionResult(sent));
    }

    @Test
    void sendNowOnANodeThatIsNotSeniorSaysItOnlyWroteTheFile() throws Exception {
        FakeOpenfireServer member = new FakeOpenfireServer(home).cluster(2, false);
        try (RunningPlugin plugin = RunningPlugin.on(member, RunningPlugin.yamlFor(ConsentDecision.State.RUNNING))) {
            PageClient client = new PageClient(plugin.page().page());
            String html = client.post(PageClient.form("csrf", client.tokenFromPage(), "action", "send")).body();

            assertThat(html).contains("This node is not the senior cluster member, so it sent nothing. The senior "
                    + "node (senior.cluster.internal) sends the cluster&#39;s report at its next scheduled time. The "
                    + "report was written to the report file.");
            assertThat(member.logsDirectory().resolve("system_metrics_report.json")).exists();
        }
    }

    /**
     * Send now's box on the page and its entry in the security audit log say the same of its run: sent, made where no
     * destination is in force, or made by a member, which leaves sending to the senior.
     */
    @ParameterizedTest
    @EnumSource(SystemMetricsAdmin.Went.class)
    void sendNowsBoxAndAuditEntrySayTheSameOfItsRun(SystemMetricsAdmin.Went went) throws Exception {
        BundleMessages en = BundleMessages.english();
        Map<SystemMetricsAdmin.Went, String> boxes = Map.of(SystemMetricsAdmin.Went.SENT, en.get("actions.send.done"),
                SystemMetricsAdmin.Went.NOWHERE, en.get("actions.send.nowhere"),
                SystemMetricsAdmin.Went.MEMBER, en.get("actions.send.member", "senior.cluster.internal"));
        Map<SystemMetricsAdmin.Went, String> entries = Map.of(SystemMetricsAdmin.Went.SENT, "audit.send",
                SystemMetricsAdmin.Went.NOWHERE, "audit.send.nowhere",
                SystemMetricsAdmin.Went.MEMBER, "audit.send.member");
        FakeOpenfireServer openfire = new FakeOpenfireServer(home);
        if (went == SystemMetricsAdmin.Went.MEMBER) {
            openfire.cluster(2, false);
        }
        List<String> audited = new CopyOnWriteArrayList<>();
        try (FakeGoogle google = FakeGoogle.http(); RunningPlugin plugin = RunningPlugin.on(openfire,
                RunningPlugin.yamlFor(ConsentDecision.State.RUNNING) + (went == SystemMetricsAdmin.Went.SENT
                        ? "    tracking_id: {id: G-OWNPROP1, secret: s}\n    google_analytics_url: "
                                + google.collectUrl() + "\n" : ""))) {
            PageClient client = new PageClient(plugin.page((request, summary, details) -> audited.add(summary)).page());
            String html = client.post(PageClient.form("csrf", client.tokenFromPage(), "action", "send")).body();

            assertThat(html).contains(Html.escape(boxes.get(went)));
            assertThat(audited).containsExactly(Texts.of(SystemMetricsAdminServlet.class).get(entries.get(went)));
        }
    }
}
