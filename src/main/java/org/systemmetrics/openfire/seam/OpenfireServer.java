package org.systemmetrics.openfire.seam;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.core.cluster.SharedStore;

/**
 * The one door for every call into Openfire, answering in plain Java values. A call Openfire cannot answer (missing
 * in this version, a manager not started) throws {@link OpenfireUnavailableException}, naming the call.
 */
public interface OpenfireServer {
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

    /** The name of the {@code DbConnectionManager.DatabaseType} constant, e.g. {@code postgresql}. */
    String databaseTypeName();

    /** Every plugin Openfire has loaded (its own {@code admin} plugin and this one too): canonical name to version. */
    Map<String, String> installedPlugins();

    /** The provider class by kind ({@code user}, {@code auth}, …): for classifying only, never reported as is. */
    Map<String, String> providerClassNames();

    /** Enabled listeners ({@code c2s}, {@code s2s_direct_tls}, …) to their {@code TLSPolicy} constant's name. */
    Map<String, String> enabledListeners();

    /** The HTTP-bind server of BOSH and WebSocket: empty when off, else {@code running}, {@code http}/{@code https}. */
    Set<String> httpBind();

    /** Openfire's own services switched on: {@code muc}, {@code pubsub}, {@code proxy65}, {@code media_proxy}. */
    Set<String> enabledServices();

    /** Tells {@code sink} about every stanza Openfire routes from now on, incoming and outgoing, once each. */
    Registration addPacketInterceptor(StanzaSink sink);

    Path logsDirectory();

    Path confDirectory();

    /** System properties straight in the database, past this node's property cache, and the database's clock. */
    SharedStore sharedStore();

    /** A system property through this node's cache (database-backed, shared by all cluster nodes). */
    Optional<String> property(String name);

    void setProperty(String name, String value, boolean encrypt);

    void deleteProperty(String name);

    /** Calls {@code listener} whenever a system property named {@code prefix}… is set or deleted, on any node. */
    Registration onPropertyChange(String prefix, Runnable listener);

    /**
     * Told about every stanza Openfire routes, once each, on Openfire's own I/O and processing threads: an
     * implementation must be thread-safe, must not block and must not throw.
     */
    @FunctionalInterface
    interface StanzaSink {
        void stanza(StanzaType type, boolean incoming);

        enum StanzaType {
            MESSAGE,
            IQ,
            PRESENCE
        }
    }

    /** Something registered with Openfire, removed by closing it (as the plugin must when it unloads). */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
