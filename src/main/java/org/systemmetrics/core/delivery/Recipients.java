package org.systemmetrics.core.delivery;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Who receives reports under a configuration: the destinations in delivery order, and the words that name them for
 * the consent notice and the page, so that no sentence claims a receiver or a purpose that is not in force.
 */
public final class Recipients {
    private final String words;
    private final List<Destination> destinations;

    public Recipients(String words, List<Destination> destinations) {
        this.words = Objects.requireNonNull(words, "words");
        this.destinations = List.copyOf(destinations);
    }

    /** E.g. "your own GA4 property G-ABC123XYZ only (this build has no project property)". */
    public String words() {
        return words;
    }

    public List<Destination> destinations() {
        return destinations;
    }

    public List<String> ids() {
        return destinations.stream().map(Destination::id).collect(Collectors.toList());
    }

    public boolean project() {
        return destinations.stream().anyMatch(Destination::project);
    }

    public boolean administrator() {
        return destinations.stream().anyMatch(d -> !d.project());
    }

    public boolean nobody() {
        return destinations.isEmpty();
    }
}
