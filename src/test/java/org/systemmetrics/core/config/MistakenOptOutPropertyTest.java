package org.systemmetrics.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Many ways to get an opt-out wrong, generated: misspellings, cases, separators, quoting, value types, duplicates,
 * in both syntaxes, next to an explicit {@code report: true} or not. None of them leaves reporting on, and each is
 * an ERROR naming the file.
 */
class MistakenOptOutPropertyTest {
    private static final List<String> OPT_OUT_KEYS = List.of("no_report", "report");

    /** A key someone meant as no_report or report: other case, separators, up to two typing errors. */
    @Provide
    Arbitrary<String> nearMissKeys() {
        Arbitrary<String> base = Arbitraries.of(OPT_OUT_KEYS);
        Arbitrary<String> separators = Arbitraries.of("_", "-", "", " ", ".", "__", "--");
        Arbitrary<Integer> caseMode = Arbitraries.integers().between(0, 3);
        Arbitrary<List<Tuple.Tuple3<Integer, Integer, Character>>> typos = Combinators.combine(
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 20),
                Arbitraries.of('a', 'b', 'e', 'n', 'o', 'p', 'r', 't', 'x', 'z', '0', '1', '9')).as(Tuple::of).list().ofMaxSize(2);
        return Combinators.combine(base, separators, caseMode, typos).as((key, separator, mode, edits) -> {
            StringBuilder word = new StringBuilder(key.replace("_", separator));
            for (Tuple.Tuple3<Integer, Integer, Character> edit : edits) {
                int at = edit.get2() % Math.max(1, word.length());
                switch (edit.get1()) {
                    case 0: word.insert(at, edit.get3()); break;
                    case 1: if (word.length() > 3) { word.deleteCharAt(at); } break;
                    case 2: word.setCharAt(at, edit.get3()); break;
                    default:
                        if (at + 1 < word.length()) {
                            char c = word.charAt(at);
                            word.setCharAt(at, word.charAt(at + 1));
                            word.setCharAt(at + 1, c);
                        }
                }
            }
            String w = word.toString();
            switch (mode) {
                case 1: return w.toUpperCase(Locale.ROOT);
                case 2: return w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1);
                case 3: return w.replace("r", "R").replace("n", "N");
                default: return w;
            }
        }).filter(k -> !k.isBlank() && !Setting.fileKeys().contains(k) && k.trim().equals(k));
    }

    @Provide
    Arbitrary<String> unreadableYamlValues() {
        return Arbitraries.of("\"true\"", "'true'", "\"yes\"", "\"no\"", "\"false\"", "'false'", "1", "0", "-1", "1.0",
                "[true]", "[]", "{}", "{x: 1}", "\"\"", "", "~", "null", "!!binary dHJ1ZQ==", "\"true \"", "TRUE!", "nope");
    }

    @Provide
    Arbitrary<String> unreadableErlangValues() {
        return Arbitraries.of("\"true\"", "<<\"true\">>", "\"yes\"", "\"false\"", "1", "0", "-1", "1.0", "yes", "no",
                "'TRUE'", "'False'", "[true]", "[]", "{true}", "{}", "undefined", "nil", "\"\"");
    }

    private static String yamlKey(String key) {
        return key.matches("[A-Za-z0-9_ .-]+") && !key.startsWith("-") ? key : "'" + key.replace("'", "''") + "'";
    }

    private static String erlangAtom(String key, boolean quoteAlways) {
        return !quoteAlways && key.matches("[a-z][A-Za-z0-9_@]*") ? key
                : "'" + key.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static void assertOff(ServiceConfig loaded, String file) {
        assertThat(loaded.consent()).as("%s", loaded.problems()).isNotIn(Consent.ON, Consent.ON_WITH_NOTICE);
        assertThat(loaded.problems()).anySatisfy(p -> {
            assertThat(p.severity()).isEqualTo(ConfigProblem.Severity.ERROR);
            assertThat(p.message()).contains(file).containsAnyOf("reporting is OFF", "reporting stays off");
        });
    }

    private static String yamlDocument(String mistake, boolean alsoReportTrue) {
        return "services:\n  service_mongoose_system_metrics:\n" + (alsoReportTrue ? "    report: true\n" : "")
                + "    initial_report: 60000\n    " + mistake + "\n";
    }

    private static String erlangDocument(String mistake, boolean alsoReport) {
        return "{services, [{service_mongoose_system_metrics, [" + (alsoReport ? "report, " : "")
                + "{initial_report, 60000}, " + mistake + "]}]}.\n";
    }

    @Property(tries = 400)
    void aNearMissKeyNeverLeavesReportingOnInYaml(@ForAll("nearMissKeys") String key, @ForAll boolean alsoReportTrue,
            @ForAll boolean asListItem) {
        Assume.that(!(alsoReportTrue && !asListItem && key.equals("report")));
        String document = asListItem
                ? "services:\n  service_mongoose_system_metrics:\n    - initial_report_is_not_here\n    - " + yamlKey(key) + "\n"
                : yamlDocument(yamlKey(key) + ": true", alsoReportTrue);
        assertOff(TestConfigs.yaml(document), "system_metrics.yml");
    }

    @Property(tries = 400)
    void aNearMissKeyNeverLeavesReportingOnInErlang(@ForAll("nearMissKeys") String key, @ForAll boolean alsoReport,
            @ForAll boolean quoteAlways, @ForAll boolean asPair) {
        String atom = erlangAtom(key, quoteAlways);
        assertOff(TestConfigs.erlang(erlangDocument(asPair ? "{" + atom + ", true}" : atom, alsoReport)),
                "system_metrics.config");
    }

    @Property(tries = 300)
    void anUnreadableOptOutValueNeverLeavesReportingOnInYaml(@ForAll("unreadableYamlValues") String value,
            @ForAll boolean noReport, @ForAll boolean alsoReportTrue) {
        String key = noReport ? "no_report" : "report";
        Assume.that(noReport || !alsoReportTrue);
        assertOff(TestConfigs.yaml(yamlDocument(key + ": " + value, alsoReportTrue)), "system_metrics.yml");
        // Without the space after the colon, YAML reads one word.
        assertOff(TestConfigs.yaml(yamlDocument(key + ":" + (value.isEmpty() ? "true" : value), alsoReportTrue)),
                "system_metrics.yml");
    }

    @Property(tries = 300)
    void anUnreadableOptOutValueNeverLeavesReportingOnInErlang(@ForAll("unreadableErlangValues") String value,
            @ForAll boolean noReport, @ForAll boolean alsoReport) {
        String key = noReport ? "no_report" : "report";
        Assume.that(noReport || !alsoReport);
        assertOff(TestConfigs.erlang(erlangDocument("{" + key + ", " + value + "}", alsoReport)), "system_metrics.config");
    }

    @Property(tries = 100)
    void aKeyOrEntryWrittenTwiceNeverLeavesReportingOnInEitherSyntax(@ForAll boolean firstOff, @ForAll boolean sameKey,
            @ForAll boolean wholeEntry) {
        String first = firstOff ? "no_report: true" : "report: true";
        String second = sameKey ? (firstOff ? "no_report: false" : "report: false") : (firstOff ? "report: true" : "no_report: false");
        String yaml = wholeEntry
                ? "services:\n  service_mongoose_system_metrics:\n    " + first + "\n  service_mongoose_system_metrics:\n    "
                        + second + "\n"
                : "services:\n  service_mongoose_system_metrics:\n    " + first + "\n    " + first + "\n    " + second + "\n";
        String erlangFirst = "{" + first.replace(": ", ", ") + "}";
        String erlangSecond = "{" + second.replace(": ", ", ") + "}";
        String erlang = wholeEntry
                ? "{services, [{service_mongoose_system_metrics, [" + erlangFirst + "]},\n {service_mongoose_system_metrics, ["
                        + erlangSecond + "]}]}."
                : "{service_mongoose_system_metrics, [" + erlangFirst + ",\n " + erlangFirst + ", " + erlangSecond + "]}.";
        assertOff(TestConfigs.yaml(yaml), "system_metrics.yml");
        assertOff(TestConfigs.erlang(erlang), "system_metrics.config");
    }

    /** The documented opt-out, its near misses, and plain-English ones, each with a value that says "off". */
    @Provide
    Arbitrary<Tuple.Tuple2<String, String>> strayOptOuts() {
        Arbitrary<Tuple.Tuple2<String, String>> ours = Arbitraries.oneOf(Arbitraries.of("no_report", "report"),
                nearMissKeys()).map(k -> Tuple.of(k, k.equals("report") ? "false" : "true"));
        Arbitrary<Tuple.Tuple2<String, String>> plainEnglish = Arbitraries.of(
                Tuple.of("enabled", "false"), Tuple.of("enable", "false"), Tuple.of("disable", "true"),
                Tuple.of("disabled", "true"), Tuple.of("opt_out", "true"), Tuple.of("optout", "true"),
                Tuple.of("opt-out", "true"), Tuple.of("off", "true"), Tuple.of("send", "false"),
                Tuple.of("sending", "false"), Tuple.of("tracking", "false"), Tuple.of("telemetry", "false"),
                Tuple.of("Do_Not_Track", "true"), Tuple.of("no_tracking", "true"), Tuple.of("send_reports", "false"),
                Tuple.of("reporting", "false"), Tuple.of("analytics_enabled", "false"), Tuple.of("Enabled", "false"));
        return Arbitraries.oneOf(ours, plainEnglish);
    }

    /** Where a stray opt-out may stand: everywhere but as a key of the entry itself. */
    enum Spot { TOP_LEVEL, BESIDE_ENTRY, NESTED_IN_ENTRY, NESTED_ELSEWHERE, LIST_ITEM_ELSEWHERE, MERGED_INTO_ENTRY }

    @Property(tries = 400)
    void anOptOutOutsideTheEntryNeverLeavesReportingOnInYaml(@ForAll("strayOptOuts") Tuple.Tuple2<String, String> optOut,
            @ForAll Spot spot, @ForAll boolean alsoReportTrue, @ForAll boolean entryFirst) {
        String key = yamlKey(optOut.get1());
        String setting = key + ": " + optOut.get2();
        String entry = "services:\n  service_mongoose_system_metrics:\n" + (alsoReportTrue ? "    report: true\n" : "")
                + "    initial_report: 60000\n" + (spot == Spot.NESTED_IN_ENTRY ? "    extra:\n      " + setting + "\n" : "")
                + (spot == Spot.MERGED_INTO_ENTRY ? "    <<: *d\n" : "")
                + (spot == Spot.BESIDE_ENTRY ? "  " + setting + "\n" : "");
        String outside = spot == Spot.TOP_LEVEL ? setting + "\n"
                : spot == Spot.NESTED_ELSEWHERE ? "defaults:\n  general:\n    " + setting + "\n"
                : spot == Spot.LIST_ITEM_ELSEWHERE ? "defaults:\n  - " + key + "\n"
                : spot == Spot.MERGED_INTO_ENTRY ? "defaults: &d\n  " + setting + "\n" : "";
        String document = spot == Spot.MERGED_INTO_ENTRY || !entryFirst ? outside + entry : entry + outside;
        Assume.that(!(spot == Spot.LIST_ITEM_ELSEWHERE && optOut.get2().equals("false")));
        assertOff(TestConfigs.yaml(document), "system_metrics.yml");
    }

    @Property(tries = 400)
    void anOptOutOutsideTheEntryNeverLeavesReportingOnInErlang(@ForAll("strayOptOuts") Tuple.Tuple2<String, String> optOut,
            @ForAll Spot spot, @ForAll boolean alsoReport, @ForAll boolean quoteAlways, @ForAll boolean asPair) {
        Assume.that(spot != Spot.MERGED_INTO_ENTRY);
        Assume.that(asPair || optOut.get2().equals("true"));
        String atom = erlangAtom(optOut.get1(), quoteAlways);
        String option = asPair ? "{" + atom + ", " + optOut.get2() + "}" : atom;
        String entry = "{service_mongoose_system_metrics, [" + (alsoReport ? "report, " : "") + "{initial_report, 60000}"
                + (spot == Spot.NESTED_IN_ENTRY ? ", {extra, [" + option + "]}" : "") + "]}";
        String document;
        switch (spot) {
            case TOP_LEVEL: document = "{services, [" + entry + "]}.\n" + option + ".\n"; break;
            case BESIDE_ENTRY: document = "{services, [" + entry + ",\n " + option + "]}.\n"; break;
            case NESTED_ELSEWHERE: document = "{defaults, [{general, [" + option + "]}]}.\n{services, [" + entry + "]}.\n"; break;
            case LIST_ITEM_ELSEWHERE: document = entry + ".\n{defaults, [" + atom + "]}.\n"; break;
            default: document = "{services, [" + entry + "]}.\n";
        }
        Assume.that(!(spot == Spot.LIST_ITEM_ELSEWHERE && !optOut.get2().equals("true")));
        assertOff(TestConfigs.erlang(document), "system_metrics.config");
    }
}
