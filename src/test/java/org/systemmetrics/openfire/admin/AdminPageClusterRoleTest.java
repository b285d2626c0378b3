package org.systemmetrics.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.systemmetrics.core.cluster.NodeRole;

/** The page says which node sends for the cluster, and what Send now did on a node that does not send. */
class AdminPageClusterRoleTest {
    private final AdminPage page = new AdminPage(BundleMessages.english(),
            () -> Clock.fixed(FakeAdmin.NOW, ZoneOffset.UTC));

    private String roleText(FakeAdmin admin) {
        String html = page.render(new PageModel(admin, "token"));
        int cell = html.indexOf("id=\"sm-role\">");
        return html.substring(cell + "id=\"sm-role\">".length(), html.indexOf("</td>", cell));
    }

    @Test
    void theSeniorNodeSaysItSendsForTheCluster() {
        assertThat(roleText(new FakeAdmin().role(NodeRole.SENIOR, "of1.example.org")))
                .isEqualTo("This node sends for the cluster (it is the senior member); every node writes its own report file.");
    }

    @Test
    void anotherNodeNamesTheSeniorNodeAndSaysItOnlyWritesItsFile() {
        assertThat(roleText(new FakeAdmin().role(NodeRole.MEMBER, "of1.example.org")))
                .isEqualTo("The senior node (of1.example.org) sends for the cluster; this node only writes its report file.");
    }

    @Test
    void aNodeThatHasNotJoinedSaysItWaits() {
        assertThat(roleText(new FakeAdmin().role(NodeRole.JOINING, null))).startsWith("Clustering is enabled but this "
                + "node has not joined the cluster yet");
    }

    @Test
    void aLoneServerSaysItSendsItsOwnReports() {
        assertThat(roleText(new FakeAdmin())).isEqualTo("This server is not clustered: it sends its own reports.");
    }

    @Test
    void sendNowOnANodeThatIsNotSeniorSaysItOnlyWroteTheFile() {
        FakeAdmin admin = new FakeAdmin().role(NodeRole.MEMBER, "of1.example.org");

        String html = page.render(new PageModel(admin, "token").actionResult(ActionResult.sent(List.of())));

        assertThat(html).contains("This node is not the senior cluster member, so it only wrote the report to its report "
                + "file and sent nothing. The senior node (of1.example.org) sends the cluster&#39;s report at its next "
                + "scheduled time.");
    }
}
