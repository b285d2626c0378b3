package org.systemmetrics.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.systemmetrics.core.config.TestConfigs.errors;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.systemmetrics.core.report.ReportCategory;

/** {@code categories}, {@code report_endpoint} and {@code report_endpoint_token}, in both file syntaxes and the console. */
class CategoriesAndEndpointConfigTest {
    private static final ConfigOrigin YAML = ConfigOrigin.file(ConfigOrigin.Kind.YAML, Path.of("/opt/openfire/conf/system_metrics.yml"));
    private static final ConfigOrigin ERLANG = ConfigOrigin.file(ConfigOrigin.Kind.ERLANG, Path.of("/opt/openfire/conf/system_metrics.config"));

    private static ServiceConfig yaml(String settings) {
        return yaml(settings, ConsoleSettings.NONE);
    }

    private static ServiceConfig yaml(String settings, ConsoleSettings console) {
        String text = "services:\n  service_mongoose_system_metrics:\n" + settings;
        return TestConfigs.read(text, YAML, console);
    }

    private static ServiceConfig erlang(String options) {
        String text = "{services, [{service_mongoose_system_metrics, [" + options + "]}]}.";
        return TestConfigs.read(text, ERLANG, ConsoleSettings.NONE);
    }

    @Test
    void withoutTheKeyEveryCategoryIsReported() {
        ServiceConfig loaded = yaml("    report: true\n");

        assertThat(loaded.get(Setting.CATEGORIES)).containsExactlyInAnyOrder(ReportCategory.values());
        assertThat(loaded.sourceOf(Setting.CATEGORIES)).isEqualTo(SettingSource.DEFAULT);
        assertThat(ServiceConfig.defaults().get(Setting.CATEGORIES)).containsExactlyInAnyOrder(ReportCategory.values());
    }

    @Test
    void aYamlListAndAnErlangListOfAtomsChooseTheSame() {
        ServiceConfig fromYaml = yaml("    categories: [modules, stanzas]\n");
        ServiceConfig fromErlang = erlang("report, {categories, [modules, stanzas]}");

        assertThat(fromYaml.problems()).isEmpty();
        assertThat(fromErlang.problems()).isEmpty();
        assertThat(fromYaml.get(Setting.CATEGORIES)).containsExactlyInAnyOrder(ReportCategory.MODULES, ReportCategory.STANZAS);
        assertThat(fromErlang.get(Setting.CATEGORIES)).isEqualTo(fromYaml.get(Setting.CATEGORIES));
        assertThat(fromYaml.sourceOf(Setting.CATEGORIES)).isEqualTo(SettingSource.FILE);
    }

    @Test
    void anEmptyListSendsTheMinimum() {
        assertThat(yaml("    categories: []\n").get(Setting.CATEGORIES)).isEmpty();
        assertThat(erlang("{categories, []}").get(Setting.CATEGORIES)).isEmpty();
    }

    @Test
    void anUnknownNameIsRefusedAtTheKeyWithTheValidNamesAndSwitchesNothingOn() {
        ServiceConfig loaded = yaml("    categories:\n      - backends\n      - plugins\n");

        assertThat(loaded.get(Setting.CATEGORIES)).containsExactly(ReportCategory.BACKENDS);
        assertThat(errors(loaded)).singleElement().asString()
                .contains("system_metrics.yml, line 5").contains("'categories'").contains("\"plugins\"")
                .contains("modules, backends, transports, apis, stanzas");
    }

    @Test
    void aValueThatIsNoListSendsOnlyTheMinimumUntilFixed() {
        ServiceConfig loaded = yaml("    categories: 42\n");

        assertThat(loaded.get(Setting.CATEGORIES)).isEmpty();
        assertThat(errors(loaded)).singleElement().asString().contains("'categories'").contains("only the cluster and node events");
    }

    @Test
    void aValueWithARefusedTagSendsOnlyTheMinimumAndIsNotCalledIgnored() {
        ServiceConfig loaded = yaml("    categories: !!binary aGVsbG8=\n");

        assertThat(loaded.get(Setting.CATEGORIES)).isEmpty();
        assertThat(errors(loaded)).singleElement().asString().contains("'categories'").contains("binary")
                .contains("only the cluster and node events").doesNotContain("ignored");
    }

    @Test
    void theConsoleChoiceOverridesTheFileAndNoneMeansTheMinimum() {
        ServiceConfig some = yaml("    categories: [modules]\n",
                ConsoleSettings.of(Map.of("categories", "backends,apis")));
        ServiceConfig none = yaml("    categories: [modules]\n",
                ConsoleSettings.of(Map.of("categories", ConsoleSettings.NO_CATEGORIES)));

        assertThat(some.get(Setting.CATEGORIES)).containsExactlyInAnyOrder(ReportCategory.BACKENDS, ReportCategory.APIS);
        assertThat(some.sourceOf(Setting.CATEGORIES)).isEqualTo(SettingSource.CONSOLE);
        assertThat(none.get(Setting.CATEGORIES)).isEmpty();
        assertThat(none.configType()).isEqualTo("yaml+admin");
    }

    @Test
    void anEndpointWithATokenFromEitherFileSyntax() {
        ServiceConfig fromYaml = yaml("    report_endpoint: https://metrics.example.org/openfire\n"
                + "    report_endpoint_token: t0ken-value\n");
        ServiceConfig fromErlang = erlang("{report_endpoint, \"https://metrics.example.org/openfire\"}, "
                + "{report_endpoint_token, \"t0ken-value\"}");

        OwnEndpoint expected = new OwnEndpoint(URI.create("https://metrics.example.org/openfire"), "t0ken-value");
        assertThat(fromYaml.problems()).isEmpty();
        assertThat(fromYaml.get(Setting.REPORT_ENDPOINT)).contains(expected);
        assertThat(fromErlang.get(Setting.REPORT_ENDPOINT)).contains(expected);
        assertThat(fromYaml.toString()).doesNotContain("t0ken-value");
        assertThat(fromYaml.get(Setting.TRACKING_ID)).isEmpty();
    }

    @Test
    void anEndpointFollowsTheSameAddressRulesAsGoogleAnalytics() {
        assertThat(yaml("    report_endpoint: http://127.0.0.1:8080/in\n").get(Setting.REPORT_ENDPOINT)).isPresent();
        assertThat(yaml("    report_endpoint: http://localhost:8080/in\n").get(Setting.REPORT_ENDPOINT)).isPresent();
        // This machine only on a port written in the URL: no default port of a local service is probed.
        for (String bad : List.of("http://localhost/in", "https://127.0.0.1/in", "http://[::1]/in",
                "http://metrics.example.org/in", "https://user@metrics.example.org/in",
                "https://metrics.example.org/in?key=1", "ftp://metrics.example.org/in", "not a url")) {
            ServiceConfig loaded = yaml("    report_endpoint: \"" + bad + "\"\n");
            assertThat(loaded.get(Setting.REPORT_ENDPOINT)).as(bad).isEmpty();
            assertThat(errors(loaded)).as(bad).singleElement().asString().contains("'report_endpoint'")
                    .contains("no report is sent to an endpoint of your own");
        }
    }

    @Test
    void aTokenAHeaderCannotCarryStopsSendingToTheEndpointAndIsNotQuoted() {
        ServiceConfig loaded = yaml("    report_endpoint: https://metrics.example.org/in\n"
                + "    report_endpoint_token: \"two words\"\n");

        assertThat(loaded.get(Setting.REPORT_ENDPOINT)).isEmpty();
        assertThat(errors(loaded)).singleElement().asString().contains("report_endpoint_token").doesNotContain("two words");
    }

    @Test
    void aTokenWithoutAnEndpointIsNamedInTheEndpointsPlaceAmongTheMessages() {
        ServiceConfig loaded = yaml("    report_endpoint_token: t0ken-value\n    initial_report: soon\n"
                + "    categories: [modules, nonsense]\n");

        assertThat(loaded.get(Setting.REPORT_ENDPOINT)).isEmpty();
        // Messages follow the settings' order (Setting.ALL), as the log has always listed them.
        assertThat(loaded.problems()).extracting(ConfigProblem::message).satisfiesExactly(
                timer -> assertThat(timer).contains("'initial_report'"),
                token -> assertThat(token).contains("'report_endpoint_token' is set but 'report_endpoint' is not")
                        .contains("the token is not used").doesNotContain("t0ken-value"),
                category -> assertThat(category).contains("'categories'"));
        assertThat(loaded.problems().get(1).severity()).isEqualTo(ConfigProblem.Severity.WARNING);
    }

    @Test
    void theConsoleEndpointUsesTheConsoleToken() {
        ServiceConfig loaded = yaml("    report_endpoint: https://file.example.org/in\n    report_endpoint_token: fileToken\n",
                ConsoleSettings.of(Map.of("report_endpoint", "https://console.example.org/in",
                        "report_endpoint_token",
                        SecretBinding.seal("consoleToken", URI.create("https://console.example.org/in")))));

        assertThat(loaded.get(Setting.REPORT_ENDPOINT))
                .contains(new OwnEndpoint(URI.create("https://console.example.org/in"), "consoleToken"));
        assertThat(loaded.sourceOf(Setting.REPORT_ENDPOINT)).isEqualTo(SettingSource.CONSOLE);
    }
}
