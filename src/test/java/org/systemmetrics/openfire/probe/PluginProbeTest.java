package org.systemmetrics.openfire.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.testing.FakeOpenfireServer;

class PluginProbeTest {
    private static OpenfireProbes probes(FakeOpenfireServer server) {
        return new OpenfireProbes(server, "0.1.0", Clock.systemUTC());
    }

    @TempDir
    Path home;

    @Test
    void knownPluginsAreNamedWithTheirVersionInNameOrder() {
        FakeOpenfireServer server = new FakeOpenfireServer(home).plugins("admin", "",
                "systemmetrics", "0.1.0", "restapi", "1.12.0",
                "monitoring", "2.6.1 Beta", "acme-billing", "7.0");

        assertThat(probes(server).modules(ReportContext.DEFAULT)).extracting(Event::params).containsExactly(
                Map.of("module", "monitoring", "version", "2.6.1-beta"),
                Map.of("module", "restapi", "version", "1.12.0"));
    }

    @Test
    void aCustomPluginIsCountedNeverNamed() {
        FakeOpenfireServer server = new FakeOpenfireServer(home).plugins("admin", "",
                "systemmetrics", "0.1.0", "acme-billing", "7.0",
                "restapi", "1.12.0");

        assertThat(probes(server).modules(ReportContext.DEFAULT)).extracting(e -> e.params().get("module"))
                .containsExactly("restapi");
        assertThat(customCount(server)).isEqualTo(1L);
    }

    @Test
    void neitherOpenfiresAdminConsoleNorThisPluginCountsAsCustom() {
        FakeOpenfireServer server = new FakeOpenfireServer(home).plugins("admin", "",
                "systemmetrics", "0.1.0");

        assertThat(probes(server).modules(ReportContext.DEFAULT)).isEmpty();
        assertThat(customCount(server)).isZero();
    }

    @Test
    void customProviderClassesAddToTheCountOncePerClass() {
        FakeOpenfireServer server = new FakeOpenfireServer(home)
                .plugins("acme-billing", "7.0", "acme-sso", "1.0")
                .provider("user", "com.acme.directory.AcmeProvider")
                .provider("group", "com.acme.directory.AcmeProvider")
                .provider("auth", "com.acme.sso.TokenAuthProvider")
                .provider("vcard", "org.jivesoftware.openfire.ldap.LdapVCardProvider");

        assertThat(customCount(server)).isEqualTo(4L);
    }

    @Test
    void hundredsOfPluginsAreReportedOnlyAsFarAsTheyAreKnown() {
        Map<String, String> plugins = new LinkedHashMap<>();
        for (int i = 0; i < 500; i++) {
            plugins.put("inhouse" + i, "1.0");
        }
        plugins.put("hazelcast", "5.5.0");
        FakeOpenfireServer server = new FakeOpenfireServer(home).plugins(plugins);

        assertThat(probes(server).modules(ReportContext.DEFAULT)).hasSize(1);
        assertThat(customCount(server)).isEqualTo(500L);
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
        "1.12.0|1.12.0",
        "2.6.1 Beta|2.6.1-beta",
        "1.0.0-SNAPSHOT|1.0.0-snapshot",
        "4.9.0 Alpha 2|4.9.0-alpha2",
        "1.2.3 Release Candidate 1|1.2.3-rc1",
        "1.2.3-rc3|1.2.3-rc3",
        "1.2.3-acme-corp.internal|1.2.3",
        "1.2.3-betamax|1.2.3",
        "  3.0 |3.0",
        "build-by-jdoe|unknown",
        "''|unknown"})
    void keepsNumbersAndReleaseStatusOnly(String version, String reported) {
        assertThat(OpenfireProbes.sanitize(version)).isEqualTo(reported);
    }

    private long customCount(FakeOpenfireServer server) {
        List<Event> events = probes(server).customModules(ReportContext.DEFAULT);
        assertThat(events).singleElement().extracting(Event::name).isEqualTo("custom_module_count");
        return (Long) events.get(0).params().get("value");
    }
}
