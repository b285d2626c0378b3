package org.systemmetrics.openfire.probe;

import java.util.List;
import java.util.function.Supplier;
import org.systemmetrics.core.report.Collector;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.openfire.seam.OpenfireServer;

/** The {@code cluster} event: what Openfire this is and how many nodes it runs on. */
public final class ClusterCollector implements Collector {
    private final OpenfireServer server;
    private final String pluginVersion;
    private final Supplier<String> configType;

    public ClusterCollector(OpenfireServer server, String pluginVersion, Supplier<String> configType) {
        this.server = server;
        this.pluginVersion = pluginVersion;
        this.configType = configType;
    }

    @Override
    public String name() {
        return "cluster";
    }

    @Override
    public List<Event> collect() {
        return List.of(Event.named("cluster")
                .param("version", server.openfireVersion())
                .param("plugin_version", pluginVersion)
                .param("node_count", server.clusterNodeCount())
                .param("config_type", configType.get())
                .build());
    }
}
