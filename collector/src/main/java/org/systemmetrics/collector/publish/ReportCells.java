package org.systemmetrics.collector.publish;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cells of the published tables that one report falls into, worked out once when the report is stored, so
 * that aggregating 100,000 installations reads a few hundred bytes each instead of parsing every report again.
 * Stored as text: one cell per line, {@code table TAB labels (TAB-separated) TAB amount}, each cell once per
 * report (two {@code component} listeners are one cell). Labels are dictionary words, which never hold a tab or a
 * line break. The amount is the stanza increment for {@code stanza_totals} and 0 elsewhere.
 */
public final class ReportCells {
    private ReportCells() {
    }

    public static String of(JsonObject report) {
        Map<String, Long> cells = new LinkedHashMap<>();
        long stanzas = -1;
        for (JsonElement element : report.getAsJsonArray("events")) {
            JsonObject event = element.getAsJsonObject();
            JsonObject params = event.getAsJsonObject("params");
            switch (event.get("name").getAsString()) {
                case "cluster" -> {
                    add(cells, Aggregator.OPENFIRE_VERSIONS, 0, text(params, "version"));
                    add(cells, Aggregator.DATABASES, 0, text(params, "database"));
                    add(cells, Aggregator.CLUSTER_SIZES, 0, nodeRange(number(params, "node_count")));
                }
                case "module" -> {
                    add(cells, Aggregator.PLUGINS, 0, text(params, "module"));
                    add(cells, Aggregator.PLUGIN_VERSIONS, 0, text(params, "module"), text(params, "version"));
                }
                case "backend" -> add(cells, Aggregator.BACKENDS, 0, text(params, "kind"), text(params, "backend"));
                case "transport" -> {
                    add(cells, Aggregator.TRANSPORTS, 0, text(params, "mechanism"));
                    if (params.has("tls_policy")) {
                        add(cells, Aggregator.TRANSPORT_TLS, 0, text(params, "mechanism"), text(params, "tls_policy"));
                    }
                }
                case "http_api" -> add(cells, Aggregator.HTTP_APIS, 0, text(params, "api"));
                case "internal_service" -> add(cells, Aggregator.INTERNAL_SERVICES, 0, text(params, "service"));
                case "xmpp_stanza_count" -> {
                    long increment = number(params, "increment");
                    add(cells, Aggregator.STANZA_TOTALS, increment, text(params, "stanza_type"));
                    stanzas = Math.max(0, stanzas) + increment;
                }
                default -> {
                    // node, custom_module_count: nothing is published from them
                }
            }
        }
        if (stanzas >= 0) {
            add(cells, Aggregator.STANZA_VOLUMES, 0, volumeRange(stanzas));
        }
        StringBuilder text = new StringBuilder(512);
        cells.forEach((cell, amount) -> text.append(cell).append('\t').append(amount).append('\n'));
        return text.toString();
    }

    /** A cell's first occurrence in the report counts; a repeat adds nothing (its amount too is counted once). */
    private static void add(Map<String, Long> cells, String table, long amount, String... labels) {
        for (String label : labels) {
            if (label == null) {
                return;
            }
        }
        cells.putIfAbsent(table + "\t" + String.join("\t", labels), amount);
    }

    private static String text(JsonObject params, String name) {
        JsonElement value = params.get(name);
        return value == null ? null : value.getAsString();
    }

    private static long number(JsonObject params, String name) {
        JsonElement value = params.get(name);
        return value == null ? 0 : value.getAsLong();
    }

    static String nodeRange(long nodes) {
        if (nodes <= 1) {
            return "1";
        }
        if (nodes == 2) {
            return "2";
        }
        return nodes <= 4 ? "3-4" : nodes <= 8 ? "5-8" : "9+";
    }

    static String volumeRange(long stanzas) {
        if (stanzas == 0) {
            return "0";
        }
        if (stanzas < 1_000) {
            return "1-999";
        }
        if (stanzas < 100_000) {
            return "1k-99k";
        }
        return stanzas < 10_000_000 ? "100k-9.9M" : "10M+";
    }
}
