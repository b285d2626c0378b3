package org.systemmetrics.openfire.seam;

import static org.systemmetrics.openfire.seam.OpenfireCall.call;
import static org.systemmetrics.openfire.seam.OpenfireCall.run;

import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jivesoftware.database.DbConnectionManager;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.openfire.cluster.ClusterNodeInfo;
import org.jivesoftware.openfire.interceptor.InterceptorManager;
import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.Log;
import org.jivesoftware.util.PropertyEventDispatcher;
import org.jivesoftware.util.PropertyEventListener;
import org.systemmetrics.core.cluster.NodeRole;

/**
 * {@link OpenfireServer} backed by the real Openfire. Compiled against the 4.2.0 API but calling only what
 * still exists, unchanged, in 4.8 to 5.1 (see docs/openfire-compatibility.md); every call goes through
 * {@link OpenfireCall}, so a {@link LinkageError} becomes an {@link OpenfireUnavailableException} naming the call.
 */
public final class LiveOpenfireServer implements OpenfireServer {
    private final File pluginDirectory;

    /** @param pluginDirectory the plugin's folder, {@code <openfire home>/plugins/systemmetrics} */
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
        return call("ClusterManager.getNodesInfo()", () -> {
            if (!ClusterManager.isClusteringStarted()) {
                return Optional.<String>empty();
            }
            for (ClusterNodeInfo node : ClusterManager.getNodesInfo()) {
                if (node.isSeniorMember()) {
                    return Optional.ofNullable(node.getHostName());
                }
            }
            return Optional.<String>empty();
        });
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

    @Override
    public List<InstalledPlugin> installedPlugins() {
        return PluginReader.installedPlugins();
    }

    @Override
    public Optional<String> providerClassName(ProviderKind kind) {
        return ProviderReader.providerClassName(kind);
    }

    @Override
    public List<ListenerState> socketListeners() {
        return ListenerReader.socketListeners();
    }

    @Override
    public HttpBindState httpBind() {
        return ListenerReader.httpBind();
    }

    @Override
    public Set<BuiltInService> enabledBuiltInServices() {
        return ServiceReader.enabledBuiltInServices();
    }

    @Override
    public Registration addPacketInterceptor(StanzaSink sink) {
        StanzaInterceptor interceptor = new StanzaInterceptor(sink);
        run("InterceptorManager.addInterceptor", () -> InterceptorManager.getInstance().addInterceptor(interceptor));
        return () -> run("InterceptorManager.removeInterceptor",
                () -> InterceptorManager.getInstance().removeInterceptor(interceptor));
    }

    @Override
    public Path logsDirectory() {
        // Log.getLogDirectory() is the same in 4.2.0 and 4.8-5.1, unlike JiveGlobals.getHomeDirectory().
        try {
            return call("Log.getLogDirectory()", () -> Path.of(Log.getLogDirectory()));
        } catch (OpenfireUnavailableException e) {
            return pluginDirectory.toPath().toAbsolutePath().getParent().getParent().resolve("logs");
        }
    }

    @Override
    public Path confDirectory() {
        // <home>/plugins/<name>: stable on every version, unlike JiveGlobals' home directory getters.
        return pluginDirectory.toPath().toAbsolutePath().getParent().getParent().resolve("conf");
    }

    @Override
    public Optional<String> storedProperty(String name) {
        return storedProperties.read(name);
    }

    @Override
    public boolean compareAndSetStoredProperty(String name, Optional<String> expected, String value) {
        return storedProperties.compareAndSet(name, expected, value);
    }

    @Override
    public boolean insertStoredProperty(String name, String value) {
        return storedProperties.insert(name, value);
    }

    @Override
    public Map<String, Optional<String>> storedProperties(String base) {
        return storedProperties.family(base);
    }

    @Override
    public void deleteStoredProperty(String name) {
        storedProperties.delete(name);
    }

    @Override
    public Instant databaseTime() {
        return storedProperties.databaseTime();
    }

    /** Openfire's own connection pool, and its decryption of encrypted properties. */
    private static final StoredPropertyReader.Connections OPENFIRE_POOL = new StoredPropertyReader.Connections() {
        @Override
        public Connection open() throws SQLException {
            return DbConnectionManager.getConnection();
        }

        @Override
        public void close(ResultSet row, Statement statement, Connection connection) {
            try {
                DbConnectionManager.closeConnection(row, statement, connection);
            } catch (RuntimeException | LinkageError e) {
                // Closing is best effort; the pool reclaims what it lent.
            }
        }
    };

    private final StoredPropertyReader storedProperties = new StoredPropertyReader(OPENFIRE_POOL, name -> {
        try {
            return Optional.ofNullable(JiveGlobals.getProperty(name));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty(); // an encrypted value this node cannot decrypt counts as unreadable
        }
    });

    @Override
    public Optional<String> property(String name) {
        return Optional.ofNullable(call("JiveGlobals.getProperty", () -> Optional.ofNullable(JiveGlobals.getProperty(name)))
                .orElse(null));
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

            @Override
            public void xmlPropertySet(String property, Map<String, Object> params) {
                // our settings are database properties only
            }

            @Override
            public void xmlPropertyDeleted(String property, Map<String, Object> params) {
                // our settings are database properties only
            }
        };
        run("PropertyEventDispatcher.addListener", () -> PropertyEventDispatcher.addListener(adapter));
        return () -> run("PropertyEventDispatcher.removeListener", () -> PropertyEventDispatcher.removeListener(adapter));
    }
}
