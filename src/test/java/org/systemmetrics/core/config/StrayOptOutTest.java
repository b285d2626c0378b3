package org.systemmetrics.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.systemmetrics.core.config.TestConfigs.errors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An opt-out anywhere but the one documented place (a key of the service_mongoose_system_metrics entry) switches
 * reporting off, in YAML and Erlang alike, with one ERROR naming the file, the line and what to write instead.
 */
class StrayOptOutTest {
    private static final String YAML_FILE = "/opt/of/conf/system_metrics.yml";
    private static final String ERLANG_FILE = "/opt/of/conf/system_metrics.config";
    private static final String YAML_ADVICE = "write  no_report: true  (with a space after the colon) as a key of the "
            + "service_mongoose_system_metrics map";
    private static final String ERLANG_ADVICE = "write the bare atom no_report in the entry's list";

    private static void assertOff(ServiceConfig loaded, String file, int line, String word, String advice) {
        assertThat(loaded.consent()).as("%s", loaded.problems()).isEqualTo(Consent.OPT_OUT_UNCLEAR);
        assertThat(errors(loaded)).singleElement().asString().contains(file + ", line " + line + ":").contains(word)
                .contains("reporting is OFF").contains(advice);
    }

    private static void assertYamlOff(String document, int line, String word) {
        assertOff(TestConfigs.yaml(document), YAML_FILE, line, word, YAML_ADVICE);
    }

    private static void assertErlangOff(String document, int line, String word) {
        assertOff(TestConfigs.erlang(document), ERLANG_FILE, line, word, ERLANG_ADVICE);
    }

    /** docs/configuration.md: such a key of another program is a near miss (two edits) and fails closed. */
    @Test
    void portOrExportOutsideTheEntryIsTakenForAMistypedReportAndSwitchesReportingOff() {
        assertYamlOff("services:\n  service_mongoose_system_metrics:\n    report: true\nweb:\n  port: 8080\n", 5,
                "'port'");
        assertYamlOff("services:\n  service_mongoose_system_metrics:\n    report: true\nbackup:\n  export: daily\n", 5,
                "'export'");
        assertErlangOff("{services, [{service_mongoose_system_metrics, [report]}]}.\n{web, [{port, 8080}]}.", 2,
                "'port'");
    }

    @Test
    void noReportBesideTheEntryUnderServicesIsAnErrorAndReportingIsOff() {
        assertYamlOff("services:\n  service_mongoose_system_metrics:\n    initial_report: 60000\n  no_report: true\n", 4,
                "'no_report'");
        assertErlangOff("{services, [{service_mongoose_system_metrics, [{initial_report, 60000}]},\n  no_report]}.", 2,
                "'no_report'");
        assertErlangOff("{services, [{service_mongoose_system_metrics, []},\n  {no_report, true}]}.", 2, "'no_report'");
    }

    @Test
    void noReportAtTheTopLevelIsAnErrorAndReportingIsOff() {
        assertYamlOff("services:\n  service_mongoose_system_metrics:\n    initial_report: 60000\nno_report: true\n", 4,
                "'no_report'");
        assertErlangOff("{services, [{service_mongoose_system_metrics, [{initial_report, 60000}]}]}.\n{no_report, true}.",
                2, "'no_report'");
        assertErlangOff("{service_mongoose_system_metrics, []}.\nno_report.", 2, "'no_report'");
        // Without any entry, too: the file is read, and it says no_report in the wrong place.
        assertYamlOff("no_report: true\n", 1, "'no_report'");
        assertErlangOff("{no_report, true}.", 1, "'no_report'");
    }

    @Test
    void reportTrueInTheEntryDoesNotOutweighANoReportOutsideIt() {
        ServiceConfig yaml = TestConfigs.yaml("services:\n  service_mongoose_system_metrics:\n    report: true\n"
                + "no_report: true\n");
        ServiceConfig erlang = TestConfigs.erlang("{services, [{service_mongoose_system_metrics, [report]}]}.\n"
                + "{no_report, true}.\n");

        assertOff(yaml, YAML_FILE, 4, "'no_report'", YAML_ADVICE);
        assertOff(erlang, ERLANG_FILE, 2, "'no_report'", ERLANG_ADVICE);
    }

    @Test
    void anOptOutMergedIntoTheEntryIsAnErrorAndReportingIsOff() {
        ServiceConfig loaded = TestConfigs.yaml("defaults: &d {no_report: true}\nservices:\n"
                + "  service_mongoose_system_metrics:\n    <<: *d\n    initial_report: 60000\n");

        assertOff(loaded, YAML_FILE, 1, "'no_report'", YAML_ADVICE);
        assertThat(loaded.problems()).filteredOn(p -> p.severity() == ConfigProblem.Severity.WARNING)
                .singleElement().asString().contains("line 4").contains("merge key");
        // Defined inline, or brought in by an alias as a nested value: the same.
        assertYamlOff("services:\n  service_mongoose_system_metrics:\n    <<: {no_report: true}\n", 3, "'no_report'");
        assertYamlOff("opt: &o [no_report]\nservices:\n  service_mongoose_system_metrics:\n    extra: *o\n", 1,
                "'no_report'");
    }

    @Test
    void anOptOutNestedAtAnyDepthIsAnErrorInBothSyntaxes() {
        assertYamlOff("services:\n  service_mongoose_system_metrics:\n    extra:\n      no_report: true\n", 4,
                "'no_report'");
        assertErlangOff("{service_mongoose_system_metrics, [{extra, [{no_report, true}]}]}.", 1, "'no_report'");
        assertYamlOff("settings:\n  metrics:\n    - no-report\n", 3, "'no-report'");
        assertErlangOff("{settings, [{metrics, ['no-report']}]}.", 1, "'no-report'");
        // An entry where findEntries does not look is no entry: what it says is a stray opt-out.
        assertErlangOff("{modules, [{service_mongoose_system_metrics, [no_report]}]}.", 1, "'no_report'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "enabled: false|{enabled, false}",
        "enable: no|{enable, \"no\"}",
        "opt_out: true|{opt_out, true}",
        "optout: true|optout",
        "disable: true|disable",
        "disabled: true|{disabled, true}",
        "send: false|{send, false}",
        "tracking: false|{tracking, false}",
        "telemetry: off|{telemetry, off}",
        "off: true|off",
        "do_not_track: 1|{do_not_track, 1}",
        "send_reports: false|{send_reports, false}",
        "reporting: false|{reporting, false}",
        "no_tracking: true|no_tracking",
        "analytics_enabled: false|{analytics_enabled, false}",
        "enabled: maybe|{enabled, maybe}"})
    void aPlainEnglishOptOutInTheEntryIsAnErrorAndReportingIsOff(String yaml, String erlang) {
        String word = yaml.substring(0, yaml.indexOf(':'));
        assertYamlOff("services:\n  service_mongoose_system_metrics:\n    report: true\n    " + yaml + "\n", 4,
                "'" + word + "'");
        assertErlangOff("{service_mongoose_system_metrics, [report,\n " + erlang + "]}.", 2, "'" + word + "'");
        assertThat(errors(TestConfigs.yaml("services:\n  service_mongoose_system_metrics:\n    " + yaml + "\n")))
                .singleElement().asString().contains("plain-English opt-out");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "enabled: false|{enabled, false}",
        "opt_out: true|{opt_out, true}",
        "disabled: true|disabled",
        "tracking: false|{tracking, false}"})
    void aPlainEnglishOptOutBesideTheEntryOrAtTheTopLevelIsAnErrorToo(String yaml, String erlang) {
        String word = yaml.substring(0, yaml.indexOf(':'));
        assertYamlOff("services:\n  service_mongoose_system_metrics:\n    report: true\n  " + yaml + "\n", 4,
                "'" + word + "'");
        assertYamlOff(yaml + "\nservices:\n  service_mongoose_system_metrics:\n    report: true\n", 1, "'" + word + "'");
        assertErlangOff("{services, [{service_mongoose_system_metrics, [report]},\n " + erlang + "]}.", 2,
                "'" + word + "'");
        assertErlangOff(erlang + ".\n{service_mongoose_system_metrics, [report]}.", 1, "'" + word + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"enabled: true", "send: true", "disabled: false", "opt_out: false", "tracking: true"})
    void aPlainEnglishSwitchThatSaysOnIsOnlyAnUnknownKey(String setting) {
        ServiceConfig loaded = TestConfigs.yaml("services:\n  service_mongoose_system_metrics:\n    report: true\n    "
                + setting + "\n");

        assertThat(loaded.consent()).isEqualTo(Consent.ON);
        assertThat(loaded.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(ConfigProblem.Severity.WARNING);
            assertThat(p.message()).contains("unknown key");
        });
    }

    @Test
    void ordinaryKeysAndOtherServicesOwnSwitchesLeaveReportingOn() {
        String yaml = "services:\n  service_mongoose_system_metrics:\n    report: true\n"
                + "  mod_muc:\n    enabled: false\n    port: 5222\n    host: conference.example.org\n"
                + "listen:\n  - module: ejabberd_c2s\n    max_stanza_size: 65536\n";
        String erlang = "{services, [{service_mongoose_system_metrics, [report]},\n"
                + "  {mod_muc, [{enabled, false}, {port, 5222}, {host, \"conference.example.org\"}]}]}.\n"
                + "{listen, [{5222, ejabberd_c2s, [{access, c2s}, {max_stanza_size, 65536}]}]}.\n"
                + "{hosts, [\"localhost\"]}.\n{loglevel, 3}.\n";

        assertThat(TestConfigs.yaml(yaml).consent()).isEqualTo(Consent.ON);
        assertThat(TestConfigs.yaml(yaml).problems()).isEmpty();
        assertThat(TestConfigs.erlang(erlang).consent()).isEqualTo(Consent.ON);
        assertThat(TestConfigs.erlang(erlang).problems()).isEmpty();
    }

    @Test
    void anotherServicesNoReportStillCountsBecauseItCanOnlyBeMeantForUs() {
        assertYamlOff("services:\n  service_mongoose_system_metrics:\n    report: true\n  mod_muc:\n    no_report: true\n",
                5, "'no_report'");
        assertErlangOff("{services, [{service_mongoose_system_metrics, [report]},\n {mod_muc, [no_report]}]}.", 2,
                "'no_report'");
    }

    @Test
    void aFileFullOfStrayOptOutsLogsAtMostElevenErrors() {
        StringBuilder yaml = new StringBuilder("services:\n  service_mongoose_system_metrics:\n    report: true\nextra:\n");
        for (int i = 0; i < 50; i++) {
            yaml.append("  - no_report\n");
        }
        ServiceConfig loaded = TestConfigs.yaml(yaml.toString());

        assertThat(loaded.consent()).isEqualTo(Consent.OPT_OUT_UNCLEAR);
        assertThat(errors(loaded)).hasSize(OptOut.MAX_STRAY_ERRORS + 1);
        assertThat(errors(loaded).get(OptOut.MAX_STRAY_ERRORS)).contains("40 more");
    }

    @Test
    void aValueThatMayBeASecretIsNotQuotedInTheError() {
        ServiceConfig loaded = TestConfigs.yaml("services:\n  service_mongoose_system_metrics:\n"
                + "    tracking: \"Ab3xQ9SecretLooking\"\n");

        assertThat(errors(loaded)).singleElement().asString().doesNotContain("Ab3xQ9SecretLooking")
                .contains("a text of 19 characters");
    }

    @Test
    void theDocumentedFormsStillWorkWithoutAnyError() {
        assertThat(TestConfigs.yaml("services:\n  service_mongoose_system_metrics:\n    no_report: true\n")
                .problems()).isEmpty();
        assertThat(TestConfigs.erlang("{services, [{service_mongoose_system_metrics, [no_report]}]}.")
                .problems()).isEmpty();
        assertThat(TestConfigs.erlang("{services, [{service_mongoose_system_metrics, [report]}]}.")
                .consent()).isEqualTo(Consent.ON);
    }

    /**
     * Every word of the file is judged now, so judging one must not take long whatever its length: the old pattern
     * with two wildcards took minutes on these. The timeout guards against that hang; it is no speed target.
     */
    @Test
    @Timeout(60)
    void aFileOfHugeWordsIsJudgedWithoutHanging() {
        String huge = "no".repeat(200_000);
        ServiceConfig loaded = TestConfigs.yaml("services:\n  service_mongoose_system_metrics:\n    report: true\n"
                + "extra:\n  - " + huge + "\n  - " + huge + "x\n");

        assertThat(loaded.consent()).isEqualTo(Consent.ON);
        assertThat(OptOut.isNearMiss("dont_send_any_report")).isTrue();
        assertThat(OptOut.isNearMiss("report_is_off")).isTrue();
        assertThat(OptOut.isNearMiss("reporter_name")).isFalse();
    }

    @Test
    void aValueThatSpellsNoReportIsAnErrorInBothSyntaxes() {
        assertYamlOff("services:\n  service_mongoose_system_metrics:\n    report: true\n    mode: no_report\n", 4,
                "the value of 'mode', which spells no_report");
        assertErlangOff("{service_mongoose_system_metrics, [report,\n {mode, no_report}]}.", 2,
                "the value of 'mode', which spells no_report");
        assertYamlOff("reporting_mode: dont-report\nservices:\n  service_mongoose_system_metrics: {}\n", 1,
                "the value of 'reporting_mode', which spells no_report");
        assertErlangOff("{reporting_mode, \"dont-report\"}.\n{service_mongoose_system_metrics, []}.", 1,
                "the value of 'reporting_mode', which spells no_report");
    }
}
