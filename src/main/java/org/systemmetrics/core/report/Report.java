package org.systemmetrics.core.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What one run produced: the events, when, and for which cluster. */
public final class Report {
    private final Instant generatedAt;
    private final String clientId;
    private final List<Event> events;

    public Report(Instant generatedAt, String clientId, List<Event> events) {
        this.generatedAt = Objects.requireNonNull(generatedAt, "generatedAt");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.events = List.copyOf(events);
    }

    public Instant generatedAt() {
        return generatedAt;
    }

    /** The cluster ID: a random UUID shared by every node, never derived from the server. */
    public String clientId() {
        return clientId;
    }

    public List<Event> events() {
        return events;
    }
}
