package org.systemmetrics.openfire.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.core.report.ReportAssembler;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.openfire.seam.LiveOpenfireServer;
import org.systemmetrics.testing.MetricsDictionary;
import org.systemmetrics.testing.MockedOpenfire;

/**
 * docs/metrics.md is the dictionary of what a report may contain. The code emits nothing it does not list, and
 * the GA4 set-up guide asks administrators to register exactly its parameters: no fewer (a parameter they
 * cannot see) and no more (a custom definition that stays empty).
 */
class MetricsDictionaryTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T06:00:00Z"), ZoneOffset.UTC);
    private static final Path GUIDE = Path.of("docs", "ga4-setup.md");
    private static final Pattern GUIDE_ROW = Pattern.compile("^\\| `([a-z_]+)` \\|");

    private MockedOpenfire openfire;
    private OpenfireProbes probes;

    @BeforeEach
    void startOpenfireAndPlugin() {
        openfire = new MockedOpenfire();
        openfire.plugin("admin", null).plugin("systemmetrics", "0.1.0").plugin("restapi", "1.12.0")
                .plugin("zebracorp-billing", "3.1");
        probes = new OpenfireProbes(new LiveOpenfireServer(new File("/opt/openfire/plugins/systemmetrics")),
                "0.1.0", CLOCK);
        probes.stanzas().countStanzas(true);
    }

    @AfterEach
    void stop() {
        probes.stanzas().close();
        openfire.close();
    }

    @Test
    void theCodeEmitsEveryEventAndParameterOfTheDictionaryAndNothingElse() {
        Report report = new ReportAssembler(probes.collectors(), CLOCK).assemble("client", ReportContext.DEFAULT);
        MetricsDictionary dictionary = MetricsDictionary.read();

        Map<String, Set<String>> emitted = new LinkedHashMap<>();
        for (Event event : report.events()) {
            emitted.computeIfAbsent(event.name(), n -> new LinkedHashSet<>()).addAll(event.params().keySet());
        }

        assertThat(emitted.keySet()).containsExactlyInAnyOrderElementsOf(dictionary.events());
        emitted.forEach((event, params) -> assertThat(params).as("parameters of %s", event)
                .containsExactlyInAnyOrderElementsOf(dictionary.paramsOf(event)));
    }

    @Test
    void theGa4GuideListsEveryParameterOfTheDictionaryOnceAndNothingElse() throws IOException {
        List<String> listed = guideParameterList();

        assertThat(listed).doesNotHaveDuplicates();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(MetricsDictionary.read().allParams());
    }

    /** The rows of the table between the guide's parameter-list markers. */
    private static List<String> guideParameterList() throws IOException {
        List<String> names = new java.util.ArrayList<>();
        boolean inList = false;
        for (String line : Files.readAllLines(GUIDE, StandardCharsets.UTF_8)) {
            if (line.startsWith("<!-- parameter-list")) {
                inList = true;
            } else if (line.startsWith("<!-- end of parameter-list")) {
                inList = false;
            } else if (inList) {
                Matcher row = GUIDE_ROW.matcher(line);
                if (row.find()) {
                    names.add(row.group(1));
                }
            }
        }
        assertThat(names).as("the parameter list of %s", GUIDE).isNotEmpty();
        return names;
    }
}
