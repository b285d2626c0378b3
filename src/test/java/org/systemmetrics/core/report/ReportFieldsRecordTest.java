package org.systemmetrics.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.systemmetrics.testing.MetricsDictionary;

/**
 * The version record in the jar (which plugin version first reported each field) against the metrics dictionary
 * in docs/metrics.md: a field added to the report without its line in the record would be sent without the
 * one-time notice, so every event and parameter must be there, and nothing else.
 */
class ReportFieldsRecordTest {
    private static final ReportFields SHIPPED = ReportFields.load();

    @Test
    void theRecordListsExactlyTheEventsAndParametersOfTheDictionary() {
        MetricsDictionary dictionary = MetricsDictionary.read();
        Set<String> documented = new LinkedHashSet<>();
        for (String event : dictionary.events()) {
            documented.add(event);
            dictionary.paramsOf(event).forEach(param -> documented.add(event + "." + param));
        }

        assertThat(SHIPPED.firstVersions().keySet()).containsExactlyInAnyOrderElementsOf(documented);
    }

    @Test
    void everyVersionInTheRecordIsAtMostThePluginsOwnAndTheFirstReleaseIsTheBaseline() throws IOException {
        Matcher version = Pattern.compile("<artifactId>systemmetrics</artifactId>\\s*<version>(\\d+(\\.\\d+)*)")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(version.find()).as("the plugin's version in pom.xml").isTrue();

        assertThat(SHIPPED.baseline()).isEqualTo("0.1.0");
        assertThat(SHIPPED.firstVersions().values())
                .allSatisfy(first -> assertThat(ReportFields.compare(first, version.group(1))).isNotPositive());
    }

    @Test
    void aFieldIsNewWhenItsVersionIsNewerThanTheStoredOne() {
        ReportFields record = ReportFields.of(Map.of("cluster", "0.1.0", "cluster.uptime_h", "0.10.0"));

        assertThat(record.newerThan(Optional.of("0.9.3"))).containsExactly(Map.entry("cluster.uptime_h", "0.10.0"));
        assertThat(record.newerThan(Optional.of("0.10"))).isEmpty();
        assertThat(record.newerThan(Optional.of("1.0.0"))).isEmpty();
        assertThat(record.newerThan(Optional.of("not a version"))).containsOnlyKeys("cluster.uptime_h");
        assertThat(record.newerThan(Optional.empty())).containsOnlyKeys("cluster.uptime_h");
        assertThat(record.latest()).isEqualTo("0.10.0");
    }

    @Test
    void commentsAndBlankLinesAreSkippedWhateverTheLineEndings() throws IOException {
        ReportFields record = ReportFields.parse(new ByteArrayInputStream(
                "# first\r\n\t cluster =  0.1.0 \r\n\r\n   # indented\rcluster.uptime_h=0.10.0\n  \nnode = 0.2.0"
                        .getBytes(StandardCharsets.UTF_8)));

        assertThat(record.firstVersions()).containsExactly(Map.entry("cluster", "0.1.0"),
                Map.entry("cluster.uptime_h", "0.10.0"), Map.entry("node", "0.2.0"));
        assertThatThrownBy(() -> ReportFields.parse(new ByteArrayInputStream(
                "cluster = 0.1.0\r node 0.2.0 \r\n".getBytes(StandardCharsets.UTF_8))))
                .hasMessageEndingWith(": node 0.2.0");
    }

    @Test
    void aBrokenRecordIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> ReportFields.parse(new ByteArrayInputStream(
                "cluster = 0.1.0\ncluster = 0.2.0\n".getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("cluster = 0.2.0");
        assertThatThrownBy(() -> ReportFields.of(Map.of("cluster", "0.1.0-SNAPSHOT")))
                .hasMessageContaining("0.1.0-SNAPSHOT");
    }
}
