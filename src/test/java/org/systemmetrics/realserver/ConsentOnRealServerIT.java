package org.systemmetrics.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.systemmetrics.core.delivery.ga4.FakeGoogle;
import org.systemmetrics.realserver.RealOpenfire.LogMark;

/**
 * The README's consent table, read from a real openfire.log: for each way of writing the service entry, in
 * YAML and in the Erlang-term file, what the administrator is told and whether anything is sent. One server
 * per version; each case writes its file and deploys the plugin afresh, as an administrator's restart would.
 * {@code DO_NOT_TRACK=1} needs its own server, since it is Openfire's environment.
 */
@ParameterizedClass(name = "{0}", allowZeroInvocations = true)
@MethodSource("org.systemmetrics.realserver.OpenfireDistribution#found")
@ExtendWith(QuoteOpenfireLogOnFailure.class)
class ConsentOnRealServerIT {
    /** initial_report and periodic_report of every case: a case that sends has sent within a second. */
    private static final long INITIAL_MILLIS = 300;
    private static final long PERIODIC_MILLIS = 1000;
    /** Three reports' time: what a case that must send nothing is watched for. */
    private static final Duration SILENCE = Duration.ofMillis(INITIAL_MILLIS + 3 * PERIODIC_MILLIS);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NOTICE = "System metrics: this server gathers anonymous usage metrics";
    private static final String NOT_CONFIGURED = "System metrics: the service_mongoose_system_metrics service is not "
            + "configured, so this feature is not being used";
    private static final String DO_NOT_TRACK_LINE = "System metrics: the DO_NOT_TRACK environment variable is set";

    private static FakeGoogle google;
    private static RealOpenfire server;

    @Parameter
    OpenfireDistribution distribution;

    @BeforeParameterizedClassInvocation
    static void startServer(OpenfireDistribution distribution) throws IOException {
        google = FakeGoogle.http();
        server = RealOpenfire.builder(distribution, "consent").withoutSystemMetrics().start();
    }

    @AfterParameterizedClassInvocation
    static void stopServer() {
        RealOpenfire.closeAll(server, google);
    }

    /** A row of the consent table. */
    enum Entry {
        NEITHER_KEY(null, true), REPORT("report", true), NO_REPORT("no_report", false), ABSENT(null, false);

        final String key;
        final boolean sends;

        Entry(String key, boolean sends) {
            this.key = key;
            this.sends = sends;
        }
    }

    /** The two files an administrator can write. */
    enum Syntax {
        YAML("system_metrics.yml"), ERLANG("system_metrics.config");

        final String fileName;

        Syntax(String fileName) {
            this.fileName = fileName;
        }

        String write(Entry entry, String measurementId, String url) {
            if (this == YAML) {
                if (entry == Entry.ABSENT) {
                    return "services:\n  service_mod_other: {}\n";
                }
                return "services:\n  service_mongoose_system_metrics:\n"
                        + (entry.key == null ? "" : "    " + entry.key + ": true\n")
                        + "    initial_report: " + INITIAL_MILLIS + "\n    periodic_report: " + PERIODIC_MILLIS + "\n"
                        + "    tracking_id: {id: " + measurementId + ", secret: consent-secret}\n"
                        + "    google_analytics_url: \"" + url + "\"\n";
            }
            if (entry == Entry.ABSENT) {
                return "{hosts, [\"localhost\"]}.\n{services, [{service_mod_other, []}]}.\n";
            }
            return "{services, [{service_mongoose_system_metrics, [" + (entry.key == null ? "" : entry.key + ", ")
                    + "{initial_report, " + INITIAL_MILLIS + "}, {periodic_report, " + PERIODIC_MILLIS + "}, "
                    + "{tracking_id, {\"" + measurementId + "\", \"consent-secret\"}}, "
                    + "{google_analytics_url, \"" + url + "\"}]}]}.\n";
        }
    }

    @ParameterizedTest(name = "{0} entry")
    @EnumSource(Entry.class)
    void yamlEntry(Entry entry) throws IOException {
        check(Syntax.YAML, entry);
    }

    @ParameterizedTest(name = "{0} entry")
    @EnumSource(Entry.class)
    void erlangEntry(Entry entry) throws IOException {
        check(Syntax.ERLANG, entry);
    }

    private void check(Syntax syntax, Entry entry) throws IOException {
        String measurementId = "G-" + syntax.name().charAt(0) + entry.ordinal() + "CONSENT";
        LogMark start = startWith(server, syntax, syntax.write(entry, measurementId, google.collectUrl().toString()));
        String logged = ourLines(server.logSince(start));

        if (entry.sends) {
            awaitRequestFor(measurementId);
            assertThat(ReportFile.read(server)).as("the report file").isPresent();
        } else {
            assertNothingSentWithin(measurementId, SILENCE);
            assertThat(ReportFile.read(server)).as("no report file: nothing is gathered").isEmpty();
        }
        logged = ourLines(server.logSince(start));
        assertThat(count(logged, NOTICE)).as("consent notices in\n" + logged).isEqualTo(entry == Entry.NEITHER_KEY ? 1 : 0);
        assertThat(count(logged, NOT_CONFIGURED)).as("'not used' notices in\n" + logged)
                .isEqualTo(entry == Entry.ABSENT ? 1 : 0);
        assertThat(logged).as("lines of ours").doesNotContain("ERROR");
    }

    @Test
    void doNotTrackInOpenfiresEnvironmentSwitchesEverythingOffWithOneLine() throws IOException {
        try (RealOpenfire dnt = RealOpenfire.builder(distribution, "do-not-track").withoutSystemMetrics()
                .environment("DO_NOT_TRACK", "1")
                .start()) {
            for (Syntax syntax : Syntax.values()) {
                String measurementId = "G-" + syntax.name().charAt(0) + "DNT";
                LogMark start = startWith(dnt, syntax,
                        syntax.write(Entry.REPORT, measurementId, google.collectUrl().toString()));

                assertNothingSentWithin(measurementId, SILENCE);
                String logged = ourLines(dnt.logSince(start));
                assertThat(count(logged, DO_NOT_TRACK_LINE)).as(syntax + ": lines of ours\n" + logged).isEqualTo(1);
                assertThat(count(logged, "System metrics:")).as(syntax + ": lines of ours\n" + logged).isEqualTo(1);
                assertThat(ReportFile.read(dnt)).as("no report file").isEmpty();
            }
        }
    }

    /**
     * Issue 20: with no configuration file yet, the notice names the template Openfire unpacked into the plugin
     * folder, which is really there, and where to copy it; it claims no receiver, since this jar sends nowhere.
     */
    @Test
    void withoutAFileTheNoticeNamesTheTemplateThatIsReallyInThePluginFolder() throws IOException {
        if (Files.exists(server.pluginsDirectory().resolve(RealOpenfire.SYSTEMMETRICS + ".jar"))) {
            server.removePlugin(RealOpenfire.SYSTEMMETRICS);
        }
        for (Syntax any : Syntax.values()) {
            Files.deleteIfExists(server.confDirectory().resolve(any.fileName));
        }
        LogMark start = server.deploySystemMetrics();

        Matcher named = server.awaitLog(start, "copy the template shipped in the plugin folder, (\\S+), to (\\S+) and set "
                + "no_report: true in it under services: > service_mongoose_system_metrics:", Duration.ofSeconds(60));
        assertThat(java.nio.file.Path.of(named.group(1))).as("the template the notice names").isRegularFile()
                .hasFileName("system_metrics.yml");
        assertThat(named.group(2)).isEqualTo(server.confDirectory().resolve(Syntax.YAML.fileName).toAbsolutePath()
                .toString());
        String logged = ourLines(server.logSince(start));
        assertThat(logged).contains("\"Do not send reports\" in the admin console under Server > Server Settings > "
                + "System Metrics").contains("nothing is sent anywhere").doesNotContain("show its developers");
    }

    /**
     * Issue 17: a no_report beside the entry (YAML) or as a top-level term (Erlang) is not where an opt-out is read,
     * yet it was meant as one: even beside report, nothing is gathered or sent, and one ERROR names file and line.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Syntax.class)
    void anOptOutOutsideTheEntryEndsWithNothingSentAndOneError(Syntax syntax) throws IOException {
        String measurementId = "G-" + syntax.name().charAt(0) + "STRAY";
        String reporting = syntax.write(Entry.REPORT, measurementId, google.collectUrl().toString());
        String content = syntax == Syntax.YAML ? reporting + "  no_report: true\n" : reporting + "{no_report, true}.\n";
        String line = syntax == Syntax.YAML ? "line 8" : "line 2";
        LogMark start = startWith(server, syntax, content);

        assertNothingSentWithin(measurementId, SILENCE);
        assertThat(ReportFile.read(server)).as("no report file: nothing is gathered").isEmpty();
        String logged = ourLines(server.logSince(start));
        assertThat(count(logged, "ERROR")).as("lines of ours\n" + logged).isEqualTo(1);
        assertThat(logged).contains(server.confDirectory().resolve(syntax.fileName) + ", " + line)
                .contains("'no_report'").doesNotContain(NOTICE);
    }

    /** Takes the plugin out, writes the one configuration file, deletes the last report, and deploys the plugin. */
    private static LogMark startWith(RealOpenfire target, Syntax syntax, String content) throws IOException {
        if (Files.exists(target.pluginsDirectory().resolve(RealOpenfire.SYSTEMMETRICS + ".jar"))) {
            target.removePlugin(RealOpenfire.SYSTEMMETRICS);
        }
        for (Syntax any : Syntax.values()) {
            Files.deleteIfExists(target.confDirectory().resolve(any.fileName));
        }
        Files.deleteIfExists(target.logsDirectory().resolve(ReportFile.NAME));
        Files.writeString(target.confDirectory().resolve(syntax.fileName), content);
        return target.deploySystemMetrics();
    }

    private static String ourLines(String log) {
        StringBuilder ours = new StringBuilder();
        for (String line : log.split("\n")) {
            if (line.contains("org.systemmetrics.")) {
                ours.append(line).append('\n');
            }
        }
        return ours.toString();
    }

    private static long count(String text, String what) {
        return Pattern.compile(Pattern.quote(what)).matcher(text).results().count();
    }

    private static void awaitRequestFor(String measurementId) {
        List<FakeGoogle.Recorded> requests = Poll.until("a request for " + measurementId + " at the GA4 stand-in", WAIT,
                () -> google.requestsFor(measurementId), sent -> !sent.isEmpty());
        assertThat(requests).allSatisfy(r -> assertThat(r.problems()).isEmpty());
    }

    /** Watches the stand-in for the time several reports would have taken; anything for this ID fails at once. */
    private static void assertNothingSentWithin(String measurementId, Duration window) {
        Poll.throughout(window, () -> assertThat(google.requestsFor(measurementId)).as("requests for " + measurementId)
                .isEmpty());
    }
}
