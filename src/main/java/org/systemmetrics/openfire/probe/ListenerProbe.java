package org.systemmetrics.openfire.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.systemmetrics.core.report.Collector;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.openfire.seam.HttpBindState;
import org.systemmetrics.openfire.seam.ListenerState;
import org.systemmetrics.openfire.seam.OpenfireServer;

/**
 * One {@code transport} event per enabled way in: socket listeners with their TLS policy, and BOSH and
 * WebSocket, which share Openfire's HTTP-bind web server (WebSocket has no switch of its own).
 */
final class ListenerProbe implements Collector {
    private final OpenfireServer server;

    ListenerProbe(OpenfireServer server) {
        this.server = server;
    }

    @Override
    public Optional<ReportCategory> category() {
        return Optional.of(ReportCategory.TRANSPORTS);
    }

    @Override
    public String name() {
        return "transports";
    }

    @Override
    public List<Event> collect(ReportContext context) {
        List<Event> events = new ArrayList<>();
        for (ListenerState listener : server.socketListeners()) {
            if (listener.enabled()) {
                Event.Builder event = Event.named("transport").param("mechanism", mechanism(listener));
                String policy = tlsPolicy(listener);
                if (policy != null) {
                    event.param("tls_policy", policy);
                }
                events.add(event.build());
            }
        }
        HttpBindState httpBind = server.httpBind();
        if (httpBind.running()) {
            if (httpBind.plainActive()) {
                events.add(Event.named("transport").param("mechanism", "bosh").build());
            }
            if (httpBind.secureActive()) {
                events.add(Event.named("transport").param("mechanism", "bosh_tls").build());
            }
            events.add(Event.named("transport").param("mechanism", "websocket").build());
        }
        return events;
    }

    static String mechanism(ListenerState listener) {
        switch (listener.kind()) {
            case CLIENT:
                return listener.directTls() ? "c2s_direct_tls" : "c2s_tcp";
            case SERVER:
                return listener.directTls() ? "s2s_direct_tls" : "s2s";
            case COMPONENT:
                return "component";
            case CONNECTION_MANAGER:
                return "connection_manager";
            default:
                throw new IllegalArgumentException("unknown listener kind " + listener.kind());
        }
    }

    /**
     * The reported policy, or null when Openfire names one we do not know (it is left out rather than
     * passed on unchecked). A Direct TLS listener encrypts from the first byte whatever it is configured to.
     */
    static String tlsPolicy(ListenerState listener) {
        if (listener.directTls()) {
            return "direct";
        }
        switch (listener.tlsPolicy()) {
            case "disabled":
                return "disabled";
            case "optional":
                return "optional";
            case "required":
                return "required";
            case "directTLS":
            case "legacyMode":
                return "direct";
            default:
                return null;
        }
    }
}
