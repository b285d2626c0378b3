package org.systemmetrics.core.report;

import java.util.List;

/**
 * A source of events. Collectors read the server and must never put an identifying value (host, domain,
 * address, JID, user or custom names) into an event. A collector may throw: the assembler then omits its
 * events, says so once, and keeps every other collector's events.
 */
public interface Collector {
    /** A short stable name used in log messages, e.g. {@code cluster}. */
    String name();

    List<Event> collect() throws Exception;
}
