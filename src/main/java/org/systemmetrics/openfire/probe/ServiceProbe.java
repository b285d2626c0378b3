package org.systemmetrics.openfire.probe;

import java.util.ArrayList;
import java.util.List;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.openfire.seam.OpenfireServer;

/**
 * One {@code internal_service} event per service the server offers its users: Openfire's own switchable
 * services, and HTTP File Upload, which Ignite Realtime ships as a plugin rather than in Openfire.
 */
final class ServiceProbe extends Probe {
    static final String FILE_UPLOAD_PLUGIN = "httpfileupload";

    ServiceProbe(OpenfireServer server) {
        super(server, "internal_services", ReportCategory.APIS);
    }

    @Override
    public List<Event> collect(ReportContext context) {
        List<Event> events = new ArrayList<>();
        server.enabledServices().forEach(service -> events.add(event(service)));
        if (server.installedPlugins().containsKey(FILE_UPLOAD_PLUGIN)) {
            events.add(event("http_file_upload"));
        }
        return events;
    }

    private static Event event(String service) {
        return Event.named("internal_service").param("service", service).build();
    }
}
