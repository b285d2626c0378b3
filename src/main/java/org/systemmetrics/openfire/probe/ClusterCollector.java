package org.systemmetrics.openfire.probe;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.systemmetrics.core.report.Collector;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.openfire.seam.OpenfireServer;

/**
 * The {@code cluster} event (what Openfire this is and on what it runs, the same on every node) and the
 * {@code node} event (how long the node that built the report has run).
 */
public final class ClusterCollector implements Collector {
    private final OpenfireServer server;
    private final String pluginVersion;
    private final Clock clock;

    public ClusterCollector(OpenfireServer server, String pluginVersion, Clock clock) {
        this.server = server;
        this.pluginVersion = pluginVersion;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "cluster";
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
                .param("database", DatabaseFamily.of(server.databaseTypeName()))
                .build(),
                Event.named("node").param("uptime_s", uptimeSeconds).build());
    }
}
