package org.systemmetrics.openfire.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.testing.FakeOpenfireServer;

class ProviderProbeTest {
    private static OpenfireProbes probes(FakeOpenfireServer server) {
        return new OpenfireProbes(server, "0.1.0", Clock.systemUTC());
    }

    @TempDir
    Path home;

    @Test
    void aFreshInstallUsesTheDefaultProviderForEveryKind() {
        assertThat(probes(new FakeOpenfireServer(home)).backends(ReportContext.DEFAULT)).extracting(Event::params).containsExactly(
                Map.of("kind", "user", "backend", "default"),
                Map.of("kind", "auth", "backend", "default"),
                Map.of("kind", "group", "backend", "default"),
                Map.of("kind", "vcard", "backend", "default"),
                Map.of("kind", "lockout", "backend", "default"),
                Map.of("kind", "admin", "backend", "default"));
    }

    @Test
    void aDirectoryServerSetup() {
        FakeOpenfireServer server = new FakeOpenfireServer(home)
                .provider("user", "org.jivesoftware.openfire.ldap.LdapUserProvider")
                .provider("auth", "org.jivesoftware.openfire.ldap.LdapAuthProvider")
                .provider("group", "org.jivesoftware.openfire.ldap.LdapGroupProvider")
                .provider("vcard", "org.jivesoftware.openfire.ldap.LdapVCardProvider");

        assertThat(probes(server).backends(ReportContext.DEFAULT)).extracting(e -> e.params().get("backend"))
                .containsExactly("ldap", "ldap", "ldap", "ldap", "default", "default");
    }

    @Test
    void aManagerWithoutProviderReportsNothingForItsKind() {
        FakeOpenfireServer server = new FakeOpenfireServer(home).provider("admin", null);

        assertThat(probes(server).backends(ReportContext.DEFAULT)).extracting(e -> e.params().get("kind"))
                .containsExactly("user", "auth", "group", "vcard", "lockout");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "org.jivesoftware.openfire.user.JDBCUserProvider, jdbc",
        "org.jivesoftware.openfire.user.HybridUserProvider, hybrid",
        "org.jivesoftware.openfire.user.MappedUserProvider, mapped",
        "org.jivesoftware.openfire.user.NativeUserProvider, native",
        "org.jivesoftware.openfire.user.POP3UserProvider, pop3",
        "org.jivesoftware.openfire.crowd.CrowdUserProvider, crowd",
        "org.jivesoftware.openfire.auth.JWTAuthProvider, jwt",
        "org.jivesoftware.openfire.admin.GroupBasedAdminProvider, group",
        "org.jivesoftware.openfire.admin.JDBCAdminProvider, jdbc",
        "org.jivesoftware.openfire.crowd.CrowdAdminProvider, crowd",
        "com.acme.AcmeUserProvider, custom",
        "org.jivesoftware.openfire.plugin.AcmeUserProvider, custom",
        "org.jivesoftware.openfire.user.LdapUserProvider, custom"})
    void openfiresOwnClassesByExactNameAnythingElseIsCustom(String className, String backend) {
        FakeOpenfireServer server = new FakeOpenfireServer(home).provider("user", className);

        assertThat(probes(server).backends(ReportContext.DEFAULT).get(0).params()).containsEntry("backend", backend);
    }

    @Test
    void aCustomClassNameNeverAppearsInTheEvent() {
        FakeOpenfireServer server = new FakeOpenfireServer(home)
                .provider("user", "com.acme.internal.AcmeUserProvider");

        assertThat(probes(server).backends(ReportContext.DEFAULT).get(0).params())
                .isEqualTo(Map.of("kind", "user", "backend", "custom"));
    }
}
