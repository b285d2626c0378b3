package org.systemmetrics.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
        assertThat(dictionary.kindOf("cluster", "version")).hasValue(MetricsDictionary.ValueKind.VERSION);
        assertThat(dictionary.kindOf("module", "version")).hasValue(MetricsDictionary.ValueKind.VERSION);
    }

    /** Every parameter docs/metrics.md gives as a fixed list, and the lists as it writes them today. */
    private static final Map<String, Set<String>> FIXED_LISTS = Map.ofEntries(
            Map.entry("cluster.config_type", Set.of("yaml", "erlang", "default", "yaml+admin", "erlang+admin",
                    "default+admin")),
            Map.entry("cluster.database", Set.of("hsqldb", "mysql", "postgresql", "oracle", "sqlserver", "db2",
                    "unknown")),
            Map.entry("backend.kind", Set.of("user", "auth", "group", "vcard", "lockout", "admin")),
            Map.entry("backend.backend", Set.of("default", "ldap", "jdbc", "hybrid", "mapped", "crowd", "native",
                    "pop3", "jwt", "group", "custom")),
            Map.entry("transport.mechanism", Set.of("c2s_tcp", "c2s_direct_tls", "s2s", "s2s_direct_tls", "component",
                    "connection_manager", "bosh", "bosh_tls", "websocket")),
            Map.entry("transport.tls_policy", Set.of("disabled", "optional", "required", "direct")),
            Map.entry("http_api.api", Set.of("rest_api", "user_service", "bosh", "websocket")),
            Map.entry("internal_service.service", Set.of("muc", "pubsub", "proxy65", "media_proxy",
                    "http_file_upload")),
            Map.entry("xmpp_stanza_count.stanza_type", Set.of("message_in", "message_out", "iq_in", "iq_out",
                    "presence_in", "presence_out")));

    @Test
    void everyWordParameterOfDocsMetricsMdHasItsListOfValuesOrIsAVersionOrAPluginName() {
        FIXED_LISTS.forEach((key, expected) -> {
            String[] eventAndParam = key.split("\\.");
            assertThat(dictionary.valuesOf(eventAndParam[0], eventAndParam[1])).as(key).hasValue(expected);
        });
        for (String event : dictionary.events()) {
            for (String param : dictionary.paramsOf(event)) {
                MetricsDictionary.ValueKind kind = dictionary.kindOf(event, param).orElseThrow();
                if (param.equals("scope")) {
                    // scope is written as one table for all events: each event gets exactly its own scope
                    assertThat(dictionary.valuesOf(event, param)).as(event + ".scope").hasValueSatisfying(
                            values -> assertThat(values).hasSize(1).isSubsetOf("cluster", "node"));
                } else if (kind == MetricsDictionary.ValueKind.WORD && !(event + "." + param).equals("module.module")) {
                    assertThat(FIXED_LISTS).as("%s.%s is a word parameter: the test should name its list", event, param)
                            .containsKey(event + "." + param);
                }
            }
        }
        assertThat(dictionary.valuesOf("cluster", "scope")).hasValue(Set.of("cluster"));
        assertThat(dictionary.valuesOf("transport", "scope")).hasValue(Set.of("node"));
        assertThat(dictionary.kindOf("cluster", "plugin_version")).hasValue(MetricsDictionary.ValueKind.VERSION);
    }

    @Test
    void aMadeUpWordInAnyListedParameterIsRefusedNamingTheParameter() throws Exception {
        String example = exampleReport();
        validator.validate(example);
        Map<String, String> madeUp = new LinkedHashMap<>();
        madeUp.put("\"config_type\": \"yaml\"", "config_type");
        madeUp.put("\"database\": \"postgresql\"", "database");
        madeUp.put("\"kind\": \"user\"", "kind");
        madeUp.put("\"backend\": \"ldap\"", "backend");
        madeUp.put("\"mechanism\": \"c2s_tcp\"", "mechanism");
        madeUp.put("\"tls_policy\": \"optional\"", "tls_policy");
        madeUp.put("\"api\": \"rest_api\"", "api");
        madeUp.put("\"service\": \"muc\"", "service");
        madeUp.put("\"stanza_type\": \"message_in\"", "stanza_type");
        madeUp.put("\"scope\": \"node\"", "scope");
        for (Map.Entry<String, String> field : madeUp.entrySet()) {
            assertThat(example).contains(field.getKey());
            String forged = example.replace(field.getKey(), "\"" + field.getValue() + "\": \"xmpp-prod-01\"");
            assertThatThrownBy(() -> validator.validate(forged)).as(field.getValue())
                    .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.status()).isEqualTo(422))
                    .hasMessageContaining(field.getValue()).hasMessageContaining("xmpp-prod-01");
        }
        // A node fact claimed for the cluster is outside the list too: scope is decided by event.
        assertThatThrownBy(() -> validator.validate(example.replace("\"uptime_s\": 21600, \"scope\": \"node\"",
                "\"uptime_s\": 21600, \"scope\": \"cluster\""))).isInstanceOf(Rejection.class);
    }

    @Test
    void versionsAreDigitsAndAReleaseStatusNotAnyWord() throws Exception {
        String example = exampleReport();
        for (String version : new String[] {"5.1.1", "4.8.3", "2.6.1-beta", "1.0-rc2", "unknown"}) {
            validator.validate(example.replace("\"version\": \"1.12.0\"", "\"version\": \"" + version + "\""));
        }
        // Openfire's own Version.getVersionString() for pre-releases and snapshots, and a snapshot build's plugin_version
        for (String version : new String[] {"5.2.0 Beta", "5.2.0 RC 2", "5.2.0-SNAPSHOT", "5.2.0 Alpha-SNAPSHOT"}) {
            validator.validate(example.replace("\"version\": \"5.1.1\"", "\"version\": \"" + version + "\""));
        }
        validator.validate(example.replace("\"plugin_version\": \"0.1.0\"", "\"plugin_version\": \"0.1.0-SNAPSHOT\""));
        for (String version : new String[] {"xmpp.example.org", "5.1.1-acme", "acme", "5.1.1.internal", "5.1.1 host01",
            "5.1.1\\n"}) {
            assertThatThrownBy(() -> validator.validate(example.replace("\"version\": \"5.1.1\"",
                    "\"version\": \"" + version + "\""))).as(version)
                    .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.status()).isEqualTo(422))
                    .hasMessageContaining("version");
        }
    }

    private static String exampleReport() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "metrics.md"));
        Matcher example = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(example.find()).isTrue();
        return example.group(1);
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
