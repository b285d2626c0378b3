package org.systemmetrics.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Both parsers against random, mutated and hostile documents. The only acceptable outcomes are a valid
 * configuration or our own problems naming the file; never another exception, never a hang, never an
 * object built from the document.
 */
class ConfigFuzzTest {
    private static final Path YAML = Path.of("/fuzz/conf/system_metrics.yml");
    private static final Path ERLANG = Path.of("/fuzz/conf/system_metrics.config");
    private static final String YAML_SEED = "services:\n  service_mongoose_system_metrics:\n    report: true\n"
            + "    initial_report: 300000\n    periodic_report: 10800000\n"
            + "    tracking_id: {id: G-ABCD1234, secret: s3cr3t}\n"
            + "    google_analytics_url: https://region1.google-analytics.com/mp/collect\n";
    private static final String ERLANG_SEED = "% seed\n{services, [{service_admin_extra, [{submods, [node]}]},\n"
            + " {service_mongoose_system_metrics, [report, {intial_report, 300000}, {periodic_report, 16#FFFF},\n"
            + "  {tracking_id, [{id, \"G-ABCD1234\"}, {secret, <<\"s3cr3t\">>}]}]}]}.\n";

    /** Counts constructions; a YAML tag naming this class must never create one. */
    public static final class Tripwire {
        static final AtomicInteger BUILT = new AtomicInteger();

        public Tripwire() {
            BUILT.incrementAndGet();
        }
    }

    private static ServiceConfig yaml(String text) {
        ConfigOrigin origin = ConfigOrigin.file(ConfigOrigin.Kind.YAML, YAML);
        return TestConfigs.read(text, origin, ConsoleSettings.NONE);
    }

    private static ServiceConfig erlang(String text) {
        ConfigOrigin origin = ConfigOrigin.file(ConfigOrigin.Kind.ERLANG, ERLANG);
        return TestConfigs.read(text, origin, ConsoleSettings.NONE);
    }

    private static void assertValidOrNamesTheFile(ServiceConfig loaded, Path file) {
        assertThat(loaded).isNotNull();
        assertThat(loaded.problems()).allSatisfy(p -> assertThat(p.message()).contains(file.toString()));
        assertThat(loaded.get(Setting.PERIODIC_REPORT).toMillis()).isPositive();
        assertThat(loaded.get(Setting.INITIAL_REPORT).toMillis()).isNotNegative();
    }

    @Property(tries = 400)
    void anyTextIsAValidYamlConfigOrANamedProblem(@ForAll @Size(max = 300) String text) {
        assertValidOrNamesTheFile(yaml(text), YAML);
    }

    @Property(tries = 400)
    void anyTextIsAValidErlangConfigOrANamedProblem(@ForAll @Size(max = 300) String text) {
        assertValidOrNamesTheFile(erlang(text), ERLANG);
    }

    @Property(tries = 600)
    void mutatedYamlDocuments(@ForAll("yamlMutants") String text) {
        assertValidOrNamesTheFile(yaml(text), YAML);
    }

    @Property(tries = 600)
    void mutatedErlangDocuments(@ForAll("erlangMutants") String text) {
        assertValidOrNamesTheFile(erlang(text), ERLANG);
    }

    @Property(tries = 30)
    void deepNestingIsRefusedNotAStackOverflow(@ForAll @IntRange(min = 10, max = 20_000) int depth) {
        ServiceConfig y = yaml("services:\n  service_mongoose_system_metrics:\n    tracking_id: "
                + "[".repeat(depth) + "]".repeat(depth) + "\n");
        ServiceConfig e = erlang("{service_mongoose_system_metrics, [{tracking_id, " + "[".repeat(depth)
                + "]".repeat(depth) + "}]}.");
        assertValidOrNamesTheFile(y, YAML);
        assertValidOrNamesTheFile(e, ERLANG);
        if (depth > 100) {
            assertThat(y.consent()).isEqualTo(Consent.CONFIG_UNREADABLE);
            assertThat(e.consent()).isEqualTo(Consent.CONFIG_UNREADABLE);
        }
    }

    @Property(tries = 200)
    void hugeAndOddNumbersAreValidTimersOrErrorsNamingTheKey(@ForAll BigInteger number, @ForAll @IntRange(min = 0, max = 60) int extraDigits) {
        // Written without leading zeros: YAML 1.1 would read 0777 as octal, which is right but not this test's point.
        String value = new BigInteger(number.toString() + "7".repeat(extraDigits)).toString();
        ServiceConfig y = yaml("services:\n  service_mongoose_system_metrics:\n    periodic_report: " + value + "\n");
        ServiceConfig e = erlang("{service_mongoose_system_metrics, [{periodic_report, " + value + "}]}.");
        for (ServiceConfig loaded : List.of(y, e)) {
            BigInteger parsed = new BigInteger(value);
            boolean valid = parsed.signum() > 0 && parsed.compareTo(BigInteger.valueOf(365L * 24 * 3600 * 1000)) <= 0;
            if (valid) {
                assertThat(loaded.get(Setting.PERIODIC_REPORT).toMillis()).isEqualTo(parsed.longValueExact());
                assertThat(loaded.problems()).isEmpty();
            } else {
                assertThat(loaded.get(Setting.PERIODIC_REPORT)).isEqualTo(Setting.PERIODIC_REPORT.defaultValue());
                // A long value is shortened in the log line, never echoed whole.
                assertThat(loaded.problems()).singleElement().asString().contains("periodic_report")
                        .contains(value.substring(0, Math.min(value.length(), LogText.MAX_CHARS)))
                        .hasSizeLessThan(400);
            }
        }
    }

    @Property(tries = 100)
    void binaryJunkFilesAreUnreadableOrValidNeverACrash(@ForAll @Size(max = 2000) byte[] junk, @ForAll boolean asYaml)
            throws IOException {
        Path conf = Files.createTempDirectory("fuzz-conf");
        try {
            Path file = conf.resolve(asYaml ? ConfigLoader.YAML_FILE : ConfigLoader.ERLANG_FILE);
            Files.write(file, junk);
            assertValidOrNamesTheFile(new ConfigLoader(conf).load(ConsoleSettings.NONE), file);
        } finally {
            try (var files = Files.list(conf)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(conf);
        }
    }

    @Property(tries = 20)
    void aliasExpansionIsBounded(@ForAll @IntRange(min = 2, max = 12) int width, @ForAll @IntRange(min = 2, max = 12) int levels) {
        StringBuilder doc = new StringBuilder("l0: &l0 [\"lol\"]\n");
        for (int level = 1; level <= levels; level++) {
            doc.append('l').append(level).append(": &l").append(level).append(" [");
            for (int i = 0; i < width; i++) {
                doc.append(i == 0 ? "" : ", ").append("*l").append(level - 1);
            }
            doc.append("]\n");
        }
        doc.append("services:\n  service_mongoose_system_metrics:\n    tracking_id: *l").append(levels).append('\n');

        assertValidOrNamesTheFile(yaml(doc.toString()), YAML);
    }

    @Property(tries = 30)
    void recursiveAliasesAreRefused(@ForAll @IntRange(min = 0, max = 5) int wrapping, @ForAll boolean asMap) {
        String self = asMap ? "{k: *a}" : "[*a]";
        String value = "[".repeat(wrapping) + self + "]".repeat(wrapping);

        ServiceConfig loaded = yaml("services:\n  service_mongoose_system_metrics:\n    tracking_id: &a " + value + "\n");

        assertValidOrNamesTheFile(loaded, YAML);
        assertThat(loaded.consent()).isEqualTo(Consent.CONFIG_UNREADABLE);
    }

    @Property(tries = 50)
    void tagsNeverConstructObjects(@ForAll("constructorTags") String tag) {
        int before = Tripwire.BUILT.get();

        ServiceConfig loaded = yaml("services:\n  service_mongoose_system_metrics:\n    initial_report: " + tag + "\n"
                + "    tracking_id: " + tag + "\n");

        assertValidOrNamesTheFile(loaded, YAML);
        assertThat(Tripwire.BUILT.get()).isEqualTo(before);
        assertThat(loaded.get(Setting.INITIAL_REPORT)).isEqualTo(Setting.INITIAL_REPORT.defaultValue());
    }

    @Provide
    Arbitrary<String> constructorTags() {
        return Arbitraries.of(
                "!!" + Tripwire.class.getName() + " {}",
                "!<tag:yaml.org,2002:" + Tripwire.class.getName() + "> {}",
                "!!java.io.File [\"/etc/passwd\"]",
                "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1/x\"]]]]",
                "!!java.lang.ProcessBuilder [[\"true\"]]",
                "!custom 5",
                "!!binary aGVsbG8=",
                "!!set {a, b}",
                "!!omap [a: 1]",
                "!!timestamp 2001-12-14");
    }

    @Provide
    Arbitrary<String> yamlMutants() {
        return mutants(YAML_SEED, ":-[]{},&*!|>'\"#\n\t %?@`");
    }

    @Provide
    Arbitrary<String> erlangMutants() {
        return mutants(ERLANG_SEED, "{}[],.%\"'<>#_-\n\t |");
    }

    private static Arbitrary<String> mutants(String seed, String specials) {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, seed.length() - 1);
        Arbitrary<Character> special = Arbitraries.of(specials.chars().mapToObj(c -> (char) c).toArray(Character[]::new));
        Arbitrary<Character> anyChar = Arbitraries.chars().all();
        Arbitrary<String> oneMutation = Combinators.combine(position, position, special, anyChar, Arbitraries.integers().between(0, 4))
                .as((from, to, s, c, kind) -> mutate(seed, Math.min(from, to), Math.max(from, to), s, c, kind));
        return oneMutation.flatMap(once -> Combinators.combine(
                Arbitraries.integers().between(0, once.length()), Arbitraries.integers().between(0, once.length()),
                special).as((a, b, s) -> {
                    int from = Math.min(a, b);
                    int to = Math.max(a, b);
                    return once.substring(0, from) + s + once.substring(to);
                }));
    }

    private static String mutate(String seed, int from, int to, char special, char any, int kind) {
        switch (kind) {
            case 0: return seed.substring(0, from) + seed.substring(to);
            case 1: return seed.substring(0, from) + special + seed.substring(from);
            case 2: return seed.substring(0, from) + any + seed.substring(from);
            case 3: return seed.substring(0, to) + seed.substring(from, to) + seed.substring(to);
            default: return seed.substring(0, from) + seed.substring(from, to).toUpperCase() + seed.substring(to);
        }
    }
}
