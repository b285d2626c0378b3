package org.systemmetrics.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.jivesoftware.database.DbConnectionManager;
import org.jivesoftware.openfire.Connection;
import org.jivesoftware.openfire.SessionManager;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.XMPPServerInfo;
import org.jivesoftware.openfire.admin.AdminManager;
import org.jivesoftware.openfire.admin.AdminProvider;
import org.jivesoftware.openfire.auth.AuthFactory;
import org.jivesoftware.openfire.auth.AuthProvider;
import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.openfire.cluster.ClusterNodeInfo;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.openfire.container.PluginMetadata;
import org.jivesoftware.openfire.filetransfer.proxy.FileTransferProxy;
import org.jivesoftware.openfire.group.GroupManager;
import org.jivesoftware.openfire.group.GroupProvider;
import org.jivesoftware.openfire.http.HttpBindManager;
import org.jivesoftware.openfire.interceptor.InterceptorManager;
import org.jivesoftware.openfire.lockout.LockOutManager;
import org.jivesoftware.openfire.lockout.LockOutProvider;
import org.jivesoftware.openfire.mediaproxy.MediaProxyService;
import org.jivesoftware.openfire.muc.MultiUserChatManager;
import org.jivesoftware.openfire.muc.MultiUserChatService;
import org.jivesoftware.openfire.pubsub.PubSubModule;
import org.jivesoftware.openfire.session.ComponentSession;
import org.jivesoftware.openfire.spi.ConnectionListener;
import org.jivesoftware.openfire.spi.ConnectionManagerImpl;
import org.jivesoftware.openfire.spi.ConnectionType;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.openfire.user.UserProvider;
import org.jivesoftware.openfire.vcard.VCardManager;
import org.jivesoftware.openfire.vcard.VCardProvider;
import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.Version;
import org.mockito.Answers;
import org.mockito.MockedStatic;

/**
 * A running Openfire as its own tests build one: every singleton and static manager the live seam touches is
 * a Mockito mock, stubbed to a plausible default state (a lone 5.1.1 node with default providers, the
 * default listeners, BOSH on, MUC and PubSub on). Static mocks are thread-local: create, use and close this
 * on the test thread.
 */
public final class MockedOpenfire implements AutoCloseable {
    public final XMPPServer server = mock(XMPPServer.class);
    public final XMPPServerInfo info = mock(XMPPServerInfo.class);
    public final PluginManager pluginManager = mock(PluginManager.class);
    public final SessionManager sessionManager = mock(SessionManager.class);
    public final ConnectionManagerImpl connectionManager = mock(ConnectionManagerImpl.class);
    public final HttpBindManager httpBindManager;
    public final InterceptorManager interceptorManager = mock(InterceptorManager.class);
    public final GroupManager groupManager = mock(GroupManager.class);
    public final MultiUserChatManager mucManager = mock(MultiUserChatManager.class);
    public final PubSubModule pubSub = mock(PubSubModule.class);
    public final FileTransferProxy proxy65 = mock(FileTransferProxy.class);
    public final MediaProxyService mediaProxy = mock(MediaProxyService.class);

    public final MockedStatic<XMPPServer> xmppServerStatics;
    public final MockedStatic<ClusterManager> clusterStatics;
    public final MockedStatic<DbConnectionManager> databaseStatics;
    public final MockedStatic<UserManager> userStatics;
    public final MockedStatic<AuthFactory> authStatics;
    public final MockedStatic<GroupManager> groupStatics;
    public final MockedStatic<VCardManager> vcardStatics;
    public final MockedStatic<LockOutManager> lockoutStatics;
    public final MockedStatic<AdminManager> adminStatics;
    public final MockedStatic<HttpBindManager> httpBindStatics;
    public final MockedStatic<InterceptorManager> interceptorStatics;

    private final List<Plugin> plugins = new ArrayList<>();

    public MockedOpenfire() {
        initialiseHttpBindManagerClass();
        httpBindManager = mock(HttpBindManager.class);
        xmppServerStatics = mockStatic(XMPPServer.class);
        clusterStatics = mockStatic(ClusterManager.class);
        databaseStatics = mockStatic(DbConnectionManager.class);
        userStatics = mockStatic(UserManager.class);
        authStatics = mockStatic(AuthFactory.class);
        groupStatics = mockStatic(GroupManager.class);
        vcardStatics = mockStatic(VCardManager.class);
        lockoutStatics = mockStatic(LockOutManager.class);
        adminStatics = mockStatic(AdminManager.class);
        httpBindStatics = mockStatic(HttpBindManager.class);
        interceptorStatics = mockStatic(InterceptorManager.class);

        xmppServerStatics.when(XMPPServer::getInstance).thenReturn(server);
        when(server.getServerInfo()).thenReturn(info);
        when(info.getVersion()).thenReturn(new Version("5.1.1"));
        when(info.getLastStarted()).thenReturn(new Date(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli()));
        when(server.getPluginManager()).thenReturn(pluginManager);
        when(pluginManager.getPlugins()).thenReturn(plugins);
        when(server.getSessionManager()).thenReturn(sessionManager);
        when(sessionManager.getComponentSessions()).thenReturn(List.of());
        doReturn(connectionManager).when(server).getConnectionManager();
        when(server.getMultiUserChatManager()).thenReturn(mucManager);
        when(server.getPubSubModule()).thenReturn(pubSub);
        when(server.getFileTransferProxy()).thenReturn(proxy65);
        when(server.getMediaProxyService()).thenReturn(mediaProxy);
        httpBindStatics.when(HttpBindManager::getInstance).thenReturn(httpBindManager);
        interceptorStatics.when(InterceptorManager::getInstance).thenReturn(interceptorManager);
        groupStatics.when(GroupManager::getInstance).thenReturn(groupManager);

        loneNode();
        databaseStatics.when(DbConnectionManager::getDatabaseType).thenReturn(DbConnectionManager.DatabaseType.hsqldb);
        userProvider(mock(org.jivesoftware.openfire.user.DefaultUserProvider.class));
        authProvider(mock(org.jivesoftware.openfire.auth.DefaultAuthProvider.class));
        groupProvider(mock(org.jivesoftware.openfire.group.DefaultGroupProvider.class));
        vcardProvider(mock(org.jivesoftware.openfire.vcard.DefaultVCardProvider.class));
        lockoutProvider(mock(org.jivesoftware.openfire.lockout.DefaultLockOutProvider.class));
        adminProvider(mock(org.jivesoftware.openfire.admin.DefaultAdminProvider.class));
        when(connectionManager.getListener(any(), anyBoolean())).thenReturn(null);
        listener(ConnectionType.SOCKET_C2S, false, true, Connection.TLSPolicy.optional);
        listener(ConnectionType.SOCKET_C2S, true, true, Connection.TLSPolicy.legacyMode);
        listener(ConnectionType.SOCKET_S2S, false, true, Connection.TLSPolicy.optional);
        listener(ConnectionType.COMPONENT, false, false, Connection.TLSPolicy.optional);
        listener(ConnectionType.CONNECTION_MANAGER, false, false, Connection.TLSPolicy.optional);
        httpBind(true, true, true);
        MultiUserChatService conference = mock(MultiUserChatService.class);
        when(conference.isServiceEnabled()).thenReturn(true);
        when(mucManager.getMultiUserChatServices()).thenReturn(List.of(conference));
        when(pubSub.isServiceEnabled()).thenReturn(true);
    }

    public MockedOpenfire loneNode() {
        clusterStatics.when(ClusterManager::isClusteringEnabled).thenReturn(false);
        clusterStatics.when(ClusterManager::isClusteringStarted).thenReturn(false);
        clusterStatics.when(ClusterManager::getNodesInfo).thenReturn(List.of());
        clusterStatics.when(ClusterManager::isSeniorClusterMember).thenReturn(true);
        return this;
    }

    public MockedOpenfire cluster(int nodes, boolean senior) {
        List<ClusterNodeInfo> infos = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            ClusterNodeInfo node = mock(ClusterNodeInfo.class);
            when(node.getHostName()).thenReturn("node" + i + ".cluster.internal");
            when(node.isSeniorMember()).thenReturn(i == 0);
            infos.add(node);
        }
        clusterStatics.when(ClusterManager::isClusteringEnabled).thenReturn(true);
        clusterStatics.when(ClusterManager::isClusteringStarted).thenReturn(true);
        clusterStatics.when(ClusterManager::getNodesInfo).thenReturn(infos);
        clusterStatics.when(ClusterManager::isSeniorClusterMember).thenReturn(senior);
        return this;
    }

    /** Clustering is switched on in openfire.xml, but this node has not joined or formed the cluster yet. */
    public MockedOpenfire joiningCluster() {
        clusterStatics.when(ClusterManager::isClusteringEnabled).thenReturn(true);
        clusterStatics.when(ClusterManager::isClusteringStarted).thenReturn(false);
        clusterStatics.when(ClusterManager::getNodesInfo).thenReturn(List.of());
        return this;
    }

    public MockedOpenfire plugin(String canonicalName, String version) {
        Plugin plugin = mock(Plugin.class);
        PluginMetadata metadata = mock(PluginMetadata.class);
        when(metadata.getVersion()).thenReturn(version == null ? null : new Version(version));
        when(pluginManager.getCanonicalName(plugin)).thenReturn(canonicalName);
        when(pluginManager.getMetadata(canonicalName)).thenReturn(metadata);
        plugins.add(plugin);
        return this;
    }

    /** A component session count, without creating that many sessions: only size() may be asked. */
    @SuppressWarnings("unchecked")
    public Collection<ComponentSession> components(int count) {
        Collection<ComponentSession> sessions = mock(Collection.class);
        when(sessions.size()).thenReturn(count);
        when(sessionManager.getComponentSessions()).thenReturn(sessions);
        return sessions;
    }

    public MockedOpenfire userProvider(UserProvider provider) {
        userStatics.when(UserManager::getUserProvider).thenReturn(provider);
        return this;
    }

    @SuppressWarnings("deprecation")
    public MockedOpenfire authProvider(AuthProvider provider) {
        authStatics.when(AuthFactory::getAuthProvider).thenReturn(provider);
        return this;
    }

    public MockedOpenfire groupProvider(GroupProvider provider) {
        when(groupManager.getProvider()).thenReturn(provider);
        return this;
    }

    public MockedOpenfire vcardProvider(VCardProvider provider) {
        vcardStatics.when(VCardManager::getProvider).thenReturn(provider);
        return this;
    }

    public MockedOpenfire lockoutProvider(LockOutProvider provider) {
        lockoutStatics.when(LockOutManager::getLockOutProvider).thenReturn(provider);
        return this;
    }

    public MockedOpenfire adminProvider(AdminProvider provider) {
        adminStatics.when(AdminManager::getAdminProvider).thenReturn(provider);
        return this;
    }

    public ConnectionListener listener(ConnectionType type, boolean directTls, boolean enabled,
            Connection.TLSPolicy policy) {
        ConnectionListener listener = mock(ConnectionListener.class);
        when(listener.isEnabled()).thenReturn(enabled);
        when(listener.getTLSPolicy()).thenReturn(policy);
        when(listener.getType()).thenReturn(type);
        when(listener.getPort()).thenReturn(5222);
        when(connectionManager.getListener(type, directTls)).thenReturn(listener);
        return listener;
    }

    public MockedOpenfire noListener(ConnectionType type, boolean directTls) {
        when(connectionManager.getListener(type, directTls)).thenReturn(null);
        return this;
    }

    public MockedOpenfire httpBind(boolean running, boolean plain, boolean secure) {
        when(httpBindManager.isHttpBindEnabled()).thenReturn(running);
        when(httpBindManager.isHttpBindActive()).thenReturn(plain);
        when(httpBindManager.isHttpsBindActive()).thenReturn(secure);
        return this;
    }

    @Override
    public void close() {
        for (MockedStatic<?> statics : List.of(xmppServerStatics, clusterStatics, databaseStatics, userStatics,
                authStatics, groupStatics, vcardStatics, lockoutStatics, adminStatics, httpBindStatics,
                interceptorStatics)) {
            statics.close();
        }
    }

    /**
     * Mocking needs {@code HttpBindManager} initialised, and 4.2.0's static initialiser builds the whole BOSH
     * web server (handlers only, nothing is bound or started). It is given just enough of a server to do that
     * once per JVM; property lookups answer with their defaults.
     */
    @SuppressWarnings("try")
    private static synchronized void initialiseHttpBindManagerClass() {
        XMPPServer bootServer = mock(XMPPServer.class);
        doReturn(mock(ConnectionManagerImpl.class, RETURNS_DEEP_STUBS)).when(bootServer).getConnectionManager();
        try (MockedStatic<XMPPServer> boot = mockStatic(XMPPServer.class);
                MockedStatic<JiveGlobals> properties = mockStatic(JiveGlobals.class, invocation -> {
                    Object[] args = invocation.getArguments();
                    Class<?> type = invocation.getMethod().getReturnType();
                    if (args.length == 2 && args[1] != null && (type.isPrimitive() || type.isInstance(args[1]))) {
                        return args[1];
                    }
                    return Answers.RETURNS_DEFAULTS.answer(invocation);
                })) {
            boot.when(XMPPServer::getInstance).thenReturn(bootServer);
            Class.forName(HttpBindManager.class.getName(), true, MockedOpenfire.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For tests that want a host address object at hand. */
    public static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
