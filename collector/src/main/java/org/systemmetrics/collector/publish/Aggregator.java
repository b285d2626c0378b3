package org.systemmetrics.collector.publish;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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

    /** A published table's title and labels; the map's key is its name. */
    private record Declaration(String title, List<String> labels) {
    }

    /** One declaration per table, in the order every output shows them. */
    private static final Map<String, Declaration> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put(OPENFIRE_VERSIONS, new Declaration("Openfire versions", List.of("version")));
        TABLES.put(VERSIONS_BY_MONTH, new Declaration("Openfire versions over time", List.of("month", "version")));
        TABLES.put(PLUGINS, new Declaration("Plugins in use", List.of("plugin")));
        TABLES.put(PLUGIN_VERSIONS, new Declaration("Plugin versions", List.of("plugin", "version")));
        TABLES.put(BACKENDS, new Declaration("Back ends per kind", List.of("kind", "backend")));
        TABLES.put(TRANSPORTS, new Declaration("Ways in", List.of("mechanism")));
        TABLES.put(TRANSPORT_TLS, new Declaration("Ways in and their TLS policy", List.of("mechanism", "tls_policy")));
        TABLES.put(CLUSTER_SIZES, new Declaration("Cluster sizes (nodes)", List.of("nodes")));
        TABLES.put(DATABASES, new Declaration("Databases", List.of("database")));
        TABLES.put(HTTP_APIS, new Declaration("HTTP APIs", List.of("api")));
        TABLES.put(INTERNAL_SERVICES, new Declaration("Services switched on", List.of("service")));
        TABLES.put(STANZA_VOLUMES, new Declaration("Stanza volume per report period", List.of("stanzas_per_period")));
        TABLES.put(STANZA_TOTALS, new Declaration("Stanzas per report period, all installations", List.of("stanza_type")));
    }

    /** Cluster sizes and stanza volumes are published in ranges (see ReportCells): an exact size singles a server out. */
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
        // Cells by table, keyed by their TAB-joined labels: split only for the cells that are published.
        Map<String, Map<String, long[]>> cells = new LinkedHashMap<>();
        TABLES.keySet().forEach(name -> cells.put(name, new HashMap<>()));
        long[] installations = {0};
        store.forEachCountedCells(cutoff, rules.minReports(), text -> {
            installations[0]++;
            count(text, cells);
        });
        for (MonthVersion row : store.monthlyVersions(cutoff, rules.minReports())) {
            cells.get(VERSIONS_BY_MONTH).put(row.month() + "\t" + row.version(), new long[] {row.installations(), 0});
        }
        int[] suppressed = {0};
        List<Aggregates.Table> tables = new ArrayList<>();
        for (Map.Entry<String, Declaration> table : TABLES.entrySet()) {
            tables.add(publish(table.getKey(), table.getValue(), cells.get(table.getKey()), suppressed));
        }
        OptionalLong total = installations[0] >= rules.k() ? OptionalLong.of(round(installations[0]))
                : OptionalLong.empty();
        return new Aggregates(now, rules, total, suppressed[0], List.copyOf(tables));
    }

    private Aggregates.Table publish(String name, Declaration declaration, Map<String, long[]> counted,
            int[] suppressed) {
        List<Aggregates.Row> rows = new ArrayList<>();
        boolean summed = name.equals(STANZA_TOTALS);
        for (Map.Entry<String, long[]> cell : counted.entrySet()) {
            long installations = cell.getValue()[0];
            if (installations < rules.k()) {
                suppressed[0]++;
                continue;
            }
            rows.add(new Aggregates.Row(List.of(cell.getKey().split("\t")), round(installations),
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
        return new Aggregates.Table(name, declaration.title(), declaration.labels(),
                summed ? "increment" : null, List.copyOf(rows));
    }

    private static int rangeIndex(String range) {
        int index = NODE_RANGES.indexOf(range);
        return index >= 0 ? index : VOLUME_RANGES.indexOf(range);
    }

    /** Adds one installation's cells (see {@link ReportCells}); plugins no longer on the known list are skipped. */
    private void count(String text, Map<String, Map<String, long[]>> cells) {
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            int tableEnd = text.indexOf('\t', start);
            int amountStart = text.lastIndexOf('\t', end - 1);
            if (tableEnd > start && amountStart > tableEnd && amountStart < end) {
                Map<String, long[]> table = cells.get(text.substring(start, tableEnd));
                String labels = text.substring(tableEnd + 1, amountStart);
                if (table != null && knownPluginOrOther(table == cells.get(PLUGINS) || table == cells.get(PLUGIN_VERSIONS),
                        labels)) {
                    long[] cell = table.computeIfAbsent(labels, k -> new long[2]);
                    cell[0]++;
                    cell[1] += Long.parseLong(text, amountStart + 1, end, 10);
                }
            }
            start = end + 1;
        }
    }

    private boolean knownPluginOrOther(boolean pluginTable, String labels) {
        if (!pluginTable) {
            return true;
        }
        int tab = labels.indexOf('\t');
        return knownPlugins.contains(tab < 0 ? labels : labels.substring(0, tab));
    }

    /** To the nearest multiple of {@code rounding}, never below it: a published count never reads 0. */
    long round(long count) {
        long step = rules.rounding();
        return Math.max(step, Math.round(count / (double) step) * step);
    }

    /** Two significant digits (10 to 99: the nearest ten): enough for a chart, too coarse to pick one server out. */
    static long roundSignificant(long value) {
        if (value < 100) {
            return value < 10 ? value : Math.round(value / 10.0) * 10;
        }
        long scale = (long) Math.pow(10, (long) Math.floor(Math.log10(value)) - 1);
        return Math.round(value / (double) scale) * scale;
    }
}
