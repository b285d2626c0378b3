package org.systemmetrics.core.report;

import java.util.Set;

/**
 * Whether an event describes the whole cluster or only the node that built the report, written into every event
 * as its {@code scope} parameter. In a cluster only the senior member's report is sent, so a reader must be able
 * to tell its own uptime, listeners and stanza counts from what all nodes share (node count, plugins, back ends).
 */
public final class EventScope {
    public static final String PARAM = "scope";
    public static final String CLUSTER = "cluster";
    public static final String NODE = "node";
    /** Events about the node that built the report; every other event is about the whole cluster. */
    private static final Set<String> NODE_EVENTS = Set.of("node", "transport", "xmpp_stanza_count");

    private EventScope() {
    }

    public static String of(String eventName) {
        return NODE_EVENTS.contains(eventName) ? NODE : CLUSTER;
    }

    /** {@code event} with its {@code scope} parameter added last (kept if the collector already set one). */
    static Event labelled(Event event) {
        if (event.params().containsKey(PARAM)) {
            return event;
        }
        Event.Builder labelled = Event.named(event.name());
        event.params().forEach(labelled::param);
        return labelled.param(PARAM, of(event.name())).build();
    }
}
