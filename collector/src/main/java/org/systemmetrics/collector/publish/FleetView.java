package org.systemmetrics.collector.publish;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.systemmetrics.collector.store.InstallationStore.StoredReport;

/**
 * A private fleet's own servers, one by one, for the holder of the fleet's token: version, plugins, ways in with
 * their TLS policy and when each was last heard from, and the question operators ask first: does it still take
 * plain-text client connections? No privacy threshold applies: these are the fleet's own servers.
 */
public final class FleetView {
    // A client can talk to these without TLS: STARTTLS not required on the client port, or BOSH over plain http.
    private static final Set<String> PLAIN_TEXT_POLICIES = Set.of("disabled", "optional");

    private FleetView() {
    }

    public static JsonObject toJson(String fleet, List<StoredReport> servers) {
        JsonObject root = new JsonObject();
        root.addProperty("fleet", fleet);
        JsonArray list = new JsonArray();
        for (StoredReport server : servers) {
            JsonObject report = JsonParser.parseString(server.reportJson()).getAsJsonObject();
            JsonObject entry = new JsonObject();
            entry.addProperty("client_id", server.clientId());
            entry.addProperty("last_seen", Instant.ofEpochMilli(server.lastSeenMillis()).toString());
            entry.addProperty("reports", server.reportCount());
            JsonArray plugins = new JsonArray();
            JsonArray transports = new JsonArray();
            boolean plainText = false;
            for (JsonElement element : report.getAsJsonArray("events")) {
                JsonObject event = element.getAsJsonObject();
                JsonObject params = event.getAsJsonObject("params");
                switch (event.get("name").getAsString()) {
                    case "cluster" -> {
                        // The validator asks for one cluster event with a version; another without one adds nothing.
                        if (params.has("version")) {
                            entry.addProperty("openfire_version", params.get("version").getAsString());
                        }
                        if (params.has("node_count")) {
                            entry.addProperty("nodes", params.get("node_count").getAsLong());
                        }
                    }
                    case "module" -> {
                        JsonObject plugin = new JsonObject();
                        plugin.add("plugin", params.get("module"));
                        plugin.add("version", params.get("version"));
                        plugins.add(plugin);
                    }
                    case "transport" -> {
                        JsonObject transport = new JsonObject();
                        String mechanism = params.has("mechanism") ? params.get("mechanism").getAsString() : "";
                        transport.addProperty("mechanism", mechanism);
                        if (params.has("tls_policy")) {
                            transport.add("tls_policy", params.get("tls_policy"));
                        }
                        transports.add(transport);
                        plainText |= mechanism.equals("bosh") || mechanism.equals("c2s_tcp") && params.has("tls_policy")
                                && PLAIN_TEXT_POLICIES.contains(params.get("tls_policy").getAsString());
                    }
                    default -> {
                        // the fleet page shows what operators compare; the stored report has the rest
                    }
                }
            }
            entry.add("plugins", plugins);
            entry.add("transports", transports);
            entry.addProperty("plain_text_client_connections", plainText);
            list.add(entry);
        }
        root.add("servers", list);
        return root;
    }
}
