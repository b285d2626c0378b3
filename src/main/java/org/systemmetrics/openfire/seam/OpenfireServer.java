package org.systemmetrics.openfire.seam;

import java.nio.file.Path;
import java.util.Optional;

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

    /** True on the senior cluster member and on a server that is not clustered. */
    boolean isSeniorMember();

    /** Openfire's logs folder, where {@code system_metrics_report.json} is written. */
    Path logsDirectory();

    /** Openfire's {@code conf} folder, where the administrator's {@code system_metrics.yml} lives. */
    Path confDirectory();

    /** A system property (database-backed, shared by all cluster nodes). */
    Optional<String> property(String name);

    void setProperty(String name, String value, boolean encrypt);

    void deleteProperty(String name);

    /**
     * Calls {@code listener} whenever a system property whose name starts with {@code prefix} is set or
     * deleted, on any node.
     *
     * @return undoes the registration; must be called when the plugin unloads
     */
    Registration onPropertyChange(String prefix, Runnable listener);

    /** Something registered with Openfire that must be removed again when the plugin unloads. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
