package org.systemmetrics.core.delivery;

import java.util.Objects;

/**
 * Who receives reports under a configuration, as the consent notice needs it: the words that name the destinations
 * (masked, as everywhere), and whether the systemmetrics project and the administrator's own destinations are among
 * them, so that no sentence claims a receiver or a purpose that is not in force.
 */
public final class Recipients {
    private final String words;
    private final boolean project;
    private final boolean administrator;

    public Recipients(String words, boolean project, boolean administrator) {
        this.words = Objects.requireNonNull(words, "words");
        this.project = project;
        this.administrator = administrator;
    }

    /** The destinations in words, e.g. "your own GA4 property G-ABC123XYZ only (this build has no project property)". */
    public String words() {
        return words;
    }

    /** The systemmetrics project's own GA4 property receives reports. */
    public boolean project() {
        return project;
    }

    /** A GA4 property or an endpoint of the administrator's receives reports. */
    public boolean administrator() {
        return administrator;
    }

    /** Nothing is sent: reports are only written to the file. */
    public boolean nobody() {
        return !project && !administrator;
    }

    @Override
    public String toString() {
        return words;
    }
}
