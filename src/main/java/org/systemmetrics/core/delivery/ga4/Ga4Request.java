package org.systemmetrics.core.delivery.ga4;

import java.util.List;
import java.util.Objects;
import org.systemmetrics.core.report.Event;

/** One Measurement Protocol POST body: a part of a report, already within GA's limits. Immutable. */
final class Ga4Request {
    private final List<Event> events;
    private final String json;

    Ga4Request(List<Event> events, String json) {
        this.events = List.copyOf(events);
        this.json = Objects.requireNonNull(json, "json");
    }

    List<Event> events() {
        return events;
    }

    String json() {
        return json;
    }

}
