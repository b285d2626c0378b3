package org.systemmetrics.openfire.seam;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.core.cluster.SharedStore;

/**
 * The running Openfire as the plugin sees it: the one door through which every call into Openfire goes, so
 * that differences between Openfire 4.8 and 5.1 are handled in one place ({@link LiveOpenfireServer}).
 * Methods return plain Java values. A call that Openfire cannot answer (a method missing in this version, a
 * manager not started) throws {@link OpenfireUnavailableException}, naming the call.
 */
public interface OpenfireServer {
    /** Openfire's version string, e.g. {@code 5.1.1}. */
    String openfireVersion();

    /** Nodes in the cluster: 1 for a lone server (Openfire lists no nodes then). */
    int clusterNodeCount();

    /** This node's part in the cluster, read afresh at every call. */
    NodeRole nodeRole();

    /** The host name of the senior cluster member, for the admin page only; empty when not clustered. */
    Optional<String> seniorMemberHostName();

    Instant lastStarted();

    /** External components (XEP-0114) connected now, on any node: a count, never their addresses. */
    int componentSessionCount();

    /**
     * The name of Openfire's {@code DbConnectionManager.DatabaseType} constant, e.g. {@code postgresql}; newer
     * versions add constants (such as {@code mariadb}) that older ones do not have.
     */
    String databaseTypeName();

    /** Every plugin Openfire has loaded (its own {@code admin} plugin and this one too): canonical name to version. */
    Map<String, String> installedPlugins();

    /**
     * The class of the provider each manager uses now, by kind ({@code user}, {@code auth}, {@code group},
     * {@code vcard}, {@code lockout}, {@code admin}), for the managers that have one. The names are for
     * classifying only and must never be reported as they are.
     */
    Map<String, String> providerClassNames();

    /**
     * The enabled socket listeners, by name ({@code c2s}, {@code s2s}, {@code component}, {@code connection_manager},
     * each also with {@code _direct_tls}), to the name of their {@code Connection.TLSPolicy} constant.
     */
    Map<String, String> enabledListeners();

    /**
     * The HTTP-bind web server that serves BOSH and WebSocket: empty when it is off, else {@code running} and
     * {@code http} / {@code https} for each connector that is bound.
     */
    Set<String> httpBind();

    /** Openfire's own services that are switched on: {@code muc}, {@code pubsub}, {@code proxy65}, {@code media_proxy}. */
    Set<String> enabledServices();

    /** Tells {@code sink} about every stanza Openfire routes from now on, incoming and outgoing, once each. */
    Registration addPacketInterceptor(StanzaSink sink);

    /** Openfire's logs folder, where {@code system_metrics_report.json} is written. */
    Path logsDirectory();

    /** Openfire's {@code conf} folder, where the administrator's {@code system_metrics.yml} lives. */
    Path confDirectory();

    /**
     * System properties straight in the database, bypassing this node's property cache (which misses rows other nodes
     * wrote directly, and is not updated by these writes), and the database's clock.
     */
    SharedStore sharedStore();

    /** A system property through this node's cache (database-backed, shared by all cluster nodes). */
    Optional<String> property(String name);

    void setProperty(String name, String value, boolean encrypt);

    void deleteProperty(String name);

    /** Calls {@code listener} whenever a system property named {@code prefix}… is set or deleted, on any node. */
    Registration onPropertyChange(String prefix, Runnable listener);

    /** Something registered with Openfire; closing it, which the plugin must do when it unloads, removes it. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
