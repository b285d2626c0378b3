package org.systemmetrics.collector.publish;

import java.util.List;

/**
 * The aggregates in Prometheus' text exposition format (version 0.0.4): one gauge family per table, the same
 * rounded and suppressed numbers as the JSON document. The version history is left out: Prometheus keeps its own.
 */
public final class PrometheusText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    public static String render(Aggregates aggregates) {
        StringBuilder out = new StringBuilder(4096);
        family(out, "systemmetrics_installations", "Installations counted under the data contract (rounded)");
        aggregates.installations().ifPresent(n -> out.append("systemmetrics_installations ").append(n).append('\n'));
        family(out, "systemmetrics_suppressed_cells", "Cells left out because fewer than k installations share them");
        out.append("systemmetrics_suppressed_cells ").append(aggregates.suppressedCells()).append('\n');
        for (Aggregates.Table table : aggregates.tables()) {
            if (table.name().equals(Aggregator.VERSIONS_BY_MONTH)) {
                continue;
            }
            String metric = "systemmetrics_" + table.name() + "_installations";
            family(out, metric, table.title() + ": installations (rounded)");
            for (Aggregates.Row row : table.rows()) {
                out.append(metric).append(labels(table.labels(), row.labels())).append(' ')
                        .append(row.installations()).append('\n');
            }
            if (table.sumName() != null) {
                String sum = "systemmetrics_" + table.name() + "_" + table.sumName();
                family(out, sum, table.title() + ": sum of " + table.sumName()
                        + " (two significant digits; from 10 to 99 the nearest ten)");
                for (Aggregates.Row row : table.rows()) {
                    out.append(sum).append(labels(table.labels(), row.labels())).append(' ').append(row.sum())
                            .append('\n');
                }
            }
        }
        return out.toString();
    }

    private static void family(StringBuilder out, String metric, String help) {
        out.append("# HELP ").append(metric).append(' ').append(help.replace("\\", "\\\\").replace("\n", " "))
                .append('\n');
        out.append("# TYPE ").append(metric).append(" gauge\n");
    }

    private static String labels(List<String> names, List<String> values) {
        StringBuilder labels = new StringBuilder("{");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                labels.append(',');
            }
            labels.append(names.get(i)).append("=\"").append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\n", "\\n")).append('"');
        }
        return labels.append('}').toString();
    }
}
