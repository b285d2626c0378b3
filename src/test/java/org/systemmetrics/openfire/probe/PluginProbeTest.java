package org.systemmetrics.openfire.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.openfire.seam.InstalledPlugin;
import org.systemmetrics.openfire.seam.ProviderKind;
import org.systemmetrics.testing.FakeOpenfireServer;

class PluginProbeTest {
    private final KnownPlugins known = KnownPlugins.bundled();

    @TempDir
    Path home;

    @Test
    void knownPluginsAreNamedWithTheirVersionInNameOrder() {
        FakeOpenfireServer server = new FakeOpenfireServer(home).plugins(new InstalledPlugin("admin", ""),
                new InstalledPlugin("systemmetrics", "0.1.0"), new InstalledPlugin("restapi", "1.12.0"),
                new InstalledPlugin("monitoring", "2.6.1 Beta"), new InstalledPlugin("acme-billing", "7.0"));

        assertThat(new PluginProbe(server, known).collect(ReportContext.DEFAULT)).extracting(Event::params).containsExactly(
                Map.of("module", "monitoring", "version", "2.6.1-beta"),
                Map.of("module", "restapi", "version", "1.12.0"));
    }

    @Test
    void aCustomPluginIsCountedNeverNamed() {
        FakeOpenfireServer server = new FakeOpenfireServer(home).plugins(new InstalledPlugin("admin", ""),
                new InstalledPlugin("systemmetrics", "0.1.0"), new InstalledPlugin("acme-billing", "7.0"),
                new InstalledPlugin("restapi", "1.12.0"));

        assertThat(new PluginProbe(server, known).collect(ReportContext.DEFAULT)).extracting(e -> e.params().get("module"))
                .containsExactly("restapi");
        assertThat(customCount(server)).isEqualTo(1L);
    }

    @Test
    void neitherOpenfiresAdminConsoleNorThisPluginCountsAsCustom() {
        FakeOpenfireServer server = new FakeOpenfireServer(home).plugins(new InstalledPlugin("admin", ""),
                new InstalledPlugin("systemmetrics", "0.1.0"));

        assertThat(new PluginProbe(server, known).collect(ReportContext.DEFAULT)).isEmpty();
        assertThat(customCount(server)).isZero();
    }

    @Test
    void customProviderClassesAddToTheCountOncePerClass() {
        FakeOpenfireServer server = new FakeOpenfireServer(home)
                .plugins(new InstalledPlugin("acme-billing", "7.0"), new InstalledPlugin("acme-sso", "1.0"))
                .provider(ProviderKind.USER, "com.acme.directory.AcmeProvider")
                .provider(ProviderKind.GROUP, "com.acme.directory.AcmeProvider")
                .provider(ProviderKind.AUTH, "com.acme.sso.TokenAuthProvider")
                .provider(ProviderKind.VCARD, "org.jivesoftware.openfire.ldap.LdapVCardProvider");

        assertThat(customCount(server)).isEqualTo(4L);
    }

    @Test
    void hundredsOfPluginsAreReportedOnlyAsFarAsTheyAreKnown() {
        List<InstalledPlugin> plugins = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            plugins.add(new InstalledPlugin("inhouse" + i, "1.0"));
        }
        plugins.add(new InstalledPlugin("hazelcast", "5.5.0"));
        FakeOpenfireServer server = new FakeOpenfireServer(home).plugins(plugins);

        assertThat(new PluginProbe(server, known).collect(ReportContext.DEFAULT)).hasSize(1);
        assertThat(customCount(server)).isEqualTo(500L);
    }

    private long customCount(FakeOpenfireServer server) {
        List<Event> events = new CustomModuleProbe(server, known).collect(ReportContext.DEFAULT);
        assertThat(events).singleElement().extracting(Event::name).isEqualTo("custom_module_count");
        return (Long) events.get(0).params().get("value");
    }
}
