package org.systemmetrics.openfire.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.openfire.seam.OpenfireServer;

/**
 * One {@code http_api} event per HTTP API that answers requests now. A REST plugin only counts when it is
 * both installed and switched on: both plugins install switched off ({@code plugin.*.enabled} defaults to
 * false in their source).
 */
final class HttpApiProbe extends Probe {
    /** Each REST plugin by its canonical name, with its API's name in the report. */
    private static final List<Map.Entry<String, String>> PLUGIN_APIS =
            List.of(Map.entry("restapi", "rest_api"), Map.entry("userservice", "user_service"));

    HttpApiProbe(OpenfireServer server) {
        super(server, "http_apis", ReportCategory.APIS);
    }

    @Override
    public List<Event> collect(ReportContext context) {
        Set<String> installed = server.installedPlugins().keySet();
        List<Event> events = new ArrayList<>();
        for (Map.Entry<String, String> api : PLUGIN_APIS) {
            String plugin = api.getKey();
            if (installed.contains(plugin)
                    && server.property("plugin." + plugin + ".enabled").map(Boolean::parseBoolean).orElse(false)) {
                events.add(event(api.getValue()));
            }
        }
        if (server.httpBind().contains("running")) {
            events.add(event("bosh"));
            events.add(event("websocket"));
        }
        return events;
    }

    private static Event event(String api) {
        return Event.named("http_api").param("api", api).build();
    }
}
