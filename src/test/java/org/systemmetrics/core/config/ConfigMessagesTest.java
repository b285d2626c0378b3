package org.systemmetrics.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.systemmetrics.core.config.TestConfigs.errors;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the configuration says back: the announcement's own unquoted example is understood well enough to
 * refuse only the ID; nothing that may be a secret is quoted; every value in a message is on one line and short;
 * odd input is not read generously.
 */
class ConfigMessagesTest {
    private static final String SECRET = "MySecretValue123";

    private static List<String> all(ServiceConfig loaded) {
        return loaded.problems().stream().map(ConfigProblem::message).collect(Collectors.toList());
    }

    @Test
    void theAnnouncementsUnquotedUniversalAnalyticsIdIsRefusedAtTheKeyAndTheRestOfTheEntryApplies() {
        ServiceConfig loaded = TestConfigs.erlang("{services, [\n  {service_mongoose_system_metrics, [\n"
                + "    report,\n    {initial_report, 60000},\n    {tracking_id, UA-XXXX-Y},\n"
                + "    {periodic_report, 3600000}\n  ]}\n]}.\n");

        assertThat(loaded.consent()).isEqualTo(Consent.ON);
        assertThat(loaded.get(Setting.INITIAL_REPORT)).isEqualTo(Duration.ofMinutes(1));
        assertThat(loaded.get(Setting.PERIODIC_REPORT)).isEqualTo(Duration.ofHours(1));
        assertThat(loaded.get(Setting.TRACKING_ID)).isEmpty();
        assertThat(errors(loaded)).singleElement().asString().contains("system_metrics.config, line 5")
                .contains("tracking_id").contains("Universal Analytics").contains("July 2023")
                .contains("{tracking_id, {\"G-XXXXXXXXXX\", \"API_SECRET\"}}");
    }

    @Test
    void anUnquotedGa4IdIsRefusedWithTheAdviceToQuoteItAndAddTheSecret() {
        ServiceConfig loaded = TestConfigs.erlang("{service_mongoose_system_metrics, [report, {initial_report, 0},\n"
                + " {tracking_id, G-ABCD1234}]}.");

        assertThat(loaded.consent()).isEqualTo(Consent.ON);
        assertThat(loaded.get(Setting.INITIAL_REPORT)).isEqualTo(Duration.ZERO);
        assertThat(loaded.get(Setting.TRACKING_ID)).isEmpty();
        assertThat(errors(loaded)).singleElement().asString().contains("line 2").contains("tracking_id")
                .contains("double quotes").contains("API secret").contains("{\"G-XXXXXXXXXX\", \"API_SECRET\"}");
    }

    @Test
    void anItemOfTheWrongShapeBesideAGoodOneRefusesOnlyItselfAndSaysSo() {
        for (ServiceConfig loaded : List.of(
                TestConfigs.erlang("{service_mongoose_system_metrics, [report,\n {tracking_id, [{\"G-ABCD1234\", \""
                        + SECRET + "\"}, G-EFGH5678]}]}."),
                TestConfigs.erlang("{service_mongoose_system_metrics, [report,\n {tracking_id, [{\"G-ABCD1234\", \""
                        + SECRET + "\"}, [x]]}]}."),
                TestConfigs.yaml("services:\n  service_mongoose_system_metrics:\n    tracking_id:\n"
                        + "      - {id: G-ABCD1234, secret: " + SECRET + "}\n      - 5\n"))) {
            assertThat(loaded.get(Setting.TRACKING_ID)).extracting(TrackingId::measurementId)
                    .containsExactly("G-ABCD1234");
            assertThat(errors(loaded)).singleElement().asString().contains("tracking_id")
                    .contains("this entry is ignored").doesNotContain("no private property");
        }
    }

    @Test
    void anUnquotedWordAnywhereElseStillRefusesTheFileSayingWhatWasExpected() {
        for (String broken : List.of("{service_mongoose_system_metrics, [{initial_report, UA-1}]}.",
                "{service_mongoose_system_metrics, [{tracking_id, {\"G-ABCD1234\", " + SECRET + "}}]}.",
                "{service_mongoose_system_metrics, [report]}.\n{other, G-ABCD1234}.")) {
            ServiceConfig loaded = TestConfigs.erlang(broken);

            assertThat(loaded.consent()).as(broken).isEqualTo(Consent.CONFIG_UNREADABLE);
            assertThat(errors(loaded)).singleElement().asString().contains("line ").containsAnyOf("expected", "unexpected")
                    .doesNotContain(SECRET).contains("reporting stays off");
        }
    }

    @Test
    void anUnprintedCharacterWhereATermShouldEndIsShownAsItsCodeNotWrittenToTheLog() {
        for (String unprinted : List.of("\u001b", "\u200b", "\ufeff")) {
            ServiceConfig loaded = TestConfigs.erlang("{services, []}" + unprinted + ".");

            assertThat(errors(loaded)).singleElement().asString()
                    .contains(String.format("\\u%04x", (int) unprinted.charAt(0))).doesNotContain(unprinted);
        }
    }

    @Test
    void aLongTagIsCutLikeEveryOtherValue() {
        String tag = "!x" + "y".repeat(300);
        ServiceConfig loaded = TestConfigs.yaml("services:\n  service_mongoose_system_metrics:\n    report: true\n"
                + "    categories: [modules, " + tag + " stanzas]\n");

        assertThat(errors(loaded)).singleElement().asString().contains("!xyyy").doesNotContain(tag);
    }

    @Test
    void onlyAFlagWrittenInQuotesIsToldThatInQuotesItIsAText() {
        assertThat(errors(TestConfigs.erlang("{service_mongoose_system_metrics, [{no_report, yes}]}.")))
                .singleElement().asString().contains("not true or false").doesNotContain("in quotes");
        assertThat(errors(TestConfigs.yaml("services:\n  service_mongoose_system_metrics:\n    no_report: maybe\n")))
                .singleElement().asString().contains("not true or false").doesNotContain("in quotes");
        assertThat(errors(TestConfigs.erlang("{service_mongoose_system_metrics, [{no_report, \"true\"}]}.")))
                .singleElement().asString().contains("in quotes it is a text");
        assertThat(errors(TestConfigs.yaml("services:\n  service_mongoose_system_metrics:\n    no_report: 'false'\n")))
                .singleElement().asString().contains("in quotes it is a text");
    }

    @Test
    void aSecretWrittenWhereTheIdBelongsIsNeverQuoted() {
        List<ServiceConfig> swapped = List.of(
                TestConfigs.yaml("services:\n  service_mongoose_system_metrics:\n    tracking_id: [G-ABCD1234, " + SECRET + "]\n"),
                TestConfigs.yaml("services:\n  service_mongoose_system_metrics:\n    tracking_id: {id: " + SECRET
                        + ", secret: G-ABCD1234}\n"),
                TestConfigs.erlang("{service_mongoose_system_metrics, [{tracking_id, {\"" + SECRET + "\", \"G-ABCD1234\"}}]}."),
                TestConfigs.erlang("{service_mongoose_system_metrics, [{tracking_id, [\"G-ABCD1234\", \"" + SECRET + "\"]}]}."),
                TestConfigs.erlang("{service_mongoose_system_metrics, [{tracking_id, [G-ABCD1234, 9" + SECRET + "]}]}."),
                TestConfigs.erlang("{service_mongoose_system_metrics, [{tracking_id, [G-ABCD1234, " + SECRET + "]}]}."));

        for (ServiceConfig loaded : swapped) {
            assertThat(loaded.problems()).isNotEmpty();
            assertThat(all(loaded)).allSatisfy(m -> assertThat(m).doesNotContain(SECRET).doesNotContain("SecretValue"));
        }
        assertThat(errors(swapped.get(0))).anyMatch(m -> m.contains("a text of 16 characters"));
    }

    @Test
    void aSecretWrittenWhereAKeyBelongsIsNeverQuotedButAPlainUnknownKeyIs() {
        List<ServiceConfig> misplaced = List.of(
                TestConfigs.yaml("services:\n  service_mongoose_system_metrics:\n    - " + SECRET + "\n"),
                TestConfigs.yaml("services:\n  service_mongoose_system_metrics:\n    tracking_id: {" + SECRET
                        + ": G-ABCD1234}\n"),
                TestConfigs.erlang("{service_mongoose_system_metrics, [{tracking_id, [{'" + SECRET
                        + "', \"G-ABCD1234\"}]}]}."));
        for (ServiceConfig loaded : misplaced) {
            assertThat(loaded.problems()).isNotEmpty();
            assertThat(all(loaded)).allSatisfy(m -> assertThat(m).doesNotContain(SECRET));
        }
        assertThat(all(misplaced.get(0))).anyMatch(m -> m.contains("unknown key (a text of 16 characters)"));
        assertThat(all(TestConfigs.yaml("services:\n  service_mongoose_system_metrics:\n    colour: blue\n")))
                .singleElement().asString().contains("unknown key 'colour'");
    }

    @Test
    void anEmptyConsoleReportValueMeansUnsetNotAnUnclearOptOut() {
        ServiceConfig loaded = TestConfigs.read("services:\n  service_mongoose_system_metrics:\n"
                + "    report: true\n", ConfigOrigin.shippedDefault(),
                ConsoleSettings.of(java.util.Map.of("report", " ")));
        assertThat(loaded.consent()).isEqualTo(Consent.ON);
        assertThat(loaded.problems()).isEmpty();
    }

    @Test
    void aValueWithALineBreakCannotForgeASecondLogLine() {
        ServiceConfig loaded = TestConfigs.yaml("services:\n  service_mongoose_system_metrics:\n"
                + "    initial_report: \"5\\n2026-01-01 ERROR forged\"\n    colour\\u2028x: 1\n    report: \"no\\r\\nway\"\n");

        assertThat(all(loaded)).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(m -> assertThat(m).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u2028"));
        assertThat(all(loaded)).anyMatch(m -> m.contains("\\u000a2026-01-01 ERROR forged"));
    }

    @Test
    void aHugeValueIsShortenedInTheMessage() {
        String huge = "x".repeat(900 * 1024);
        for (ServiceConfig loaded : List.of(
                TestConfigs.yaml("services:\n  service_mongoose_system_metrics:\n    initial_report: " + huge + "\n"),
                TestConfigs.yaml("services:\n  service_mongoose_system_metrics:\n    " + huge + ": 1\n"),
                TestConfigs.erlang("{service_mongoose_system_metrics, [{initial_report, \"" + huge + "\"}]}."),
                TestConfigs.erlang("{service_mongoose_system_metrics, [" + huge + "]}."))) {
            assertThat(loaded.problems()).isNotEmpty();
            assertThat(all(loaded)).allSatisfy(m -> assertThat(m.length()).isLessThan(1000));
        }
    }

    @Test
    void erlangNumbersAreAsciiDigitsOnly() {
        ServiceConfig arabic = TestConfigs.erlang("{service_mongoose_system_metrics, [report, {initial_report, \u0663\u0660\u0660}]}.");
        ServiceConfig fullwidth = TestConfigs.erlang("{service_mongoose_system_metrics, [report, {initial_report, 3\uff10\uff10}]}.");

        assertThat(arabic.consent()).isEqualTo(Consent.CONFIG_UNREADABLE);
        assertThat(fullwidth.consent()).isEqualTo(Consent.CONFIG_UNREADABLE);
        assertThat(errors(fullwidth)).singleElement().asString().contains("line 1").contains("expected a number");
        assertThat(TestConfigs.erlang("{service_mongoose_system_metrics, [report, {initial_report, 300}]}.")
                .get(Setting.INITIAL_REPORT)).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void atMostTenTrackingIdsAreUsedAndTheKeySaysSo() {
        StringBuilder yaml = new StringBuilder("services:\n  service_mongoose_system_metrics:\n    tracking_id:\n");
        StringBuilder erlang = new StringBuilder("{service_mongoose_system_metrics, [{tracking_id, [");
        for (int i = 0; i < 25; i++) {
            yaml.append("      - {id: G-AAAA").append(1000 + i).append(", secret: s").append(i).append("}\n");
            erlang.append(i == 0 ? "" : ", ").append("{\"G-AAAA").append(1000 + i).append("\", \"s").append(i).append("\"}");
        }
        erlang.append("]}]}.");

        for (ServiceConfig loaded : List.of(TestConfigs.yaml(yaml.toString()), TestConfigs.erlang(erlang.toString()))) {
            assertThat(loaded.get(Setting.TRACKING_ID)).hasSize(Setting.MAX_TRACKING_IDS);
            assertThat(loaded.get(Setting.TRACKING_ID).get(0).measurementId()).isEqualTo("G-AAAA1000");
            assertThat(errors(loaded)).singleElement().asString().contains("tracking_id").contains("25")
                    .contains("at most 10");
        }
    }
}
