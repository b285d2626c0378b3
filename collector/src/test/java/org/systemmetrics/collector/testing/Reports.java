package org.systemmetrics.collector.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reports shaped exactly like the plugin's report file (ReportJson), pretty-printed as the plugin writes them. */
public final class Reports {
    private final String clientId;
    private String version = "5.1.1";
    private int nodes = 1;
    private String database = "postgresql";
    private final List<String> modules = new ArrayList<>();
    private final List<String> transports = new ArrayList<>();
    private final List<String> backends = new ArrayList<>();
    private long messagesIn = 310;

    private Reports(String clientId) {
        this.clientId = clientId;
    }

    public static Reports of(String clientId) {
        return new Reports(clientId);
    }

    public static Reports any() {
        return new Reports(UUID.randomUUID().toString());
    }

    public String clientId() {
        return clientId;
    }

    public Reports version(String v) {
        version = v;
        return this;
    }

    public Reports nodes(int n) {
        nodes = n;
        return this;
    }

    public Reports database(String db) {
        database = db;
        return this;
    }

    public Reports plugin(String name, String pluginVersion) {
        modules.add("{\"name\": \"module\", \"params\": {\"module\": \"" + name + "\", \"version\": \"" + pluginVersion
                + "\", \"scope\": \"cluster\"}}");
        return this;
    }

    public Reports transport(String mechanism, String tlsPolicy) {
        transports.add("{\"name\": \"transport\", \"params\": {\"mechanism\": \"" + mechanism + "\", "
                + (tlsPolicy == null ? "" : "\"tls_policy\": \"" + tlsPolicy + "\", ") + "\"scope\": \"node\"}}");
        return this;
    }

    public Reports backend(String kind, String backend) {
        backends.add("{\"name\": \"backend\", \"params\": {\"kind\": \"" + kind + "\", \"backend\": \"" + backend
                + "\", \"scope\": \"cluster\"}}");
        return this;
    }

    public Reports messagesIn(long increment) {
        messagesIn = increment;
        return this;
    }

    public String json() {
        List<String> events = new ArrayList<>();
        events.add("{\"name\": \"cluster\", \"params\": {\"version\": \"" + version + "\", \"plugin_version\": \"0.1.0\", "
                + "\"node_count\": " + nodes + ", \"component_count\": 0, \"config_type\": \"yaml\", \"database\": \""
                + database + "\", \"scope\": \"cluster\"}}");
        events.add("{\"name\": \"node\", \"params\": {\"uptime_s\": 21600, \"scope\": \"node\"}}");
        events.addAll(modules);
        events.add("{\"name\": \"custom_module_count\", \"params\": {\"value\": 1, \"scope\": \"cluster\"}}");
        events.addAll(backends);
        events.addAll(transports);
        events.add("{\"name\": \"internal_service\", \"params\": {\"service\": \"muc\", \"scope\": \"cluster\"}}");
        events.add("{\"name\": \"xmpp_stanza_count\", \"params\": {\"stanza_type\": \"message_in\", \"total\": 1204, "
                + "\"increment\": " + messagesIn + ", \"scope\": \"node\"}}");
        return "{\n  \"generated_at\": \"2026-01-01T06:00:00Z\",\n  \"client_id\": \"" + clientId + "\",\n  \"events\": [\n    "
                + String.join(",\n    ", events) + "\n  ]\n}\n";
    }
}
