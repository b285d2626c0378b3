package org.systemmetrics.collector.publish;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * The published aggregates: every number the dashboard, the JSON document and the Prometheus text show, after the
 * privacy rules. Only this ever leaves the collector publicly.
 */
public record Aggregates(Instant generatedAt, Rules rules, OptionalLong installations, int suppressedCells,
        List<Table> tables) {

    /** The data contract's parameters, published with the numbers so a reader can tell what they mean. */
    public record Rules(int minReports, int k, int rounding, int retentionDays) {
    }

    /** One published row: its labels (in the table's label order), the rounded installation count, and a sum. */
    public record Row(List<String> labels, long installations, Long sum) {
    }

    /** A table: its name in the JSON and Prometheus, a title for people, its labels, its rows. */
    public record Table(String name, String title, List<String> labels, String sumName, List<Row> rows) {
    }

    public Table table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table " + name));
    }

    public JsonObject toJson() {
        JsonObject root = new JsonObject();
        root.addProperty("generated_at", generatedAt.toString());
        JsonObject rulesJson = new JsonObject();
        rulesJson.addProperty("min_reports", rules.minReports());
        rulesJson.addProperty("k", rules.k());
        rulesJson.addProperty("rounding", rules.rounding());
        rulesJson.addProperty("retention_days", rules.retentionDays());
        root.add("rules", rulesJson);
        if (installations.isPresent()) {
            root.addProperty("installations", installations.getAsLong());
        } else {
            root.add("installations", com.google.gson.JsonNull.INSTANCE);
        }
        root.addProperty("suppressed_cells", suppressedCells);
        JsonObject tablesJson = new JsonObject();
        for (Table table : tables) {
            JsonArray rows = new JsonArray();
            for (Row row : table.rows()) {
                JsonObject rowJson = new JsonObject();
                for (int i = 0; i < table.labels().size(); i++) {
                    rowJson.addProperty(table.labels().get(i), row.labels().get(i));
                }
                rowJson.addProperty("installations", row.installations());
                if (table.sumName() != null) {
                    rowJson.addProperty(table.sumName(), row.sum());
                }
                rows.add(rowJson);
            }
            tablesJson.add(table.name(), rows);
        }
        root.add("tables", tablesJson);
        return root;
    }
}
