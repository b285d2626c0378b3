package org.systemmetrics.openfire.seam;

import org.jivesoftware.openfire.interceptor.PacketInterceptor;
import org.jivesoftware.openfire.session.Session;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * Turns Openfire's interceptor calls into one {@link StanzaSink} call per stanza. Openfire calls every
 * interceptor twice per packet (before and after processing), so only the first call counts. The session is
 * never touched: it may be null, and several of its getters changed between 4.2.0 and 4.8.
 */
final class StanzaInterceptor implements PacketInterceptor {
    private final StanzaSink sink;

    StanzaInterceptor(StanzaSink sink) {
        this.sink = sink;
    }

    @Override
    public void interceptPacket(Packet packet, Session session, boolean incoming, boolean processed) {
        if (processed) {
            return;
        }
        try {
            if (packet instanceof Message) {
                sink.stanza(StanzaType.MESSAGE, incoming);
            } else if (packet instanceof IQ) {
                sink.stanza(StanzaType.IQ, incoming);
            } else if (packet instanceof Presence) {
                sink.stanza(StanzaType.PRESENCE, incoming);
            }
        } catch (RuntimeException | LinkageError e) {
            // Counting is never worth disturbing message delivery: a stanza that cannot be counted is dropped
            // from the statistics only.
        }
    }
}
