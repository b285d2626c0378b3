package org.systemmetrics.openfire.seam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jivesoftware.database.DbConnectionManager;
import org.jivesoftware.openfire.Connection;
import org.jivesoftware.openfire.ConnectionManager;
import org.jivesoftware.openfire.auth.HybridAuthProvider;
import org.jivesoftware.openfire.ldap.LdapAuthProvider;
import org.jivesoftware.openfire.ldap.LdapGroupProvider;
import org.jivesoftware.openfire.ldap.LdapUserProvider;
import org.jivesoftware.openfire.ldap.LdapVCardProvider;
import org.jivesoftware.openfire.session.ComponentSession;
import org.jivesoftware.openfire.spi.ConnectionType;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.PropertyEventDispatcher.EventType;
import org.jivesoftware.util.PropertyEventDispatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.testing.MockedOpenfire;

/**
 * The live seam against Openfire's own classes, mocked the way Openfire's tests mock its singletons, in the
 * states an administrator's server can be in.
 */
class LiveOpenfireServerTest {
    private MockedOpenfire openfire;
    private final LiveOpenfireServer live = new LiveOpenfireServer(new File("/opt/openfire/plugins/systemmetrics"));

    @BeforeEach
    void startOpenfire() {
        openfire = new MockedOpenfire();
    }

    @AfterEach
    void stopOpenfire() {
        openfire.close();
    }

    @Nested
    class ServerAndCluster {
        @Test
        void aLoneNodeIsAClusterOfOneThatSendsItsOwnReports() {
            assertThat(live.clusterNodeCount()).isEqualTo(1);
            assertThat(live.nodeRole()).isEqualTo(NodeRole.ALONE);
            assertThat(live.seniorMemberHostName()).isEmpty();
        }

        @Test
        void aThreeNodeClusterCountsItsNodesAndNamesItsSeniorMember() {
            openfire.cluster(3, false);

            assertThat(live.clusterNodeCount()).isEqualTo(3);
            assertThat(live.nodeRole()).isEqualTo(NodeRole.MEMBER);
            assertThat(live.seniorMemberHostName()).contains("node0.cluster.internal");
        }

        @Test
        void theSeniorMemberKnowsItIs() {
            openfire.cluster(2, true);

            assertThat(live.nodeRole()).isEqualTo(NodeRole.SENIOR);
        }

        @Test
        void aNodeWithClusteringEnabledThatHasNotJoinedYetIsJoiningNotALoneServer() {
            openfire.joiningCluster();

            assertThat(live.nodeRole()).isEqualTo(NodeRole.JOINING);
            assertThat(live.clusterNodeCount()).isEqualTo(1);
        }

        @Test
        void versionStartTimeAndDatabaseComeFromServerInfoAndTheConnectionManager() {
            when(openfire.info.getLastStarted()).thenReturn(Date.from(Instant.parse("2026-03-04T05:06:07Z")));
            openfire.databaseStatics.when(DbConnectionManager::getDatabaseType)
                    .thenReturn(DbConnectionManager.DatabaseType.postgresql);

            assertThat(live.openfireVersion()).isEqualTo("5.1.1");
            assertThat(live.lastStarted()).isEqualTo(Instant.parse("2026-03-04T05:06:07Z"));
            assertThat(live.databaseTypeName()).isEqualTo("postgresql");
        }

        @Test
        void confAndLogsAreTheFoldersOfTheHomeThePluginsFolderIsIn() {
            assertThat(live.confDirectory()).isEqualTo(Path.of("/opt/openfire/conf"));
            assertThat(live.logsDirectory()).isEqualTo(Path.of("/opt/openfire/logs"));
            // Openfire's guessed home when openfireHome is not set: kept as it is, since bin may be a symbolic link.
            LiveOpenfireServer guessed = new LiveOpenfireServer(new File("/opt/openfire/bin/../plugins/systemmetrics"));
            assertThat(guessed.confDirectory()).isEqualTo(Path.of("/opt/openfire/bin/../conf"));
            assertThat(guessed.logsDirectory()).isEqualTo(Path.of("/opt/openfire/bin/../logs"));
        }

        @Test
        void noComponentsConnected() {
            assertThat(live.componentSessionCount()).isZero();
        }

        @Test
        void tenThousandComponentsAreCountedWithoutWalkingTheSessions() {
            Collection<ComponentSession> sessions = openfire.components(10_000);

            assertThat(live.componentSessionCount()).isEqualTo(10_000);
            verify(sessions, never()).iterator();
            verify(sessions, never()).stream();
        }
    }

    @Nested
    class Plugins {
        @Test
        void everyLoadedPluginWithItsCanonicalNameAndVersion() {
            openfire.plugin("admin", null).plugin("restapi", "1.12.0").plugin("acme-billing", "2.0.1");

            assertThat(live.installedPlugins()).containsExactly(entry("admin", ""), entry("restapi", "1.12.0"),
                    entry("acme-billing", "2.0.1"));
        }

        @Test
        void noPluginsButOurs() {
            openfire.plugin("systemmetrics", "0.1.0");

            assertThat(live.installedPlugins()).containsExactly(entry("systemmetrics", "0.1.0"));
        }

        @Test
        void aPluginUnloadedWhileThePluginsAreReadHasNoVersion() {
            openfire.plugin("restapi", "1.12.0").plugin("monitoring", "2.6.0");
            when(openfire.pluginManager.getMetadata("monitoring")).thenReturn(null);

            assertThat(live.installedPlugins()).containsExactly(entry("restapi", "1.12.0"), entry("monitoring", ""));
        }

        @Test
        @SuppressWarnings("deprecation")
        void thePluginManagerGettersRemovedIn49AreNeverCalled() {
            openfire.plugin("monitoring", "2.6.0");

            live.installedPlugins();

            verify(openfire.pluginManager, never()).getVersion(any());
            verify(openfire.pluginManager, never()).getName(any());
            verify(openfire.pluginManager, never()).getPlugin(any());
            verify(openfire.pluginManager, never()).getPluginDirectory(any());
        }
    }

    @Nested
    class Providers {
        @Test
        void defaultProvidersEverywhere() {
            assertThat(live.providerClassNames()).containsExactly(
                    entry("user", "org.jivesoftware.openfire.user.DefaultUserProvider"),
                    entry("auth", "org.jivesoftware.openfire.auth.DefaultAuthProvider"),
                    entry("group", "org.jivesoftware.openfire.group.DefaultGroupProvider"),
                    entry("vcard", "org.jivesoftware.openfire.vcard.DefaultVCardProvider"),
                    entry("lockout", "org.jivesoftware.openfire.lockout.DefaultLockOutProvider"),
                    entry("admin", "org.jivesoftware.openfire.admin.DefaultAdminProvider"));
        }

        @Test
        void anLdapDirectory() {
            openfire.userProvider(mock(LdapUserProvider.class)).authProvider(mock(HybridAuthProvider.class))
                    .groupProvider(mock(LdapGroupProvider.class)).vcardProvider(mock(LdapVCardProvider.class));

            assertThat(live.providerClassNames()).contains(entry("user", LdapUserProvider.class.getName()),
                    entry("auth", HybridAuthProvider.class.getName()), entry("group", LdapGroupProvider.class.getName()),
                    entry("vcard", LdapVCardProvider.class.getName()));
            assertThat(LdapAuthProvider.class.getName()).startsWith("org.jivesoftware.openfire.ldap.");
        }

        @Test
        void theLockOutProviderIsReadWithoutStartingOpenfiresLockOutManager() {
            // Starting LockOutManager creates Openfire's "Locked Out Accounts" cache: not a report's business.
            try (MockedStatic<JiveGlobals> properties = mockStatic(JiveGlobals.class)) {
                assertThat(live.providerClassNames())
                        .containsEntry("lockout", "org.jivesoftware.openfire.lockout.DefaultLockOutProvider");

                properties.when(() -> JiveGlobals.getProperty("provider.lockout.className"))
                        .thenReturn("com.zebracorp.internal.ZebracorpLockOutProvider");
                assertThat(live.providerClassNames())
                        .containsEntry("lockout", "com.zebracorp.internal.ZebracorpLockOutProvider");
            }
            openfire.lockoutStatics.verifyNoInteractions();
        }

        @Test
        void aManagerWithoutProviderYetIsEmptyNotAFailure() {
            openfire.adminProvider(null);

            assertThat(live.providerClassNames()).doesNotContainKey("admin").containsKey("user");
        }
    }

    @Nested
    class Listeners {
        @Test
        void eachListenerWithItsTlsPolicyByName() {
            openfire.listener(ConnectionType.SOCKET_C2S, false, true, Connection.TLSPolicy.required);
            openfire.listener(ConnectionType.SOCKET_S2S, false, true, Connection.TLSPolicy.disabled);
            openfire.listener(ConnectionType.SOCKET_S2S, true, false, Connection.TLSPolicy.legacyMode);
            openfire.listener(ConnectionType.COMPONENT, false, true, Connection.TLSPolicy.optional);

            // The Direct TLS server listener and the connection manager's are disabled: left out.
            assertThat(live.enabledListeners()).containsExactly(entry("c2s", "required"),
                    entry("c2s_direct_tls", "legacyMode"), entry("s2s", "disabled"), entry("component", "optional"));
        }

        @Test
        void aListenerThisVersionDoesNotHaveIsLeftOut() {
            openfire.noListener(ConnectionType.SOCKET_C2S, true);

            assertThat(live.enabledListeners()).containsOnlyKeys("c2s", "s2s");
        }

        @Test
        void aConnectionManagerThatIsNotOpenfiresImplementationIsReportedAsUnavailable() {
            when(openfire.server.getConnectionManager()).thenReturn(mock(ConnectionManager.class));

            assertThatThrownBy(live::enabledListeners).isInstanceOf(OpenfireUnavailableException.class)
                    .hasMessageContaining("ConnectionManagerImpl.getListener").hasCauseInstanceOf(ClassCastException.class);
        }

        @Test
        void boshAndWebSocketRunningOnBothPorts() {
            assertThat(live.httpBind()).containsExactly("running", "http", "https");
        }

        @Test
        void boshOnHttpsOnly() {
            openfire.httpBind(true, false, true);

            assertThat(live.httpBind()).containsExactly("running", "https");
        }

        @Test
        void boshSwitchedOff() {
            openfire.httpBind(false, false, false);

            assertThat(live.httpBind()).isEmpty();
        }

        @Test
        void theRemovedPortGettersAreNeverCalled() {
            live.httpBind();

            verify(openfire.httpBindManager, never()).getHttpBindUnsecurePort();
            verify(openfire.httpBindManager, never()).getHttpBindSecurePort();
        }
    }

    @Nested
    class Services {
        @Test
        void mucAndPubSubOnByDefault() {
            assertThat(live.enabledServices()).containsExactly("muc", "pubsub");
        }

        @Test
        void everythingOn() {
            when(openfire.proxy65.isProxyEnabled()).thenReturn(true);
            when(openfire.mediaProxy.isEnabled()).thenReturn(true);

            assertThat(live.enabledServices()).containsExactly("muc", "pubsub", "proxy65", "media_proxy");
        }

        @Test
        void aModuleOpenfireDidNotStartCountsAsOff() {
            when(openfire.server.getMediaProxyService()).thenReturn(null);
            when(openfire.server.getMultiUserChatManager()).thenReturn(null);

            assertThat(live.enabledServices()).containsExactly("pubsub");
        }
    }

    /**
     * Openfire tells its property listeners of every change on each node, made through {@code JiveGlobals} (the
     * plugin's page), on the System Properties page or on another node, and calls a {@code SystemProperty}'s own
     * listeners from that same event.
     */
    @Nested
    class PropertyChanges {
        @Test
        void aChangeOfOneOfThePluginsPropertiesIsAppliedAtOnceAndOnlyWhileListening() {
            AtomicInteger changes = new AtomicInteger();
            try (OpenfireServer.Registration listening = live.onPropertyChange("systemmetrics.",
                    changes::incrementAndGet)) {
                openfireTells("systemmetrics.periodic_report", EventType.property_set);
                openfireTells("systemmetrics.report", EventType.property_deleted);
                openfireTells("xmpp.domain", EventType.property_set);
                openfireTells("systemmetrics.report", EventType.xml_property_set);
                assertThat(changes).hasValue(2);
            }
            openfireTells("systemmetrics.report", EventType.property_set);
            assertThat(changes).hasValue(2);
        }

        private void openfireTells(String property, EventType change) {
            PropertyEventDispatcher.dispatchEvent(property, change, Map.of());
        }
    }

    @Nested
    class Failures {
        @Test
        void aCallThatThrowsNamesTheCall() {
            openfire.databaseStatics.when(DbConnectionManager::getDatabaseType)
                    .thenThrow(new IllegalStateException("no connection provider"));

            assertThatThrownBy(live::databaseTypeName).isInstanceOf(OpenfireUnavailableException.class)
                    .hasMessageContaining("DbConnectionManager.getDatabaseType()")
                    .hasMessageContaining("no connection provider");
        }

        @Test
        void aMethodMissingFromThisOpenfireBecomesOpenfireUnavailable() {
            openfire.userStatics.when(UserManager::getUserProvider).thenThrow(new NoSuchMethodError(
                    "'org.jivesoftware.openfire.user.UserProvider org.jivesoftware.openfire.user.UserManager.getUserProvider()'"));

            assertThatThrownBy(live::providerClassNames)
                    .isInstanceOf(OpenfireUnavailableException.class)
                    .hasMessageContaining("UserManager.getUserProvider()")
                    .hasCauseInstanceOf(NoSuchMethodError.class);
        }

        @Test
        void aMissingListenerMethodFailsTheListenerCallOnly() {
            when(openfire.connectionManager.getListener(any(), anyBoolean()))
                    .thenThrow(new NoSuchMethodError("ConnectionManagerImpl.getListener"));

            assertThatThrownBy(live::enabledListeners).isInstanceOf(OpenfireUnavailableException.class);
            assertThat(live.httpBind()).contains("running");
        }
    }
}
