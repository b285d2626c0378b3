package org.systemmetrics.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.systemmetrics.core.config.TestConfigs.messages;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** system_metrics.config in the Erlang-term form MongooseIM administrators already know. */
class ErlangConfigTest {
    private static final ConfigOrigin ORIGIN = ConfigOrigin.file(ConfigOrigin.Kind.ERLANG, Path.of("/etc/openfire/system_metrics.config"));

    private static ServiceConfig load(String text) {
        return TestConfigs.read(text, ORIGIN, ConsoleSettings.NONE);
    }

    @Test
    void theServicesFormOfTheIssueIsReadCompletely() {
        ServiceConfig loaded = load("{services, [{service_mongoose_system_metrics, [report, {initial_report, 300000},\n"
                + "    {periodic_report, 10800000}, {tracking_id, {\"G-XXXXXXX\", \"API_SECRET\"}}]}]}.");

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.consent()).isEqualTo(Consent.ON);
        assertThat(loaded.get(Setting.INITIAL_REPORT)).isEqualTo(Duration.ofMillis(300000));
        assertThat(loaded.get(Setting.PERIODIC_REPORT)).isEqualTo(Duration.ofMillis(10800000));
        assertThat(loaded.get(Setting.TRACKING_ID)).containsExactly(new TrackingId("G-XXXXXXX", "API_SECRET"));
        assertThat(loaded.configType()).isEqualTo("erlang");
    }

    @Test
    void theSnippetFromTheMongooseImDocumentationWithoutItsClosingBracketsIsRefusedSoNothingIsSent() {
        // As printed in the MongooseIM 3.6/3.7 services documentation, the closing brackets left off the end:
        // what was cut off may have held a no_report, so the file is not read as if it were closed.
        String snippet = "{services, [\n"
                + "            {service_admin_extra, [{submods, [node, accounts, sessions]}]},\n"
                + "            {service_mongoose_system_metrics, [report,\n"
                + "                                               {intial_report, 300000},\n"
                + "                                               {periodic_report, 108000000}]}\n";

        ServiceConfig loaded = load(snippet);

        assertThat(loaded.consent()).isEqualTo(Consent.CONFIG_UNREADABLE);
        assertThat(messages(loaded, ConfigProblem.Severity.ERROR)).singleElement().asString()
                .contains("/etc/openfire/system_metrics.config: line 1").contains("'[' opened here is not closed")
                .contains("expected ']'").contains("reporting stays off");
        assertThat(load(snippet + "]}.").consent()).isEqualTo(Consent.ON);
    }

    @Test
    void aTrailingNoReportCutOffByAMissingBracketLeavesReportingOff() {
        ServiceConfig loaded = load("{service_mongoose_system_metrics, [{periodic_report, 60000}, no_report\n");

        assertThat(loaded.consent()).isNotIn(Consent.ON, Consent.ON_WITH_NOTICE);
    }

    @Test
    void theBareEntryAsInTheAnnouncementIsAcceptedWithCommentsAndFinalDot() {
        ServiceConfig loaded = load("% System metrics, as in the MongooseIM 3.6 announcement\n"
                + "{service_mongoose_system_metrics, [\n"
                + "    report,                       % no consent notice\n"
                + "    {intial_report, 60000},\n"
                + "    {periodic_report, 3_600_000},\n"
                + "    {tracking_id, [{id, \"G-ABCD1234\"}, {secret, <<\"bin-secret\">>}]}\n"
                + "]}.\n");

        assertThat(messages(loaded, ConfigProblem.Severity.ERROR)).isEmpty();
        assertThat(loaded.consent()).isEqualTo(Consent.ON);
        assertThat(loaded.get(Setting.INITIAL_REPORT)).isEqualTo(Duration.ofMinutes(1));
        assertThat(loaded.get(Setting.PERIODIC_REPORT)).isEqualTo(Duration.ofHours(1));
        assertThat(loaded.get(Setting.TRACKING_ID)).containsExactly(new TrackingId("G-ABCD1234", "bin-secret"));
    }

    @Test
    void bareEntryWithTrailingCommaAsCopiedOutOfAListIsAccepted() {
        ServiceConfig loaded = load("{service_mongoose_system_metrics, [no_report]},\n");

        assertThat(loaded.consent()).isEqualTo(Consent.OFF);
    }

    @Test
    void theEntryIsFoundInsideALargerConfigurationFile() {
        ServiceConfig loaded = load("{loglevel, warning}.\n{hosts, [\"localhost\"]}.\n"
                + "{services, [{service_admin_extra, []}, {service_mongoose_system_metrics, [{report, true}]}]}.\n");

        assertThat(loaded.consent()).isEqualTo(Consent.ON);
        assertThat(load("{hosts, [\"localhost\"]}.\n{services, []}.\n").consent()).isEqualTo(Consent.NOT_CONFIGURED);
    }

    @Test
    void severalTrackingIdsAndTheHistoricUniversalAnalyticsForm() {
        ServiceConfig loaded = load("{service_mongoose_system_metrics, [{tracking_id, [{\"G-AAAA1111\", \"one\"}, "
                + "{\"G-BBBB2222\", \"two\"}]}]}.");
        ServiceConfig ua = load("{service_mongoose_system_metrics, [report, {tracking_id, \"UA-XXXX-Y\"}]}.");

        assertThat(loaded.get(Setting.TRACKING_ID)).extracting(TrackingId::measurementId).containsExactly("G-AAAA1111", "G-BBBB2222");
        assertThat(ua.get(Setting.TRACKING_ID)).isEmpty();
        assertThat(ua.consent()).isEqualTo(Consent.ON);
        assertThat(messages(ua, ConfigProblem.Severity.ERROR)).singleElement().asString()
                .contains("UA-XXXX-Y").contains("Universal Analytics").contains("GA4");
    }

    @Test
    void wrongTypesAreErrorsNamingFileLineKeyAndValue() {
        ServiceConfig loaded = load("{service_mongoose_system_metrics, [\n  {initial_report, \"5 minutes\"},\n"
                + "  {periodic_report, -1},\n  {colour, blue}\n]}.");

        assertThat(messages(loaded, ConfigProblem.Severity.ERROR))
                .anyMatch(e -> e.contains("/etc/openfire/system_metrics.config, line 2") && e.contains("initial_report")
                        && e.contains("\"5 minutes\""))
                .anyMatch(e -> e.contains("line 3") && e.contains("periodic_report") && e.contains("-1"));
        assertThat(messages(loaded, ConfigProblem.Severity.WARNING)).anyMatch(w -> w.contains("unknown key 'colour'"));
        assertThat(loaded.get(Setting.INITIAL_REPORT)).isEqualTo(Setting.INITIAL_REPORT.defaultValue());
    }

    @Test
    void syntaxErrorsMakeTheFileUnreadableWithTheLine() {
        ServiceConfig loaded = load("{service_mongoose_system_metrics,\n [report, {initial_report 5}]}.");

        assertThat(loaded.consent()).isEqualTo(Consent.CONFIG_UNREADABLE);
        assertThat(messages(loaded, ConfigProblem.Severity.ERROR)).singleElement().asString()
                .contains("system_metrics.config: line 2").contains("reporting stays off");
    }

    @Test
    void integersInOtherBasesAndQuotedAtomsAreUnderstood() {
        ServiceConfig loaded = load("{'service_mongoose_system_metrics', [{'initial_report', 16#3E8}]}.");

        assertThat(loaded.get(Setting.INITIAL_REPORT)).isEqualTo(Duration.ofSeconds(1));
    }
}
