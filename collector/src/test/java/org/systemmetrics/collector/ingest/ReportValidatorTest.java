package org.systemmetrics.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.systemmetrics.collector.contract.KnownPlugins;
import org.systemmetrics.collector.contract.MetricsDictionary;

/** The collector reads the plugin's own dictionary and allowlist, so the two cannot drift apart. */
class ReportValidatorTest {
    private final MetricsDictionary dictionary = MetricsDictionary.load();
    private final ReportValidator validator = new ReportValidator(dictionary, KnownPlugins.load());

    @Test
    void theDictionaryInTheJarIsThePluginsDocsMetricsMd() throws IOException {
        String inJar = new String(MetricsDictionaryAccess.resource().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(inJar).isEqualTo(Files.readString(Path.of("..", "docs", "metrics.md")));
        assertThat(dictionary.events()).contains("cluster", "node", "module", "custom_module_count", "backend",
                "transport", "http_api", "internal_service", "xmpp_stanza_count");
        assertThat(dictionary.paramsOf("xmpp_stanza_count")).containsExactly("stanza_type", "total", "increment", "scope");
        assertThat(dictionary.kindOf("cluster", "node_count")).hasValue(MetricsDictionary.ValueKind.INTEGER);
        assertThat(dictionary.kindOf("cluster", "version")).hasValue(MetricsDictionary.ValueKind.WORD);
    }

    @Test
    void theExampleReportOfDocsMetricsMdIsAccepted() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "metrics.md"));
        Matcher example = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(example.find()).isTrue();
        ValidReport report = validator.validate(example.group(1));
        assertThat(report.openfireVersion()).isEqualTo("5.1.1");
        assertThat(report.clientId()).isEqualTo("2f1f3f8e-2c36-4a43-9b59-1e2ea5f0c7a1");
    }

    @Test
    void pluginNamesComeOnlyFromThePluginsKnownList() throws Exception {
        KnownPlugins known = KnownPlugins.load();
        assertThat(known.contains("restapi")).isTrue();
        assertThat(known.contains("hazelcast")).isTrue();
        assertThat(known.contains("my-company-sso")).isFalse();
        assertThat(known.size()).isEqualTo(Files.readAllLines(Path.of("..", "src", "main", "resources", "org",
                "systemmetrics", "openfire", "probe", "known-plugins.txt")).stream()
                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).count());
    }

    @Test
    void extraTopLevelFieldsAndNullsAreRefused() {
        String base = "{\"generated_at\": \"2026-01-01T06:00:00Z\", \"client_id\": \"2f1f3f8e-2c36-4a43-9b59-1e2ea5f0c7a1\", "
                + "\"events\": [{\"name\": \"cluster\", \"params\": {\"version\": \"5.1.1\"}}]";
        assertThatThrownBy(() -> validator.validate(base + ", \"hostname\": \"xmpp.example.org\"}"))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.status()).isEqualTo(422))
                .hasMessageContaining("hostname");
        assertThatThrownBy(() -> validator.validate(base.replace("\"5.1.1\"", "null") + "}"))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.status()).isEqualTo(422));
        assertThatThrownBy(() -> validator.validate(base.replace("\"version\": \"5.1.1\"", "\"node_count\": 1.5") + "}"))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.status()).isEqualTo(422));
        assertThatThrownBy(() -> validator.validate("{\"client_id\": 'single-quoted'}"))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.status()).isEqualTo(400));
    }

    @Test
    void deepNestingAndHugeNumbersAreRefusedQuicklyAndClearly() {
        String deep = "{\"events\": " + "[".repeat(60_000) + "]".repeat(60_000) + "}";
        assertThatThrownBy(() -> validator.validate(deep))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.status()).isEqualTo(400));
        String base = "{\"generated_at\": \"2026-01-01T06:00:00Z\", \"client_id\": \"2f1f3f8e-2c36-4a43-9b59-1e2ea5f0c7a1\", "
                + "\"events\": [{\"name\": \"cluster\", \"params\": {\"version\": \"5.1.1\", \"node_count\": NUMBER}}]}";
        java.util.List<String> answers = new java.util.ArrayList<>();
        for (String number : new String[] {"1e999999999", "1" + "0".repeat(60_000), "9223372036854775808", "-1",
                "1e-999999999"}) {
            try {
                validator.validate(base.replace("NUMBER", number));
                answers.add("accepted");
            } catch (Rejection r) {
                answers.add(r.status() + " " + r.code());
            }
        }
        // A 60,000-digit number is not read as JSON at all (400); the others are JSON that breaks the rule (422).
        assertThat(answers).containsExactly("422 unknown_schema", "400 malformed", "422 unknown_schema",
                "422 unknown_schema", "422 unknown_schema");
    }
}
