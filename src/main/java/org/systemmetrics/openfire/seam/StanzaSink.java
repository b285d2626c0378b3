package org.systemmetrics.openfire.seam;

/**
 * Told about every stanza Openfire routes, once each, on Openfire's own I/O and processing threads: an
 * implementation must be thread-safe, must not block and must not throw.
 */
@FunctionalInterface
public interface StanzaSink {
    void stanza(StanzaType type, boolean incoming);

    enum StanzaType {
        MESSAGE,
        IQ,
        PRESENCE
    }
}
