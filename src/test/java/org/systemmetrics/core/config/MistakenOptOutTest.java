package org.systemmetrics.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.systemmetrics.core.config.TestConfigs.ERLANG;
import static org.systemmetrics.core.config.TestConfigs.YAML;
import static org.systemmetrics.core.config.TestConfigs.erlang;
import static org.systemmetrics.core.config.TestConfigs.errors;
import static org.systemmetrics.core.config.TestConfigs.yaml;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An opt-out that cannot be read with certainty switches reporting off, in both syntaxes alike, with one ERROR
 * naming the file, the line, the key and what to write instead.
 */
class MistakenOptOutTest {
    private static final String ENTRY = "services:\n  service_mongoose_system_metrics:\n";

    private static void assertOffWithOneError(ServiceConfig loaded, Path file, String line, String key, String advice) {
        assertThat(loaded.consent()).as(loaded.problems().toString()).isNotIn(Consent.ON, Consent.ON_WITH_NOTICE);
        assertThat(errors(loaded)).singleElement().asString().contains(file.toString()).contains(line).contains(key)
                .contains("reporting is OFF").contains(advice);
    }

    private static void assertYamlOff(String settings, String line, String key) {
        assertOffWithOneError(yaml(ENTRY + settings), YAML.file().get(), line, key, "no_report: true");
    }

    private static void assertErlangOff(String options, String line, String key) {
        assertOffWithOneError(erlang("{service_mongoose_system_metrics,\n [" + options + "]}."), ERLANG.file().get(), line,
                key, "[no_report]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"no_report: \"true\"", "no_report: 1", "no_report: \"yes\"", "report: \"false\"", "report: 0",
            "no_report:", "no_report: [true]", "report: maybe", "no_report: !!binary dHJ1ZQ=="})
    void anUnreadableOptOutValueInYamlLeavesReportingOff(String setting) {
        assertYamlOff("    " + setting + "\n", "line 3", setting.substring(0, setting.indexOf(':')));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{no_report, \"true\"}", "{report, \"false\"}", "{no_report, 1}", "{report, 0}",
            "{no_report, yes}", "{no_report, <<\"true\">>}", "{report, [false]}"})
    void anUnreadableOptOutValueInErlangLeavesReportingOff(String option) {
        assertErlangOff(option, "line 2", option.substring(1, option.indexOf(',')));
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-report", "noreport", "No_Report", "NO_REPORT", "'no-report'", "no_reprot", "Report",
            "dont_report", "no report"})
    void nearMissesOfTheOptOutKeysInYamlLeaveReportingOff(String key) {
        assertYamlOff("    " + key + ": true\n", "line 3", key.replace("'", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"'no-report'", "noreport", "'No_Report'", "no_reprot", "'no report'", "'Report'"})
    void nearMissesOfTheOptOutKeysInErlangLeaveReportingOff(String atom) {
        assertErlangOff(atom, "line 2", atom.replace("'", ""));
        assertErlangOff("{" + atom + ", true}", "line 2", atom.replace("'", ""));
    }

    @Test
    void noSpaceAfterTheColonMakesTheEntryOneWordWhichLeavesReportingOff() {
        ServiceConfig loaded = yaml("services:\n  service_mongoose_system_metrics: no_report:true\n");

        assertOffWithOneError(loaded, YAML.file().get(), "line 2", "service_mongoose_system_metrics", "no_report: true");
        assertThat(errors(loaded).get(0)).contains("space after the colon");
        assertYamlOff("    no_report:true\n", "line 3", "no_report:true");
    }

    @Test
    void anEntryThatIsNotAMapOrListLeavesReportingOffInBothSyntaxes() {
        assertOffWithOneError(yaml("services:\n  service_mongoose_system_metrics: no_report\n"), YAML.file().get(),
                "line 2", "service_mongoose_system_metrics", "no_report: true");
        assertOffWithOneError(erlang("{service_mongoose_system_metrics, no_report}."), ERLANG.file().get(), "line 1",
                "service_mongoose_system_metrics", "[no_report]");
        assertOffWithOneError(erlang("{service_mongoose_system_metrics, [{\"no_report\", true}]}."), ERLANG.file().get(),
                "line 1", "service_mongoose_system_metrics", "[no_report]");
        assertOffWithOneError(yaml(ENTRY + "    - no_report: true\n"), YAML.file().get(), "line 3",
                "service_mongoose_system_metrics", "no_report: true");
    }

    @Test
    void aDuplicateKeyLeavesReportingOffInBothSyntaxes() {
        assertYamlOff("    no_report: true\n    no_report: false\n", "line 4", "no_report");
        assertYamlOff("    report: true\n    report: true\n", "line 4", "report");
        assertErlangOff("no_report,\n {no_report, false}", "line 3", "no_report");
        assertErlangOff("{report, false},\n report", "line 3", "report");
        // The first time is named by the key's line, not its value's.
        assertYamlOff("    categories:\n      - apis\n    categories: [modules]\n", "line 5", "first on line 3");
        assertErlangOff("{categories,\n  [apis]},\n {categories, [modules]}", "line 4", "first on line 2");
    }

    @Test
    void twoEntriesLeaveReportingOffInBothSyntaxesWhicheverComesFirst() {
        String yamlTwice = "services:\n  service_mongoose_system_metrics:\n    no_report: true\n"
                + "  service_mongoose_system_metrics:\n    report: true\n";
        String erlangTwice = "{services, [{service_mongoose_system_metrics, [no_report]},\n"
                + "  {service_mongoose_system_metrics, [report]}]}.";
        String erlangTwoTerms = "{service_mongoose_system_metrics, [report]}.\n{service_mongoose_system_metrics, [no_report]}.";

        assertOffWithOneError(yaml(yamlTwice), YAML.file().get(), "line 4", "service_mongoose_system_metrics", "no_report: true");
        assertOffWithOneError(erlang(erlangTwice), ERLANG.file().get(), "line 2", "service_mongoose_system_metrics", "[no_report]");
        assertOffWithOneError(erlang(erlangTwoTerms), ERLANG.file().get(), "line 2", "service_mongoose_system_metrics", "[no_report]");
        assertOffWithOneError(yaml("services:\n  service_mongoose_system_metrics:\n    report: true\n"
                + "services:\n  service_mongoose_system_metrics:\n    no_report: true\n"), YAML.file().get(), "line 4",
                "services", "no_report: true");
    }

    @Test
    void unparseableFilesLeaveReportingOffInBothSyntaxes() {
        assertThat(yaml(ENTRY + "    no_report: [true\n").consent()).isEqualTo(Consent.CONFIG_UNREADABLE);
        assertThat(erlang("{service_mongoose_system_metrics, [no_report}.").consent())
                .isEqualTo(Consent.CONFIG_UNREADABLE);
    }

    @Test
    void correctOptOutsAndOptInsStillWork() {
        assertThat(yaml(ENTRY + "    no_report: true\n").consent()).isEqualTo(Consent.OFF);
        assertThat(yaml(ENTRY + "    report: false\n").consent()).isEqualTo(Consent.OFF);
        assertThat(yaml(ENTRY + "    report: true\n").consent()).isEqualTo(Consent.ON);
        assertThat(yaml(ENTRY + "    - report\n").consent()).isEqualTo(Consent.ON);
        assertThat(erlang("{service_mongoose_system_metrics, [no_report]}.").consent()).isEqualTo(Consent.OFF);
        assertThat(erlang("{service_mongoose_system_metrics, [{report, true}]}.").consent()).isEqualTo(Consent.ON);
        assertThat(yaml(ENTRY + "    perodic_report: 5\n").consent()).isEqualTo(Consent.ON_WITH_NOTICE);
    }

    @Test
    void anUnreadableConsoleReportValueLeavesReportingOff() {
        ServiceConfig loaded = TestConfigs.read(ENTRY + "    report: true\n", YAML,
                ConsoleSettings.of(java.util.Map.of("report", "no")));

        assertThat(loaded.consent()).isEqualTo(Consent.OPT_OUT_UNCLEAR);
        assertThat(errors(loaded)).singleElement().asString().contains("admin console setting report")
                .contains("\"no\"").contains("reporting is OFF");
    }

    @Test
    void aConsoleReportValueThatOnlyLooksLikeFalseIsUnclearNotOff() {
        // "falſe" with a long s: equal to "false" ignoring case, but not what the admin console ever stores.
        ServiceConfig loaded = TestConfigs.read(ENTRY + "    report: true\n", YAML,
                ConsoleSettings.of(java.util.Map.of("report", "fal\u017fe")));

        assertThat(loaded.consent()).isEqualTo(Consent.OPT_OUT_UNCLEAR);
        assertThat(errors(loaded)).singleElement().asString().contains("admin console setting report");
    }
}
