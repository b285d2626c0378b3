package org.systemmetrics.core.report;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A source of events. Collectors read the server and must never put an identifying value (host, domain,
 * address, JID, user or custom names) into an event. A collector may throw: the assembler then omits its
 * events, says so once, and keeps every other collector's events.
 */
public interface Collector {
    /** Used in log messages, e.g. {@code cluster}. */
    String name();

    /**
     * The category that switches this collector on and off; empty for what is always sent (the {@code cluster}
     * event). A collector whose category is off is not called at all.
     */
    default Optional<ReportCategory> category() {
        return Optional.empty();
    }

    /**
     * The events of this collector that describe only the node that built the report ({@code scope} {@code node});
     * every other event describes the whole cluster. In a cluster only the senior member's report is sent, so a
     * reader must be able to tell its own uptime, listeners and stanza counts from what all nodes share.
     */
    default Set<String> nodeEvents() {
        return Set.of();
    }

    /** The events of the next report; may advance state such as "since the previous report" baselines. */
    List<Event> collect(ReportContext context) throws Exception;

    /** The events as {@link #collect} would give them now, without advancing any state (the console's preview). */
    default List<Event> preview(ReportContext context) throws Exception {
        return collect(context);
    }
}
