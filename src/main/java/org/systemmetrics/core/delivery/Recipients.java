package org.systemmetrics.core.delivery;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Who receives reports under a configuration: the destinations, in the order they are delivered and shown, and the
 * words that name them (masked) for the consent notice and the page, so that no sentence claims a receiver or a
 * purpose that is not in force.
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

    /** The systemmetrics project's own GA4 property receives reports. */
    public boolean project() {
        return destinations.stream().anyMatch(Destination::project);
    }

    /** A GA4 property or an endpoint of the administrator's receives reports. */
    public boolean administrator() {
        return destinations.stream().anyMatch(d -> !d.project());
    }

    /** Reports are only written to the file. */
    public boolean nobody() {
        return destinations.isEmpty();
    }
}
