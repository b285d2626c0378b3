package org.systemmetrics.openfire.seam;

import java.util.Objects;

/**
 * One socket listener as configured now. {@code tlsPolicy} is the name of Openfire's
 * {@code Connection.TLSPolicy} constant ({@code disabled}, {@code optional}, {@code required},
 * {@code directTLS}), kept as text because the constants differ between Openfire versions.
 */
public final class ListenerState {
    private final ListenerKind kind;
    private final boolean directTls;
    private final boolean enabled;
    private final String tlsPolicy;

    public ListenerState(ListenerKind kind, boolean directTls, boolean enabled, String tlsPolicy) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.directTls = directTls;
        this.enabled = enabled;
        this.tlsPolicy = tlsPolicy == null ? "" : tlsPolicy;
    }

    public ListenerKind kind() {
        return kind;
    }

    public boolean directTls() {
        return directTls;
    }

    public boolean enabled() {
        return enabled;
    }

    public String tlsPolicy() {
        return tlsPolicy;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ListenerState)) {
            return false;
        }
        ListenerState other = (ListenerState) o;
        return other.kind == kind && other.directTls == directTls && other.enabled == enabled
                && other.tlsPolicy.equals(tlsPolicy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, directTls, enabled, tlsPolicy);
    }

    @Override
    public String toString() {
        return kind + (directTls ? " direct TLS" : "") + (enabled ? " on " : " off ") + tlsPolicy;
    }
}
