package org.systemmetrics.openfire.probe;

import org.systemmetrics.openfire.seam.OpenfireServer;

/**
 * Whether the stanza counter sits on Openfire's packet path, and why not when it does not. It is put there
 * only while reporting is on, so a server whose administrator said no runs nothing of ours per stanza.
 */
final class StanzaCounting {
    private static final RuntimeException REPORTING_OFF = new RuntimeException(
            "stanzas are counted only while reporting is on", null, false, false) {
        private static final long serialVersionUID = 1L;
    };

    private final OpenfireServer server;
    private final StanzaCounter counter;
    private OpenfireServer.Registration registration;
    private RuntimeException notCounting = REPORTING_OFF;

    StanzaCounting(OpenfireServer server, StanzaCounter counter) {
        this.server = server;
        this.counter = counter;
    }

    /** Registers the counter with Openfire; a refusal is kept as the reason the counts are missing. */
    synchronized void start() {
        if (registration != null) {
            return;
        }
        try {
            registration = server.addPacketInterceptor(counter);
            notCounting = null;
        } catch (RuntimeException e) {
            notCounting = e;
        }
    }

    /** Takes the counter off the packet path; safe to call more than once. */
    synchronized void stop() {
        notCounting = REPORTING_OFF;
        if (registration != null) {
            OpenfireServer.Registration current = registration;
            registration = null;
            current.close();
        }
    }

    /** Why the counts are not being kept, or null while they are. */
    synchronized RuntimeException notCounting() {
        return notCounting;
    }
}
