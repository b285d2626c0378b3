package org.systemmetrics.openfire.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.systemmetrics.testing.MetricsDictionary;

/**
 * readme.html is the only document Openfire shows, and someone holding only the jar cannot open docs/: its table of
 * what is gathered lists every event and parameter of docs/metrics.md, and it points to no file it does not carry.
 */
class ReadmeMetricsTest {
    private static final Path README = Path.of("readme.html");
    /** One row of the "gathered" table: the event's name, then its parameters' cell. */
    private static final Pattern ROW = Pattern.compile(
            "<tr><td><code>([a-z_]+)</code>[^<]*</td><td>(.*?)</td>", Pattern.DOTALL);

    private static String readme() throws IOException {
        return Files.readString(README, StandardCharsets.UTF_8);
    }

    private static Map<String, String> gatheredRows(String readme) {
        int start = readme.indexOf("<table id=\"gathered\">");
        String table = readme.substring(start, readme.indexOf("</table>", start));
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            rows.put(row.group(1), row.group(2));
        }
        return rows;
    }

    @Test
    void theReadmeListsEveryEventAndParameterOfTheDictionary() throws IOException {
        MetricsDictionary dictionary = MetricsDictionary.read();
        String readme = readme();
        Map<String, String> rows = gatheredRows(readme);

        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(dictionary.events());
        for (String event : dictionary.events()) {
            for (String param : dictionary.paramsOf(event)) {
                // scope is on every event and explained once, above the table.
                String where = param.equals("scope") ? readme : rows.get(event);
                assertThat(where).as("readme.html, event %s, parameter %s", event, param)
                        .contains("<code>" + param + "</code>");
            }
        }
    }

    @Test
    void theReadmeCarriesWhatItSaysAndPointsToNoProjectFile() throws IOException {
        String readme = readme();

        assertThat(readme).doesNotContainPattern("docs/[a-z0-9-]+\\.md").doesNotContain("metrics.md")
                .doesNotContain("ga4-setup.md");
        assertThat(readme).contains("id=\"opt-out\"", "id=\"see-data\"", "id=\"gathered\"", "no_report: true");
    }
}
