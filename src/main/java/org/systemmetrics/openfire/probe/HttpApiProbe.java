package org.systemmetrics.openfire.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.systemmetrics.core.report.Collector;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.openfire.seam.HttpBindState;
import org.systemmetrics.openfire.seam.InstalledPlugin;
import org.systemmetrics.openfire.seam.OpenfireServer;

/**
 * One {@code http_api} event per HTTP API that answers requests now. A REST plugin only counts when it is
 * both installed and switched on: both plugins install switched off ({@code plugin.*.enabled} defaults to
 * false in their source).
 */
final class HttpApiProbe implements Collector {
    private static final List<PluginApi> PLUGIN_APIS = List.of(
            new PluginApi("rest_api", "restapi", "plugin.restapi.enabled"),
            new PluginApi("user_service", "userservice", "plugin.userservice.enabled"));

    private final OpenfireServer server;

    HttpApiProbe(OpenfireServer server) {
        this.server = server;
    }

    @Override
    public Optional<ReportCategory> category() {
        return Optional.of(ReportCategory.APIS);
    }

    @Override
    public String name() {
        return "http_apis";
    }

    @Override
    public List<Event> collect(ReportContext context) {
        Set<String> installed = server.installedPlugins().stream()
                .map(InstalledPlugin::canonicalName).collect(Collectors.toSet());
        List<Event> events = new ArrayList<>();
        for (PluginApi api : PLUGIN_APIS) {
            if (installed.contains(api.plugin)
                    && server.property(api.enabledProperty).map(Boolean::parseBoolean).orElse(false)) {
                events.add(event(api.name));
            }
        }
        HttpBindState httpBind = server.httpBind();
        if (httpBind.running()) {
            events.add(event("bosh"));
            events.add(event("websocket"));
        }
        return events;
    }

    private static Event event(String api) {
        return Event.named("http_api").param("api", api).build();
    }

    private static final class PluginApi {
        final String name;
        final String plugin;
        final String enabledProperty;

        PluginApi(String name, String plugin, String enabledProperty) {
            this.name = name;
            this.plugin = plugin;
            this.enabledProperty = enabledProperty;
        }
    }
}
