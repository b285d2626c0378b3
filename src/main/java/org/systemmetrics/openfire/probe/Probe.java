package org.systemmetrics.openfire.probe;

import java.util.Optional;
import java.util.Set;
import org.systemmetrics.core.report.Collector;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.openfire.seam.OpenfireServer;

/** What every probe declares: the seam it reads, its name, its category and its node-scoped events. */
abstract class Probe implements Collector {
    final OpenfireServer server;
    private final String name;
    private final ReportCategory category;
    private final Set<String> nodeEvents;

    /** @param category null for what is always sent */
    Probe(OpenfireServer server, String name, ReportCategory category, String... nodeEvents) {
        this.server = server;
        this.name = name;
        this.category = category;
        this.nodeEvents = Set.of(nodeEvents);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<ReportCategory> category() {
        return Optional.ofNullable(category);
    }

    @Override
    public Set<String> nodeEvents() {
        return nodeEvents;
    }
}
