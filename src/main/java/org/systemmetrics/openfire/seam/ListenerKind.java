package org.systemmetrics.openfire.seam;

/** The socket listeners Openfire runs, each in a plain (STARTTLS) and a Direct TLS variant. */
public enum ListenerKind {
    CLIENT,
    SERVER,
    COMPONENT,
    CONNECTION_MANAGER
}
