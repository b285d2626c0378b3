package org.systemmetrics.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.systemmetrics.core.config.TestConfigs.errors;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** system_metrics.yml as an administrator writes it, right and wrong. */
class YamlConfigTest {
    private static final ConfigOrigin ORIGIN = ConfigOrigin.file(ConfigOrigin.Kind.YAML, Path.of("/opt/openfire/conf/system_metrics.yml"));

    private static ServiceConfig load(String yaml) {
        return TestConfigs.read(yaml, ORIGIN, ConsoleSettings.NONE);
    }

    @Test
    void theDocumentedExampleIsReadCompletely() {
        ServiceConfig config = load("services:\n"
                + "  service_mongoose_system_metrics:\n"
                + "    report: true            # or no_report: true\n"
                + "    initial_report: 300000  # ms before the first report\n"
                + "    periodic_report: 10800000\n"
                + "    tracking_id: {id: G-ABCDEF1234, secret: s3cr3tValue}\n"
                + "    google_analytics_url: https://region1.google-analytics.com/mp/collect\n");

        assertThat(config.problems()).isEmpty();
        assertThat(config.consent()).isEqualTo(Consent.ON);
        assertThat(config.get(Setting.INITIAL_REPORT)).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.get(Setting.PERIODIC_REPORT)).isEqualTo(Duration.ofHours(3));
        assertThat(config.get(Setting.TRACKING_ID)).containsExactly(new TrackingId("G-ABCDEF1234", "s3cr3tValue"));
        assertThat(config.get(Setting.GOOGLE_ANALYTICS_URL)).isEqualTo(URI.create("https://region1.google-analytics.com/mp/collect"));
        assertThat(config.sourceOf(Setting.PERIODIC_REPORT)).isEqualTo(SettingSource.FILE);
        assertThat(config.configType()).isEqualTo("yaml");
    }

    @Test
    void anEntryWithoutSettingsUsesTheDefaultsAndAsksForConsent() {
        ServiceConfig loaded = load("services:\n  service_mongoose_system_metrics:\n");

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.consent()).isEqualTo(Consent.ON_WITH_NOTICE);
        assertThat(loaded.get(Setting.INITIAL_REPORT)).isEqualTo(Setting.INITIAL_REPORT.defaultValue());
        assertThat(loaded.get(Setting.PERIODIC_REPORT)).isEqualTo(Setting.PERIODIC_REPORT.defaultValue());
        assertThat(loaded.sourceOf(Setting.PERIODIC_REPORT)).isEqualTo(SettingSource.DEFAULT);
    }

    @Test
    void noEntryMeansNotConfigured() {
        assertThat(load("services:\n  other: {}\n").consent()).isEqualTo(Consent.NOT_CONFIGURED);
        assertThat(load("").consent()).isEqualTo(Consent.NOT_CONFIGURED);
        assertThat(load("# only a comment\n").consent()).isEqualTo(Consent.NOT_CONFIGURED);
    }

    @Test
    void severalTrackingIdsAreAllowed() {
        ServiceConfig loaded = load("services:\n  service_mongoose_system_metrics:\n    tracking_id:\n"
                + "      - {id: G-AAAA1111, secret: one}\n      - {id: G-BBBB2222, secret: two}\n");

        assertThat(loaded.get(Setting.TRACKING_ID)).extracting(TrackingId::measurementId).containsExactly("G-AAAA1111", "G-BBBB2222");
    }

    @Test
    void negativeTimerIsAnErrorNamingFileLineKeyAndValueAndFallsBackToTheDefault() {
        ServiceConfig loaded = load("services:\n  service_mongoose_system_metrics:\n    report: true\n    initial_report: -5\n");

        assertThat(errors(loaded)).singleElement().asString()
                .contains("/opt/openfire/conf/system_metrics.yml")
                .contains("line 4")
                .contains("initial_report")
                .contains("-5")
                .contains("using the default 300000 (5 min)");
        assertThat(loaded.get(Setting.INITIAL_REPORT)).isEqualTo(Setting.INITIAL_REPORT.defaultValue());
        assertThat(loaded.consent()).isEqualTo(Consent.ON);
    }

    @Test
    void nonNumericAndWronglyTypedValuesAreErrorsWithDefaults() {
        ServiceConfig loaded = load("services:\n  service_mongoose_system_metrics:\n"
                + "    initial_report: soon\n    periodic_report: [1, 2]\n    report: maybe\n"
                + "    google_analytics_url: 42\n");

        assertThat(errors(loaded)).hasSize(4);
        assertThat(errors(loaded)).anyMatch(e -> e.contains("line 3") && e.contains("initial_report") && e.contains("\"soon\""));
        assertThat(errors(loaded)).anyMatch(e -> e.contains("periodic_report") && e.contains("using the default 10800000 (3 h)"));
        assertThat(errors(loaded)).anyMatch(e -> e.contains("'report'") && e.contains("\"maybe\"")
                && e.contains("reporting is OFF"));
        assertThat(errors(loaded)).anyMatch(e -> e.contains("google_analytics_url"));
        assertThat(loaded.get(Setting.PERIODIC_REPORT)).isEqualTo(Setting.PERIODIC_REPORT.defaultValue());
        // "maybe" may be meant as an opt-out: reporting is off until it is true or false.
        assertThat(loaded.consent()).isEqualTo(Consent.OPT_OUT_UNCLEAR);
    }

    @Test
    void periodicReportOfZeroAndHugeNumbersAreRejected() {
        assertThat(errors(load("services:\n  service_mongoose_system_metrics:\n    periodic_report: 0\n")))
                .singleElement().asString().contains("periodic_report").contains("between 1 and");
        assertThat(errors(load("services:\n  service_mongoose_system_metrics:\n    initial_report: 99999999999999999999999999\n")))
                .singleElement().asString().contains("initial_report").contains("99999999999999999999999999");
    }

    @Test
    void unknownKeysAreWarningsNamingTheKey() {
        ServiceConfig loaded = load("services:\n  service_mongoose_system_metrics:\n    report: true\n    perodic_report: 5\n");

        assertThat(loaded.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(ConfigProblem.Severity.WARNING);
            assertThat(p.message()).contains("unknown key 'perodic_report'").contains("line 4");
        });
    }

    @Test
    void reportAndNoReportTogetherMeanOff() {
        ServiceConfig loaded = load("services:\n  service_mongoose_system_metrics:\n    report: true\n    no_report: true\n");

        assertThat(loaded.consent()).isEqualTo(Consent.OFF);
        assertThat(errors(loaded)).singleElement().asString().contains("'no_report' wins");
    }

    @Test
    void universalAnalyticsIdIsAConfigurationErrorThatExplainsGa4() {
        ServiceConfig loaded = load("services:\n  service_mongoose_system_metrics:\n    tracking_id: {id: UA-12345-1, secret: x}\n");

        assertThat(loaded.get(Setting.TRACKING_ID)).isEmpty();
        assertThat(loaded.consent()).isIn(Consent.ON, Consent.ON_WITH_NOTICE);
        assertThat(errors(loaded)).singleElement().asString()
                .contains("UA-12345-1").contains("Universal Analytics").contains("2023")
                .contains("Measurement ID").contains("API secret");
    }

    @Test
    void aMapUsedAsAFieldNameOfTrackingIdIsNamedByItsKindAndIgnored() {
        ServiceConfig loaded = load("services:\n  service_mongoose_system_metrics:\n"
                + "    tracking_id: {id: G-ABCD1234, secret: s3cr3t, ? {a: 1} : x}\n");

        assertThat(loaded.get(Setting.TRACKING_ID)).hasSize(1);
        assertThat(loaded.problems()).extracting(ConfigProblem::message).singleElement().asString()
                .contains("unknown field (a text of 15 characters)");
    }

    @Test
    void aListOfTrackingIdsKeepsEachOnceInItsOrderAndNamesEachProblemInTheFilesOrder() {
        ServiceConfig loaded = load("services:\n  service_mongoose_system_metrics:\n    tracking_id:\n"
                + "      - {id: G-BBBB2222, secret: two, colour: red, shade: dark}\n"
                + "      - {id: G-AAAA1111, secret: one}\n      - {id: X-1, secret: s}\n"
                + "      - {id: G-BBBB2222, secret: two, size: 1}\n");

        assertThat(loaded.get(Setting.TRACKING_ID)).containsExactly(new TrackingId("G-BBBB2222", "two"),
                new TrackingId("G-AAAA1111", "one"));
        assertThat(loaded.problems()).extracting(ConfigProblem::message).satisfiesExactly(
                colour -> assertThat(colour).contains("line 4").contains("'colour'"),
                shade -> assertThat(shade).contains("line 4").contains("'shade'"),
                badId -> assertThat(badId).contains("line 6").contains("tracking_id"),
                size -> assertThat(size).contains("line 7").contains("'size'"));
    }

    @Test
    void trackingIdWithoutSecretOrWithBadIdIsRejectedWithoutShowingTheSecret() {
        ServiceConfig noSecret = load("services:\n  service_mongoose_system_metrics:\n    tracking_id: {id: G-ABCD1234}\n");
        ServiceConfig badId = load("services:\n  service_mongoose_system_metrics:\n    tracking_id: {id: X-1, secret: topsecret}\n");

        assertThat(noSecret.get(Setting.TRACKING_ID)).isEmpty();
        assertThat(errors(noSecret)).singleElement().asString().contains("API secret");
        assertThat(badId.get(Setting.TRACKING_ID)).isEmpty();
        assertThat(errors(badId)).singleElement().asString().contains("a text of 3 characters").doesNotContain("X-1")
                .doesNotContain("topsecret");
    }

    @Test
    void endpointMustBeHttpsExceptOnThisMachine() {
        assertThat(load("services:\n  service_mongoose_system_metrics:\n    google_analytics_url: http://collector.example.com/mp/collect\n")
                .get(Setting.GOOGLE_ANALYTICS_URL)).isEqualTo(ServiceConfig.DEFAULT_GOOGLE_ANALYTICS_URL);
        assertThat(load("services:\n  service_mongoose_system_metrics:\n    google_analytics_url: http://127.0.0.1:8080/mp/collect\n")
                .get(Setting.GOOGLE_ANALYTICS_URL)).isEqualTo(URI.create("http://127.0.0.1:8080/mp/collect"));
    }

    @Test
    void malformedYamlMakesTheFileUnreadableWithFileAndLine() {
        ServiceConfig loaded = load("services:\n  service_mongoose_system_metrics:\n    report: [true\n    no_report: yes\n");

        assertThat(loaded.consent()).isEqualTo(Consent.CONFIG_UNREADABLE);
        assertThat(errors(loaded)).singleElement().asString()
                .contains("/opt/openfire/conf/system_metrics.yml").contains("line ").contains("reporting stays off");
    }

    @Test
    void tagsThatWouldConstructJavaObjectsAreRefusedNeverInstantiated() {
        ServiceConfig loaded = load("services:\n  service_mongoose_system_metrics:\n"
                + "    initial_report: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1/\"]]]]\n");

        assertThat(errors(loaded)).anyMatch(e -> e.contains("tag") && e.contains("not allowed"));
        assertThat(loaded.get(Setting.INITIAL_REPORT)).isEqualTo(Setting.INITIAL_REPORT.defaultValue());
    }

    @Test
    void anAliasInsideItselfIsAnErrorNotAStackOverflow() {
        for (String recursive : List.of("[*a]", "{k: *a}", "[1, [2, *a]]")) {
            ServiceConfig loaded = load("services:\n  service_mongoose_system_metrics:\n    tracking_id: &a " + recursive + "\n");

            assertThat(loaded.consent()).isEqualTo(Consent.CONFIG_UNREADABLE);
            assertThat(errors(loaded)).singleElement().asString().contains("system_metrics.yml").contains("deep");
        }
    }

    @Test
    void aliasBombIsStoppedWithAnError() {
        StringBuilder yaml = new StringBuilder("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        String previous = "a";
        for (char c = 'b'; c <= 'j'; c++) {
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            yaml.append("]\n");
            previous = String.valueOf(c);
        }
        yaml.append("services:\n  service_mongoose_system_metrics:\n    tracking_id: *j\n");

        ServiceConfig loaded = load(yaml.toString());

        assertThat(loaded.consent()).isEqualTo(Consent.CONFIG_UNREADABLE);
        assertThat(errors(loaded)).singleElement().asString().contains("system_metrics.yml");
    }
}
