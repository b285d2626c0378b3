package org.systemmetrics.openfire.seam;

import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jivesoftware.database.DbConnectionManager;
import org.jivesoftware.openfire.Connection;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.admin.AdminManager;
import org.jivesoftware.openfire.auth.AuthFactory;
import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.openfire.cluster.ClusterNodeInfo;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.openfire.container.PluginMetadata;
import org.jivesoftware.openfire.group.GroupManager;
import org.jivesoftware.openfire.http.HttpBindManager;
import org.jivesoftware.openfire.interceptor.InterceptorManager;
import org.jivesoftware.openfire.interceptor.PacketInterceptor;
import org.jivesoftware.openfire.muc.MultiUserChatService;
import org.jivesoftware.openfire.spi.ConnectionListener;
import org.jivesoftware.openfire.spi.ConnectionManagerImpl;
import org.jivesoftware.openfire.spi.ConnectionType;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.openfire.vcard.VCardManager;
import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.PropertyEventDispatcher;
import org.jivesoftware.util.PropertyEventListener;
import org.jivesoftware.util.Version;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.core.cluster.SharedStore;
import org.systemmetrics.core.text.Texts;
import org.systemmetrics.openfire.seam.OpenfireServer.StanzaSink.StanzaType;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Presence;

/**
 * {@link OpenfireServer} backed by the real Openfire: compiled against the 4.2.0 API, calling only what exists
 * unchanged in 4.8 to 5.1 (see docs/openfire-compatibility.md), every call through {@link #call}.
 */
public final class LiveOpenfireServer implements OpenfireServer {
    private static final String LOCKOUT_PROVIDER_PROPERTY = "provider.lockout.className";
    private static final String DEFAULT_LOCKOUT_PROVIDER = "org.jivesoftware.openfire.lockout.DefaultLockOutProvider";
    private static final Texts TEXTS = Texts.of(LiveOpenfireServer.class);
    private final File pluginDirectory;
    private final PropertyTableStore propertyTable = new PropertyTableStore(DbConnectionManager::getConnection,
            this);

    public LiveOpenfireServer(File pluginDirectory) {
        this.pluginDirectory = pluginDirectory;
    }

    @Override
    public String openfireVersion() {
        return call("XMPPServer.getServerInfo().getVersion()",
                () -> XMPPServer.getInstance().getServerInfo().getVersion().getVersionString());
    }

    @Override
    public int clusterNodeCount() {
        return call("ClusterManager.getNodesInfo()",
                () -> ClusterManager.isClusteringStarted() ? Math.max(1, ClusterManager.getNodesInfo().size()) : 1);
    }

    @Override
    public NodeRole nodeRole() {
        return call("ClusterManager.isClusteringEnabled()/isClusteringStarted()/isSeniorClusterMember()", () -> {
            if (!ClusterManager.isClusteringEnabled()) {
                return NodeRole.ALONE;
            }
            if (!ClusterManager.isClusteringStarted()) {
                return NodeRole.JOINING;
            }
            return ClusterManager.isSeniorClusterMember() ? NodeRole.SENIOR : NodeRole.MEMBER;
        });
    }

    @Override
    public Optional<String> seniorMemberHostName() {
        return call("ClusterManager.getNodesInfo()", () -> !ClusterManager.isClusteringStarted() ? Optional.empty()
                : ClusterManager.getNodesInfo().stream().filter(ClusterNodeInfo::isSeniorMember).findFirst()
                        .map(ClusterNodeInfo::getHostName));
    }

    @Override
    public Instant lastStarted() {
        return call("XMPPServerInfo.getLastStarted()",
                () -> XMPPServer.getInstance().getServerInfo().getLastStarted().toInstant());
    }

    @Override
    public int componentSessionCount() {
        // size() of the session collection: the report never walks sessions, however many there are.
        return call("SessionManager.getComponentSessions()",
                () -> XMPPServer.getInstance().getSessionManager().getComponentSessions().size());
    }

    @Override
    public String databaseTypeName() {
        // name(), not the constants: 5.x has constants 4.2.0 does not, and a 4.2.0 constant may disappear.
        return call("DbConnectionManager.getDatabaseType()", () -> DbConnectionManager.getDatabaseType().name());
    }

    /**
     * {@code getPlugin(String)} is gone in 5.0 and the per-plugin String getters in 4.9. Openfire holds a plugin's
     * metadata from before it loads until it unloads, so only a plugin unloaded during this walk has none.
     */
    @Override
    public Map<String, String> installedPlugins() {
        return call("PluginManager.getPlugins()", () -> {
            PluginManager manager = XMPPServer.getInstance().getPluginManager();
            Map<String, String> plugins = new LinkedHashMap<>();
            for (Plugin plugin : manager.getPlugins()) {
                String name = manager.getCanonicalName(plugin);
                if (name != null) {
                    PluginMetadata metadata = manager.getMetadata(name);
                    Version version = metadata == null ? null : metadata.getVersion();
                    plugins.put(name, version == null ? "" : version.getVersionString());
                }
            }
            return Collections.unmodifiableMap(plugins);
        });
    }

    /**
     * The managers' getters, since the {@code provider.*.className} defaults are 4.4+'s {@code SystemProperty}s. The
     * lock-out provider's property is read as its manager reads it: building {@code LockOutManager} creates its cache.
     * The deprecated {@code getAuthProvider()} is unchanged from 4.2.0 to 5.1, and the only way to know.
     */
    @Override
    @SuppressWarnings("deprecation")
    public Map<String, String> providerClassNames() {
        Map<String, String> names = new LinkedHashMap<>();
        providerClass(names, "user", "UserManager.getUserProvider()", UserManager::getUserProvider);
        providerClass(names, "auth", "AuthFactory.getAuthProvider()", AuthFactory::getAuthProvider);
        providerClass(names, "group", "GroupManager.getProvider()", () -> GroupManager.getInstance().getProvider());
        providerClass(names, "vcard", "VCardManager.getProvider()", VCardManager::getProvider);
        names.put("lockout", call("JiveGlobals.getProperty(" + LOCKOUT_PROVIDER_PROPERTY + ")", () -> {
            String configured = JiveGlobals.getProperty(LOCKOUT_PROVIDER_PROPERTY);
            return configured == null || configured.isBlank() ? DEFAULT_LOCKOUT_PROVIDER : configured.trim();
        }));
        providerClass(names, "admin", "AdminManager.getAdminProvider()", AdminManager::getAdminProvider);
        return Collections.unmodifiableMap(names);
    }

    private static void providerClass(Map<String, String> names, String kind, String what, Supplier<Object> provider) {
        // A manager that has no provider yet (still starting) is "not present", not a failure.
        call(what, () -> Optional.ofNullable(provider.get())).ifPresent(p -> names.put(kind, p.getClass().getName()));
    }

    /** The interface's getters of 4.2.0 fail on 4.8+; the implementation's {@code getListener} does not. */
    @Override
    public Map<String, String> enabledListeners() {
        return call("ConnectionManagerImpl.getListener(ConnectionType, boolean)", () -> {
            ConnectionManagerImpl manager = (ConnectionManagerImpl) XMPPServer.getInstance().getConnectionManager();
            // Named here, not in a static field: a constant missing from some version then fails this call only.
            ConnectionType[] types = {ConnectionType.SOCKET_C2S, ConnectionType.SOCKET_S2S, ConnectionType.COMPONENT,
                ConnectionType.CONNECTION_MANAGER};
            String[] names = {"c2s", "s2s", "component", "connection_manager"};
            Map<String, String> enabled = new LinkedHashMap<>();
            for (int i = 0; i < types.length; i++) {
                for (boolean directTls : new boolean[] {false, true}) {
                    ConnectionListener listener = manager.getListener(types[i], directTls);
                    if (listener != null && listener.isEnabled()) {
                        Connection.TLSPolicy policy = listener.getTLSPolicy();
                        enabled.put(names[i] + (directTls ? "_direct_tls" : ""), policy == null ? "" : policy.name());
                    }
                }
            }
            return Collections.unmodifiableMap(enabled);
        });
    }

    /** Only the three {@code is…} methods: the port getters were removed before 4.8. */
    @Override
    public Set<String> httpBind() {
        return call("HttpBindManager.isHttpBindEnabled()", () -> {
            HttpBindManager manager = HttpBindManager.getInstance();
            Set<String> state = new LinkedHashSet<>();
            if (manager != null && manager.isHttpBindEnabled()) {
                state.add("running");
                if (manager.isHttpBindActive()) {
                    state.add("http");
                }
                if (manager.isHttpsBindActive()) {
                    state.add("https");
                }
            }
            return Collections.unmodifiableSet(state);
        });
    }

    /** Enable flags only (the MUC count getters changed type); a module Openfire did not start is off. */
    @Override
    public Set<String> enabledServices() {
        Set<String> enabled = new LinkedHashSet<>();
        // One entry per MUC service (conference.*, usually one or two), never per room or occupant.
        addIf(enabled, "muc", "MultiUserChatService.isServiceEnabled()",
                () -> on(XMPPServer.getInstance().getMultiUserChatManager(),
                        m -> m.getMultiUserChatServices().stream().anyMatch(MultiUserChatService::isServiceEnabled)));
        addIf(enabled, "pubsub", "PubSubModule.isServiceEnabled()",
                () -> on(XMPPServer.getInstance().getPubSubModule(), m -> m.isServiceEnabled()));
        addIf(enabled, "proxy65", "FileTransferProxy.isProxyEnabled()",
                () -> on(XMPPServer.getInstance().getFileTransferProxy(), p -> p.isProxyEnabled()));
        addIf(enabled, "media_proxy", "MediaProxyService.isEnabled()",
                () -> on(XMPPServer.getInstance().getMediaProxyService(), p -> p.isEnabled()));
        return Collections.unmodifiableSet(enabled);
    }

    private static void addIf(Set<String> names, String name, String what, Supplier<Boolean> enabled) {
        if (call(what, enabled)) {
            names.add(name);
        }
    }

    /** Called inside the guard, so that even linking the test's lambda cannot escape it. */
    private static <T> boolean on(T module, Predicate<T> enabled) {
        return module != null && enabled.test(module);
    }

    @Override
    public Registration addPacketInterceptor(StanzaSink sink) {
        PacketInterceptor interceptor = interceptor(sink);
        run("InterceptorManager.addInterceptor", () -> InterceptorManager.getInstance().addInterceptor(interceptor));
        return () -> run("InterceptorManager.removeInterceptor",
                () -> InterceptorManager.getInstance().removeInterceptor(interceptor));
    }

    /** Openfire calls an interceptor before and after processing: only the first counts. The session may be null. */
    static PacketInterceptor interceptor(StanzaSink sink) {
        return (packet, session, incoming, processed) -> {
            if (processed) {
                return;
            }
            try {
                if (packet instanceof Message) {
                    sink.stanza(StanzaType.MESSAGE, incoming);
                } else if (packet instanceof IQ) {
                    sink.stanza(StanzaType.IQ, incoming);
                } else if (packet instanceof Presence) {
                    sink.stanza(StanzaType.PRESENCE, incoming);
                }
            } catch (RuntimeException | LinkageError e) {
                // Counting is never worth disturbing message delivery: such a stanza is only missing from the counts.
            }
        };
    }

    @Override
    public Path logsDirectory() {
        return homeFolder("logs");
    }

    @Override
    public Path confDirectory() {
        return homeFolder("conf");
    }

    /**
     * From {@code <home>/plugins/<name>}, unlike JiveGlobals' home getters the same on every version. Not normalized:
     * Openfire does not normalize its home either (it may be {@code bin/..}, through a symbolic link), so
     * {@code logs} is exactly the folder 4.8 to 5.1's {@code Log.getLogDirectory()} names.
     */
    private Path homeFolder(String name) {
        return pluginDirectory.toPath().toAbsolutePath().getParent().getParent().resolve(name);
    }

    @Override
    public SharedStore sharedStore() {
        return propertyTable;
    }

    @Override
    public Optional<String> property(String name) {
        return call("JiveGlobals.getProperty", () -> Optional.ofNullable(JiveGlobals.getProperty(name)));
    }

    @Override
    public void setProperty(String name, String value, boolean encrypt) {
        run("JiveGlobals.setProperty", () -> JiveGlobals.setProperty(name, value, encrypt));
    }

    @Override
    public void deleteProperty(String name) {
        run("JiveGlobals.deleteProperty", () -> JiveGlobals.deleteProperty(name));
    }

    @Override
    public Registration onPropertyChange(String prefix, Runnable listener) {
        PropertyEventListener adapter = new PropertyEventListener() {
            @Override
            public void propertySet(String property, Map<String, Object> params) {
                if (property != null && property.startsWith(prefix)) {
                    listener.run();
                }
            }

            @Override
            public void propertyDeleted(String property, Map<String, Object> params) {
                propertySet(property, params);
            }

            // Our settings are database properties only: XML property events are ignored.
            @Override
            public void xmlPropertySet(String property, Map<String, Object> params) {
            }

            @Override
            public void xmlPropertyDeleted(String property, Map<String, Object> params) {
            }
        };
        run("PropertyEventDispatcher.addListener", () -> PropertyEventDispatcher.addListener(adapter));
        return () -> run("PropertyEventDispatcher.removeListener",
                () -> PropertyEventDispatcher.removeListener(adapter));
    }

    /** The one guard: a {@link LinkageError} (not in this version), a runtime failure or a null names the call. */
    private static <T> T call(String what, Supplier<T> call) {
        T value;
        try {
            value = call.get();
        } catch (LinkageError | RuntimeException e) {
            throw new OpenfireUnavailableException(what, e);
        }
        if (value == null) {
            throw new OpenfireUnavailableException(what, new NullPointerException(TEXTS.get("openfire.returned_null")));
        }
        return value;
    }

    private static void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return Boolean.TRUE;
        });
    }
}
