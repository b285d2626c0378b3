package org.systemmetrics.openfire.seam;

/** The three kinds of XMPP stanza. */
public enum StanzaType {
    MESSAGE,
    IQ,
    PRESENCE
}
