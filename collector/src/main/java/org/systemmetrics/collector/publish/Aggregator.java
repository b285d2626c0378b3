package org.systemmetrics.collector.publish;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.systemmetrics.collector.CollectorConfig;
import org.systemmetrics.collector.contract.KnownPlugins;
import org.systemmetrics.collector.store.InstallationStore;
import org.systemmetrics.collector.store.InstallationStore.MonthVersion;

/**
 * Builds the published aggregates from the stored latest reports under the data contract (docs/collector.md):
 * only installations seen within the retention period that have reported at least {@code min_reports} times
 * count; a cell is counted once per installation; a cell of fewer than {@code k} installations is left out;
 * every published count is rounded to a multiple of {@code rounding}; plugins are named only from the known list.
 */
public final class Aggregator {
    static final String OPENFIRE_VERSIONS = "openfire_versions";
    static final String VERSIONS_BY_MONTH = "openfire_versions_by_month";
    static final String DATABASES = "databases";
    static final String CLUSTER_SIZES = "cluster_sizes";
    static final String PLUGINS = "plugins";
    static final String PLUGIN_VERSIONS = "plugin_versions";
    static final String BACKENDS = "backends";
    static final String TRANSPORTS = "transports";
    static final String TRANSPORT_TLS = "transport_tls";
    static final String HTTP_APIS = "http_apis";
    static final String INTERNAL_SERVICES = "internal_services";
    static final String STANZA_VOLUMES = "stanza_volumes";
    static final String STANZA_TOTALS = "stanza_totals";

    /** Table name, title, labels: one declaration per table, which every output follows. */
    private static final Map<String, Object[]> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put(OPENFIRE_VERSIONS, new Object[] {"Openfire versions", List.of("version")});
        TABLES.put(VERSIONS_BY_MONTH, new Object[] {"Openfire versions over time", List.of("month", "version")});
        TABLES.put(PLUGINS, new Object[] {"Plugins in use", List.of("plugin")});
        TABLES.put(PLUGIN_VERSIONS, new Object[] {"Plugin versions", List.of("plugin", "version")});
        TABLES.put(BACKENDS, new Object[] {"Back ends per kind", List.of("kind", "backend")});
        TABLES.put(TRANSPORTS, new Object[] {"Ways in", List.of("mechanism")});
        TABLES.put(TRANSPORT_TLS, new Object[] {"Ways in and their TLS policy", List.of("mechanism", "tls_policy")});
        TABLES.put(CLUSTER_SIZES, new Object[] {"Cluster sizes (nodes)", List.of("nodes")});
        TABLES.put(DATABASES, new Object[] {"Databases", List.of("database")});
        TABLES.put(HTTP_APIS, new Object[] {"HTTP APIs", List.of("api")});
        TABLES.put(INTERNAL_SERVICES, new Object[] {"Services switched on", List.of("service")});
        TABLES.put(STANZA_VOLUMES, new Object[] {"Stanza volume per report period", List.of("stanzas_per_period")});
        TABLES.put(STANZA_TOTALS, new Object[] {"Stanzas per report period, all installations", List.of("stanza_type")});
    }

    /** Cluster sizes and stanza volumes are published in ranges: a rare exact size would single a server out. */
    static final List<String> NODE_RANGES = List.of("1", "2", "3-4", "5-8", "9+");
    static final List<String> VOLUME_RANGES = List.of("0", "1-999", "1k-99k", "100k-9.9M", "10M+");

    private final InstallationStore store;
    private final KnownPlugins knownPlugins;
    private final Clock clock;
    private final Aggregates.Rules rules;
    private final long retentionMillis;

    public Aggregator(InstallationStore store, KnownPlugins knownPlugins, CollectorConfig config, Clock clock) {
        this.store = store;
        this.knownPlugins = knownPlugins;
        this.clock = clock;
        this.rules = new Aggregates.Rules(config.minReports(), config.k(), config.rounding(),
                (int) config.retention().toDays());
        this.retentionMillis = config.retention().toMillis();
    }

    public Aggregates compute() {
        Instant now = clock.instant();
        long cutoff = now.toEpochMilli() - retentionMillis;
        Map<String, Map<List<String>, long[]>> cells = new LinkedHashMap<>();
        TABLES.keySet().forEach(name -> cells.put(name, new HashMap<>()));
        long[] installations = {0};
        store.forEachCounted(cutoff, rules.minReports(), stored -> {
            installations[0]++;
            count(JsonParser.parseString(stored.reportJson()).getAsJsonObject(), cells);
        });
        for (MonthVersion row : store.monthlyVersions(cutoff, rules.minReports())) {
            cells.get(VERSIONS_BY_MONTH).put(List.of(row.month(), row.version()), new long[] {row.installations(), 0});
        }
        int[] suppressed = {0};
        List<Aggregates.Table> tables = new ArrayList<>();
        for (Map.Entry<String, Object[]> table : TABLES.entrySet()) {
            tables.add(publish(table.getKey(), table.getValue(), cells.get(table.getKey()), suppressed));
        }
        OptionalLong total = installations[0] >= rules.k() ? OptionalLong.of(round(installations[0]))
                : OptionalLong.empty();
        return new Aggregates(now, rules, total, suppressed[0], List.copyOf(tables));
    }

    @SuppressWarnings("unchecked")
    private Aggregates.Table publish(String name, Object[] declaration, Map<List<String>, long[]> counted,
            int[] suppressed) {
        List<Aggregates.Row> rows = new ArrayList<>();
        boolean summed = name.equals(STANZA_TOTALS);
        for (Map.Entry<List<String>, long[]> cell : counted.entrySet()) {
            long installations = cell.getValue()[0];
            if (installations < rules.k()) {
                suppressed[0]++;
                continue;
            }
            rows.add(new Aggregates.Row(cell.getKey(), round(installations),
                    summed ? roundSignificant(cell.getValue()[1]) : null));
        }
        Comparator<Aggregates.Row> order = name.equals(VERSIONS_BY_MONTH)
                ? Comparator.comparing((Aggregates.Row r) -> r.labels().get(0))
                        .thenComparing(Comparator.comparingLong(Aggregates.Row::installations).reversed())
                : name.equals(CLUSTER_SIZES) || name.equals(STANZA_VOLUMES)
                        ? Comparator.comparingInt((Aggregates.Row r) -> rangeIndex(r.labels().get(0)))
                        : Comparator.comparingLong(Aggregates.Row::installations).reversed()
                                .thenComparing(r -> String.join("/", r.labels()));
        rows.sort(order);
        return new Aggregates.Table(name, (String) declaration[0], (List<String>) declaration[1],
                summed ? "increment" : null, List.copyOf(rows));
    }

    private static int rangeIndex(String range) {
        int index = NODE_RANGES.indexOf(range);
        return index >= 0 ? index : VOLUME_RANGES.indexOf(range);
    }

    /** Adds one installation's cells, each once, whatever its report repeats. */
    private void count(JsonObject report, Map<String, Map<List<String>, long[]>> cells) {
        Set<String> seen = new HashSet<>();
        long stanzas = -1;
        for (JsonElement element : report.getAsJsonArray("events")) {
            JsonObject event = element.getAsJsonObject();
            JsonObject params = event.getAsJsonObject("params");
            switch (event.get("name").getAsString()) {
                case "cluster" -> {
                    add(cells, seen, OPENFIRE_VERSIONS, text(params, "version"));
                    add(cells, seen, DATABASES, text(params, "database"));
                    add(cells, seen, CLUSTER_SIZES, nodeRange(number(params, "node_count")));
                }
                case "module" -> {
                    String plugin = text(params, "module");
                    if (plugin != null && knownPlugins.contains(plugin)) { // the list may have shrunk since
                        add(cells, seen, PLUGINS, plugin);
                        add(cells, seen, PLUGIN_VERSIONS, plugin, text(params, "version"));
                    }
                }
                case "backend" -> add(cells, seen, BACKENDS, text(params, "kind"), text(params, "backend"));
                case "transport" -> {
                    add(cells, seen, TRANSPORTS, text(params, "mechanism"));
                    if (params.has("tls_policy")) {
                        add(cells, seen, TRANSPORT_TLS, text(params, "mechanism"), text(params, "tls_policy"));
                    }
                }
                case "http_api" -> add(cells, seen, HTTP_APIS, text(params, "api"));
                case "internal_service" -> add(cells, seen, INTERNAL_SERVICES, text(params, "service"));
                case "xmpp_stanza_count" -> {
                    long increment = number(params, "increment");
                    String type = text(params, "stanza_type");
                    if (type != null && seen.add(STANZA_TOTALS + "\u0000" + type)) {
                        long[] cell = cells.get(STANZA_TOTALS).computeIfAbsent(List.of(type), k -> new long[2]);
                        cell[0]++;
                        cell[1] += increment;
                    }
                    stanzas = Math.max(0, stanzas) + increment;
                }
                default -> {
                    // node, custom_module_count: nothing published from them
                }
            }
        }
        if (stanzas >= 0) {
            add(cells, seen, STANZA_VOLUMES, volumeRange(stanzas));
        }
    }

    private static void add(Map<String, Map<List<String>, long[]>> cells, Set<String> seen, String table,
            String... labels) {
        for (String label : labels) {
            if (label == null) {
                return;
            }
        }
        List<String> key = List.of(labels);
        if (seen.add(table + "\u0000" + String.join("\u0000", key))) {
            cells.get(table).computeIfAbsent(key, k -> new long[2])[0]++;
        }
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

    /** To the nearest multiple of {@code rounding}, never below it: a published count never reads 0. */
    long round(long count) {
        long step = rules.rounding();
        return Math.max(step, Math.round(count / (double) step) * step);
    }

    /** Sums keep two significant digits: enough for a chart, too coarse to pick one server's share out. */
    static long roundSignificant(long value) {
        if (value < 100) {
            return value < 10 ? value : Math.round(value / 10.0) * 10;
        }
        long scale = (long) Math.pow(10, (long) Math.floor(Math.log10(value)) - 1);
        return Math.round(value / (double) scale) * scale;
    }
}
