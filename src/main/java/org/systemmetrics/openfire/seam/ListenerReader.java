package org.systemmetrics.openfire.seam;

import static org.systemmetrics.openfire.seam.OpenfireCall.call;

import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.openfire.Connection;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.http.HttpBindManager;
import org.jivesoftware.openfire.spi.ConnectionListener;
import org.jivesoftware.openfire.spi.ConnectionManagerImpl;
import org.jivesoftware.openfire.spi.ConnectionType;

/**
 * Listener configuration. The {@code ConnectionManager} interface methods of 4.2.0 all fail on 4.8+, but the
 * concrete {@code ConnectionManagerImpl.getListener(ConnectionType, boolean)} and the {@code ConnectionListener}
 * getters exist unchanged in every version, so the manager is cast to its implementation. TLS policies are
 * compared by constant name: {@code legacyMode} of 4.2.0 became {@code directTLS}.
 */
final class ListenerReader {
    private static final boolean[] VARIANTS = {false, true};

    private ListenerReader() {
    }

    static List<ListenerState> socketListeners() {
        return call("ConnectionManagerImpl.getListener(ConnectionType, boolean)", () -> {
            ConnectionManagerImpl manager = (ConnectionManagerImpl) XMPPServer.getInstance().getConnectionManager();
            List<ListenerState> states = new ArrayList<>();
            for (ListenerKind kind : ListenerKind.values()) {
                for (boolean directTls : VARIANTS) {
                    ConnectionListener listener = manager.getListener(connectionType(kind), directTls);
                    if (listener != null) {
                        states.add(new ListenerState(kind, directTls, listener.isEnabled(), policyName(listener)));
                    }
                }
            }
            return List.copyOf(states);
        });
    }

    static HttpBindState httpBind() {
        return call("HttpBindManager.isHttpBindEnabled()", () -> {
            HttpBindManager manager = HttpBindManager.getInstance();
            if (manager == null || !manager.isHttpBindEnabled()) {
                return HttpBindState.STOPPED;
            }
            return new HttpBindState(true, manager.isHttpBindActive(), manager.isHttpsBindActive());
        });
    }

    private static String policyName(ConnectionListener listener) {
        Connection.TLSPolicy policy = listener.getTLSPolicy();
        return policy == null ? "" : policy.name();
    }

    private static ConnectionType connectionType(ListenerKind kind) {
        switch (kind) {
            case CLIENT:
                return ConnectionType.SOCKET_C2S;
            case SERVER:
                return ConnectionType.SOCKET_S2S;
            case COMPONENT:
                return ConnectionType.COMPONENT;
            case CONNECTION_MANAGER:
                return ConnectionType.CONNECTION_MANAGER;
            default:
                throw new IllegalArgumentException("no connection type for " + kind);
        }
    }
}
