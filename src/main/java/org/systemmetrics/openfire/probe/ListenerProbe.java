package org.systemmetrics.openfire.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.openfire.seam.OpenfireServer;

/**
 * One {@code transport} event per enabled way in to this node: socket listeners with their TLS policy, and BOSH and
 * WebSocket, which share Openfire's HTTP-bind web server (WebSocket has no switch of its own).
 */
final class ListenerProbe extends Probe {
    private static final String DIRECT_TLS = "_direct_tls";
    /** The report's mechanism for each of Openfire's listeners; the others' Direct TLS variants count as themselves. */
    private static final Map<String, String> MECHANISMS = Map.of(
            "c2s", "c2s_tcp", "c2s" + DIRECT_TLS, "c2s_direct_tls", "s2s", "s2s", "s2s" + DIRECT_TLS, "s2s_direct_tls");
    /** Openfire's TLS policy names; 4.2.0's {@code legacyMode} is {@code directTLS} on 4.8+. */
    private static final Map<String, String> TLS_POLICIES = Map.of("disabled", "disabled", "optional", "optional",
            "required", "required", "directTLS", "direct", "legacyMode", "direct");

    ListenerProbe(OpenfireServer server) {
        super(server, "transports", ReportCategory.TRANSPORTS, "transport");
    }

    @Override
    public List<Event> collect(ReportContext context) {
        List<Event> events = new ArrayList<>();
        server.enabledListeners().forEach((listener, policy) -> {
            Event.Builder event = Event.named("transport").param("mechanism", mechanism(listener));
            String reported = listener.endsWith(DIRECT_TLS) ? "direct" : tlsPolicy(policy);
            if (reported != null) {
                event.param("tls_policy", reported);
            }
            events.add(event.build());
        });
        Set<String> httpBind = server.httpBind();
        if (httpBind.contains("running")) {
            if (httpBind.contains("http")) {
                events.add(transport("bosh"));
            }
            if (httpBind.contains("https")) {
                events.add(transport("bosh_tls"));
            }
            events.add(transport("websocket"));
        }
        return events;
    }

    private static Event transport(String mechanism) {
        return Event.named("transport").param("mechanism", mechanism).build();
    }

    private static String mechanism(String listener) {
        return MECHANISMS.getOrDefault(listener, listener.replace(DIRECT_TLS, ""));
    }

    /**
     * The reported policy of a plain listener, or null when Openfire names one we do not know (it is left out rather
     * than passed on unchecked). A Direct TLS listener encrypts from the first byte whatever it is configured to.
     */
    static String tlsPolicy(String openfirePolicy) {
        return TLS_POLICIES.get(openfirePolicy);
    }
}
