package org.systemmetrics.core.delivery;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last deliveries to each destination, newest first, for the admin console: in memory only (a restart starts
 * afresh) and bounded per destination. Safe to use from any thread.
 */
public final class DeliveryHistory {
    public static final int DEFAULT_CAPACITY = 20;

    private final Map<String, Deque<DeliveryOutcome>> byDestination = new LinkedHashMap<>();

    public synchronized void record(DeliveryOutcome outcome) {
        Deque<DeliveryOutcome> outcomes = byDestination.computeIfAbsent(outcome.destination(), d -> new ArrayDeque<>());
        outcomes.addFirst(outcome);
        while (outcomes.size() > DEFAULT_CAPACITY) {
            outcomes.removeLast();
        }
    }

    /** A copy that later deliveries leave alone. */
    public synchronized Map<String, List<DeliveryOutcome>> snapshot() {
        Map<String, List<DeliveryOutcome>> copy = new LinkedHashMap<>();
        byDestination.forEach((destination, outcomes) -> copy.put(destination, List.copyOf(outcomes)));
        return Collections.unmodifiableMap(copy);
    }

    public synchronized List<DeliveryOutcome> of(String destination) {
        return List.copyOf(byDestination.getOrDefault(destination, new ArrayDeque<>()));
    }
}
