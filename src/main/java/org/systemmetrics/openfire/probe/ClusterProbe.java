package org.systemmetrics.openfire.probe;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.openfire.seam.OpenfireServer;

/**
 * The {@code cluster} event (what Openfire this is and on what it runs, the same on every node) and the
 * {@code node} event (how long the node that built the report has run). Always sent while reporting is on.
 */
public final class ClusterProbe extends Probe {
    /**
     * Openfire's database types to the report's closed set of values: the types Openfire 5 added fold into the
     * family they are wire-compatible with (MariaDB into {@code mysql}, CockroachDB into {@code postgresql});
     * Firebird, InterBase and whatever a later Openfire adds are {@code unknown}.
     */
    private static final Map<String, String> DATABASE_FAMILIES = Map.of(
            "hsqldb", "hsqldb",
            "mysql", "mysql",
            "mariadb", "mysql",
            "postgresql", "postgresql",
            "cockroachdb", "postgresql",
            "oracle", "oracle",
            "sqlserver", "sqlserver",
            "db2", "db2");

    private final String pluginVersion;
    private final Clock clock;

    public ClusterProbe(OpenfireServer server, String pluginVersion, Clock clock) {
        super(server, "cluster", null, "node");
        this.pluginVersion = pluginVersion;
        this.clock = clock;
    }

    @Override
    public List<Event> collect(ReportContext context) {
        long uptimeSeconds = Math.max(0, Duration.between(server.lastStarted(), clock.instant()).getSeconds());
        return List.of(Event.named("cluster")
                .param("version", server.openfireVersion())
                .param("plugin_version", pluginVersion)
                .param("node_count", server.clusterNodeCount())
                .param("component_count", server.componentSessionCount())
                .param("config_type", context.configType())
                .param("database", DATABASE_FAMILIES.getOrDefault(server.databaseTypeName(), "unknown"))
                .build(),
                Event.named("node").param("uptime_s", uptimeSeconds).build());
    }
}
