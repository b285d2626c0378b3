package org.systemmetrics.collector.publish;

import com.google.gson.Gson;

/**
 * The public dashboard: the aggregates as tables (readable without JavaScript) and, drawn from the same numbers
 * embedded in the page, Chart.js charts. Chart.js comes from its webjar inside the collector; no CDN.
 */
public final class DashboardPage {
    private static final Gson GSON = new Gson(); // escapes < > & so the JSON is safe inside the page

    private final String chartJsPath;

    public DashboardPage(String chartJsPath) {
        this.chartJsPath = chartJsPath;
    }

    public String render(Aggregates aggregates) {
        StringBuilder page = new StringBuilder(32_768);
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Openfire in use — systemmetrics collector</title>")
                .append("<link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/static/collector.css\">")
                .append("<script src=\"").append(Html.escape(chartJsPath)).append("\" defer></script>")
                .append("<script src=\"/static/dashboard.js\" defer></script></head><body>\n")
                .append("<h1>Openfire in use</h1>\n<p id=\"summary\">");
        if (aggregates.installations().isPresent()) {
            page.append("About <strong id=\"installations\">").append(aggregates.installations().getAsLong())
                    .append("</strong> installations.");
        } else {
            page.append("<strong id=\"installations\">Too few installations</strong> to publish a total yet.");
        }
        Aggregates.Rules rules = aggregates.rules();
        page.append(" An installation counts once it has reported ").append(rules.minReports())
                .append(" times and until it has been silent for ").append(rules.retentionDays())
                .append(" days; a number shared by fewer than ").append(rules.k())
                .append(" installations is not shown (").append(aggregates.suppressedCells())
                .append(" left out); counts are rounded to multiples of ").append(rules.rounding())
                .append(". Computed ").append(aggregates.generatedAt()).append(". Also as <a href=\"/v1/aggregates\">JSON</a>")
                .append(" and <a href=\"/metrics\">Prometheus text</a>.</p>\n");
        for (Aggregates.Table table : aggregates.tables()) {
            page.append("<section id=\"").append(table.name()).append("\"><h2>").append(Html.escape(table.title()))
                    .append("</h2>");
            if (table.rows().isEmpty()) {
                page.append("<p class=\"empty\">Nothing to show yet under the privacy rules.</p></section>\n");
                continue;
            }
            page.append("<div class=\"chart\"><canvas id=\"chart-").append(table.name())
                    .append("\" role=\"img\" aria-label=\"").append(Html.escape(table.title()))
                    .append("\"></canvas></div><table><thead><tr>");
            for (String label : table.labels()) {
                page.append("<th>").append(Html.escape(label.replace('_', ' '))).append("</th>");
            }
            page.append("<th>installations</th>");
            if (table.sumName() != null) {
                page.append("<th>").append(Html.escape(table.sumName())).append("</th>");
            }
            page.append("</tr></thead><tbody>");
            for (Aggregates.Row row : table.rows()) {
                page.append("<tr>");
                for (String label : row.labels()) {
                    page.append("<td>").append(Html.escape(label)).append("</td>");
                }
                page.append("<td class=\"n\">").append(row.installations()).append("</td>");
                if (table.sumName() != null) {
                    page.append("<td class=\"n\">").append(row.sum()).append("</td>");
                }
                page.append("</tr>");
            }
            page.append("</tbody></table></section>\n");
        }
        page.append("<script type=\"application/json\" id=\"aggregates\">").append(GSON.toJson(aggregates.toJson()))
                .append("</script>\n</body></html>\n");
        return page.toString();
    }
}
