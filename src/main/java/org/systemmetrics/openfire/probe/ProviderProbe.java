package org.systemmetrics.openfire.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.systemmetrics.core.report.Collector;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.openfire.seam.OpenfireServer;
import org.systemmetrics.openfire.seam.ProviderKind;

/** One {@code backend} event per provider kind: which kind of directory or store each one uses. */
final class ProviderProbe implements Collector {
    private final OpenfireServer server;

    ProviderProbe(OpenfireServer server) {
        this.server = server;
    }

    @Override
    public Optional<ReportCategory> category() {
        return Optional.of(ReportCategory.BACKENDS);
    }

    @Override
    public String name() {
        return "backends";
    }

    @Override
    public List<Event> collect(ReportContext context) {
        List<Event> events = new ArrayList<>();
        for (ProviderKind kind : ProviderKind.values()) {
            Optional<String> className = server.providerClassName(kind);
            className.ifPresent(name -> events.add(Event.named("backend")
                    .param("kind", kind.reportName())
                    .param("backend", ProviderCatalog.backendOf(name))
                    .build()));
        }
        return events;
    }
}
