package org.systemmetrics.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.core.report.ReportCategory;

/** Which file wins, what the shipped default is, and how console settings lay over the file. */
class ConfigLoaderTest {
    @TempDir
    Path conf;

    private ConfigLoader loader() {
        return new ConfigLoader(conf);
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(conf.resolve(name), text);
    }

    @Test
    void withNeitherFileTheShippedDefaultIsOnWithTheNoticeAndDefaultTimers() {
        ServiceConfig loaded = loader().load(ConsoleSettings.NONE);

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.consent()).isEqualTo(Consent.ON_WITH_NOTICE);
        assertThat(loaded.get(Setting.INITIAL_REPORT)).isEqualTo(Duration.ofMinutes(5));
        assertThat(loaded.get(Setting.PERIODIC_REPORT)).isEqualTo(Duration.ofHours(3));
        assertThat(loaded.get(Setting.TRACKING_ID)).isEmpty();
        assertThat(loaded.configType()).isEqualTo("default");
    }

    @Test
    void whenBothFilesExistYamlIsReadButReportingIsOffAndAnErrorNamesBoth() throws IOException {
        write("system_metrics.yml", "services:\n  service_mongoose_system_metrics:\n    report: true\n");
        write("system_metrics.config", "{service_mongoose_system_metrics, [no_report]}.");

        ServiceConfig loaded = loader().load(ConsoleSettings.NONE);

        // The ignored file says no_report: an opt-out that is ignored is no opt-out.
        assertThat(loaded.consent()).isEqualTo(Consent.OPT_OUT_UNCLEAR);
        assertThat(loaded.origin().file()).contains(conf.resolve("system_metrics.yml"));
        assertThat(loaded.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(ConfigProblem.Severity.ERROR);
            assertThat(p.message()).contains(conf.resolve("system_metrics.yml").toString())
                    .contains(conf.resolve("system_metrics.config").toString()).contains("reporting is OFF");
        });
    }

    @Test
    void theErlangFileIsUsedWhenItIsTheOnlyOne() throws IOException {
        write("system_metrics.config", "{service_mongoose_system_metrics, [no_report]}.");

        assertThat(loader().load(ConsoleSettings.NONE).consent()).isEqualTo(Consent.OFF);
    }

    @Test
    void consoleSettingsOverrideTheFileKeyByKeyAndSaySo() throws IOException {
        write("system_metrics.yml", "services:\n  service_mongoose_system_metrics:\n    initial_report: 1000\n"
                + "    periodic_report: 2000\n");

        ServiceConfig config = loader().load(ConsoleSettings.of(Map.of(
                "periodic_report", "3600000",
                "report", "true",
                "tracking_id", "G-CONSOLE1",
                "tracking_secret", SecretBinding.seal("hidden-secret",
                        ServiceConfig.DEFAULT_GOOGLE_ANALYTICS_URL))));

        assertThat(config.problems()).isEmpty();
        assertThat(config.get(Setting.INITIAL_REPORT)).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.sourceOf(Setting.INITIAL_REPORT)).isEqualTo(SettingSource.FILE);
        assertThat(config.get(Setting.PERIODIC_REPORT)).isEqualTo(Duration.ofHours(1));
        assertThat(config.sourceOf(Setting.PERIODIC_REPORT)).isEqualTo(SettingSource.CONSOLE);
        assertThat(config.consent()).isEqualTo(Consent.ON);
        assertThat(config.get(Setting.TRACKING_ID)).containsExactly(new TrackingId("G-CONSOLE1", "hidden-secret"));
        assertThat(config.sourceOf(Setting.GOOGLE_ANALYTICS_URL)).isEqualTo(SettingSource.DEFAULT);
        assertThat(config.configType()).isEqualTo("yaml+admin");
    }

    @Test
    void aBadConsoleValueIsAnErrorNamingTheSettingAndTheFileValueStays() throws IOException {
        write("system_metrics.yml", "services:\n  service_mongoose_system_metrics:\n    periodic_report: 2000\n");

        ServiceConfig loaded = loader().load(ConsoleSettings.of(Map.of("periodic_report", "often")));

        assertThat(loaded.get(Setting.PERIODIC_REPORT)).isEqualTo(Duration.ofSeconds(2));
        assertThat(loaded.problems()).singleElement().asString().contains("periodic_report").contains("\"often\"")
                .contains("file's value is used");
    }

    @Test
    void aRefusedConsoleGoogleAnalyticsUrlSaysTheFilesUrlStaysAndItDoes() throws IOException {
        write("system_metrics.yml", "services:\n  service_mongoose_system_metrics:\n"
                + "    google_analytics_url: https://region1.google-analytics.com/mp/collect\n");

        ServiceConfig loaded = loader().load(
                ConsoleSettings.of(Map.of("google_analytics_url", "http://169.254.169.254/")));

        assertThat(loaded.get(Setting.GOOGLE_ANALYTICS_URL))
                .isEqualTo(URI.create("https://region1.google-analytics.com/mp/collect"));
        assertThat(loaded.problems()).singleElement().asString().contains("google_analytics_url")
                .contains("file's value is used").doesNotContain("using the default");
    }

    @Test
    void aRefusedConsoleValueWithoutOneInTheFileSaysTheDefaultApplies() throws IOException {
        write("system_metrics.yml", "services:\n  service_mongoose_system_metrics:\n    report: true\n");

        ServiceConfig timer = loader().load(ConsoleSettings.of(Map.of("periodic_report", "often")));
        assertThat(timer.get(Setting.PERIODIC_REPORT)).isEqualTo(Setting.PERIODIC_REPORT.defaultValue());
        assertThat(timer.problems()).singleElement().asString().contains("periodic_report")
                .contains("using the default 10800000").doesNotContain("file's value");

        ServiceConfig endpoint = loader().load(ConsoleSettings.of(Map.of("report_endpoint", "ftp://collector/")));
        assertThat(endpoint.get(Setting.REPORT_ENDPOINT)).isEmpty();
        assertThat(endpoint.problems()).singleElement().asString().contains("report_endpoint")
                .contains("no report is sent to an endpoint of your own").doesNotContain("file's value");

        URI console = URI.create("https://collector.example.org/in");
        ServiceConfig token = loader().load(ConsoleSettings.of(Map.of("report_endpoint", console.toString(),
                "report_endpoint_token", SecretBinding.seal("two words", console))));
        assertThat(token.get(Setting.REPORT_ENDPOINT)).isEmpty();
        assertThat(token.problems()).singleElement().asString().contains("report_endpoint_token")
                .contains("no report is sent to an endpoint of your own").doesNotContain("file's value");
    }

    @Test
    void aRefusedFileValueUnderAnAcceptedConsoleValueSaysTheConsolesIsUsed() throws IOException {
        write("system_metrics.yml", "services:\n  service_mongoose_system_metrics:\n    report: true\n"
                + "    periodic_report: -5\n    google_analytics_url: ftp://collector.example.org/\n"
                + "    report_endpoint: ftp://collector.example.org/\n");
        URI endpoint = URI.create("https://collector.example.org/in");

        ServiceConfig loaded = loader().load(ConsoleSettings.of(Map.of("periodic_report", "60000",
                "google_analytics_url", "https://region1.google-analytics.com/mp/collect",
                "report_endpoint", endpoint.toString())));

        assertThat(loaded.get(Setting.PERIODIC_REPORT)).isEqualTo(Duration.ofMinutes(1));
        assertThat(loaded.get(Setting.GOOGLE_ANALYTICS_URL))
                .isEqualTo(URI.create("https://region1.google-analytics.com/mp/collect"));
        assertThat(loaded.get(Setting.REPORT_ENDPOINT).orElseThrow().url()).isEqualTo(endpoint);
        assertThat(loaded.problems()).hasSize(3).allSatisfy(problem -> assertThat(problem.toString())
                .contains("system_metrics.yml, line").contains("the admin console's value is used")
                .doesNotContain("default").doesNotContain("no report is sent"));
    }

    @Test
    void aFileValueOfTheWrongShapeUnderAConsoleValueSaysTheConsolesIsUsed() throws IOException {
        write("system_metrics.yml", "services:\n  service_mongoose_system_metrics:\n    report: true\n"
                + "    google_analytics_url: [1]\n    report_endpoint: 5\n    categories: 42\n");
        URI endpoint = URI.create("https://collector.example.org/in");

        ServiceConfig loaded = loader().load(ConsoleSettings.of(Map.of("categories", "modules",
                "google_analytics_url", "https://region1.google-analytics.com/mp/collect",
                "report_endpoint", endpoint.toString())));

        assertThat(loaded.get(Setting.CATEGORIES)).containsExactly(ReportCategory.MODULES);
        assertThat(loaded.get(Setting.REPORT_ENDPOINT).orElseThrow().url()).isEqualTo(endpoint);
        assertThat(loaded.problems()).hasSize(3).allSatisfy(problem -> assertThat(problem.toString())
                .contains("system_metrics.yml, line").contains("the admin console's value is used")
                .doesNotContain("default").doesNotContain("no report is sent").doesNotContain("only the cluster"));
    }

    @Test
    void aRefusedConsoleValueOverARefusedFileValueSaysTheDefaultApplies() throws IOException {
        write("system_metrics.yml", "services:\n  service_mongoose_system_metrics:\n    report: true\n"
                + "    periodic_report: -5\n");

        ServiceConfig loaded = loader().load(ConsoleSettings.of(Map.of("periodic_report", "often")));

        assertThat(loaded.get(Setting.PERIODIC_REPORT)).isEqualTo(Setting.PERIODIC_REPORT.defaultValue());
        assertThat(loaded.problems()).hasSize(2).allSatisfy(problem -> assertThat(problem.toString())
                .contains("periodic_report").contains("using the default 10800000").doesNotContain("file's value"));
    }

    @Test
    void aRefusedConsoleEndpointOverTheFilesSaysTheFilesStays() throws IOException {
        write("system_metrics.yml", "services:\n  service_mongoose_system_metrics:\n    report: true\n"
                + "    report_endpoint: https://collector.example.org/in\n");

        ServiceConfig loaded = loader().load(ConsoleSettings.of(Map.of("report_endpoint", "ftp://collector/")));

        assertThat(loaded.get(Setting.REPORT_ENDPOINT).orElseThrow().url())
                .isEqualTo(URI.create("https://collector.example.org/in"));
        assertThat(loaded.problems()).singleElement().asString().contains("report_endpoint")
                .contains("file's value is used");
    }

    @Test
    void aFileThatIsNotUtf8OrTooLargeIsUnreadable() throws IOException {
        Files.write(conf.resolve("system_metrics.yml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        assertThat(loader().load(ConsoleSettings.NONE).consent()).isEqualTo(Consent.CONFIG_UNREADABLE);

        Files.writeString(conf.resolve("system_metrics.yml"), "#".repeat((int) ConfigLoader.MAX_FILE_BYTES + 1));
        ServiceConfig large = loader().load(ConsoleSettings.NONE);
        assertThat(large.consent()).isEqualTo(Consent.CONFIG_UNREADABLE);
        assertThat(large.problems()).singleElement().asString().contains("larger than");
    }

    @Test
    void theFingerprintChangesWhenAFileIsCreatedEditedOrRemoved() throws IOException {
        String none = loader().fingerprint();
        write("system_metrics.yml", "services: {}\n");
        String created = loader().fingerprint();
        write("system_metrics.yml", "services:\n  service_mongoose_system_metrics: {}\n");
        String edited = loader().fingerprint();
        Files.delete(conf.resolve("system_metrics.yml"));

        assertThat(List.of(none, created, edited)).doesNotHaveDuplicates();
        assertThat(loader().fingerprint()).isEqualTo(none);
    }

    private void assertUnreadableWithOneError(ServiceConfig loaded, Path file, String cause) {
        assertThat(loaded.consent()).isEqualTo(Consent.CONFIG_UNREADABLE);
        assertThat(loaded.consent()).isNotIn(Consent.ON, Consent.ON_WITH_NOTICE);
        assertThat(loaded.origin().file()).contains(file);
        assertThat(loaded.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(ConfigProblem.Severity.ERROR);
            assertThat(p.message()).startsWith(file.toString()).contains(cause).contains("reporting is OFF")
                    .contains("make it a readable file").contains("no_report");
        });
    }

    @Test
    void aDanglingSymbolicLinkIsAnUnreadableFileNotTheDefault() throws IOException {
        Path yaml = conf.resolve("system_metrics.yml");
        Files.createSymbolicLink(yaml, conf.resolve("managed/system_metrics.yml"));

        assertUnreadableWithOneError(loader().load(ConsoleSettings.NONE), yaml,
                "is a symbolic link to " + conf.resolve("managed/system_metrics.yml") + ", which does not exist");
    }

    @Test
    void anUnusableYamlBesideTheErlangFileSaysRemovingItUsesTheErlangFileNotTheDefault() throws IOException {
        Path yaml = conf.resolve("system_metrics.yml");
        Files.createSymbolicLink(yaml, conf.resolve("managed/system_metrics.yml"));
        write("system_metrics.config", "{services, [{service_mongoose_system_metrics, [report]}]}.");

        ServiceConfig loaded = loader().load(ConsoleSettings.NONE);

        assertThat(loaded.consent()).isEqualTo(Consent.CONFIG_UNREADABLE);
        assertThat(loaded.problems()).first().asString().startsWith("ERROR: " + yaml)
                .contains("remove it to use " + conf.resolve("system_metrics.config"))
                .doesNotContain("the default");
    }

    @Test
    void aFolderInTheFilesPlaceIsAnUnreadableFileNotTheDefault() throws IOException {
        Path erlang = conf.resolve("system_metrics.config");
        Files.createDirectory(erlang);

        assertUnreadableWithOneError(loader().load(ConsoleSettings.NONE), erlang, "is a folder, not a file");
    }

    /** Root reads every file, so the refusal Openfire's own user would meet is played by the loader's file access. */
    @Test
    void aFileOpenfireMayNotReadIsUnreadableWithTheCause() throws IOException {
        write("system_metrics.yml", "services:\n  service_mongoose_system_metrics:\n    no_report: true\n");
        Path yaml = conf.resolve("system_metrics.yml");
        ConfigLoader.FileAccess refusing = new ConfigLoader.FileAccess() {
            @Override
            public BasicFileAttributes attributes(Path file, LinkOption... options) throws IOException {
                return ConfigLoader.FileAccess.SYSTEM.attributes(file, options);
            }

            @Override
            public byte[] read(Path file) throws IOException {
                throw new AccessDeniedException(file.toString());
            }
        };

        ServiceConfig loaded = new ConfigLoader(conf, refusing).load(ConsoleSettings.NONE);

        assertThat(loaded.consent()).isEqualTo(Consent.CONFIG_UNREADABLE);
        assertThat(loaded.problems()).singleElement().asString().startsWith("ERROR: " + yaml)
                .contains("permission denied").contains("reporting stays off");
    }

    @Test
    void aFileWithoutReadPermissionIsUnreadableOnTheRealFileSystem() throws IOException {
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "root reads every file; aFileOpenfireMayNotReadIsUnreadableWithTheCause covers this case");
        write("system_metrics.yml", "services:\n  service_mongoose_system_metrics:\n    no_report: true\n");
        Files.setPosixFilePermissions(conf.resolve("system_metrics.yml"), PosixFilePermissions.fromString("---------"));

        ServiceConfig loaded = loader().load(ConsoleSettings.NONE);

        assertThat(loaded.consent()).isEqualTo(Consent.CONFIG_UNREADABLE);
        assertThat(loaded.problems()).singleElement().asString().contains("permission denied");
    }

    @Test
    void aPathThatCannotEvenBeCheckedIsUnreadable() {
        ConfigLoader.FileAccess folderClosed = new ConfigLoader.FileAccess() {
            @Override
            public BasicFileAttributes attributes(Path file, LinkOption... options) throws IOException {
                throw new AccessDeniedException(file.toString());
            }

            @Override
            public byte[] read(Path file) throws IOException {
                throw new AccessDeniedException(file.toString());
            }
        };

        ServiceConfig loaded = new ConfigLoader(conf, folderClosed).load(ConsoleSettings.NONE);

        assertThat(loaded.consent()).isNotIn(Consent.ON, Consent.ON_WITH_NOTICE);
        assertThat(loaded.problems()).allSatisfy(p -> assertThat(p.severity()).isEqualTo(ConfigProblem.Severity.ERROR))
                .anySatisfy(p -> assertThat(p.message()).startsWith(conf.resolve("system_metrics.yml").toString())
                        .contains("cannot be checked (permission denied"));
    }

    @Test
    void aDanglingErlangFileBesideARealYamlFileCountsForTheBothFilesRule() throws IOException {
        write("system_metrics.yml", "services:\n  service_mongoose_system_metrics:\n    report: true\n");
        Files.createSymbolicLink(conf.resolve("system_metrics.config"), conf.resolve("gone.config"));

        ServiceConfig loaded = loader().load(ConsoleSettings.NONE);

        assertThat(loaded.consent()).isEqualTo(Consent.OPT_OUT_UNCLEAR);
        assertThat(loaded.problems()).singleElement().asString().contains("Both")
                .contains(conf.resolve("system_metrics.config") + " is a symbolic link to").contains("reporting is OFF");
    }

    @Test
    void theFingerprintChangesWhenADanglingLinkAppearsOrIsFixed() throws IOException {
        String none = loader().fingerprint();
        Path target = conf.resolve("managed.yml");
        Files.createSymbolicLink(conf.resolve("system_metrics.yml"), target);
        String dangling = loader().fingerprint();
        Files.writeString(target, "services: {}\n");

        assertThat(List.of(none, dangling, loader().fingerprint())).doesNotHaveDuplicates();
    }

    /**
     * "Send reports" chosen in the console outweighs whatever in the file would switch reporting off, so no ERROR may
     * say that reporting is off; each says that it does not switch reporting off. Without the console they still do.
     */
    @Test
    void underSendReportsInTheConsoleNoErrorSaysReportingIsOff() throws IOException {
        assertThat(everyFileErrorUnder(ConsoleSettings.of(Map.of("report", "true")))).allSatisfy(config -> {
            assertThat(config.consent()).isEqualTo(Consent.ON);
            assertThat(TestConfigs.errors(config)).isNotEmpty().allSatisfy(message -> assertThat(message)
                    .doesNotContainPattern("reporting (stays off|is OFF)|nothing is reported|To stop reporting")
                    .endsWith("\"Send reports\" chosen in the admin console overrides the file, so this does not "
                            + "switch reporting off."));
        });
    }

    /**
     * Under "Do not send reports" chosen in the console, fixing the file does not switch reporting on, so no ERROR may
     * say that reporting is off until it is fixed; each says that the console keeps it off.
     */
    @Test
    void underDoNotSendReportsInTheConsoleNoErrorSaysFixingTheFileEndsTheOff() throws IOException {
        assertThat(everyFileErrorUnder(ConsoleSettings.of(Map.of("report", "false")))).allSatisfy(config -> {
            assertThat(config.consent()).isEqualTo(Consent.OFF);
            assertThat(TestConfigs.errors(config)).isNotEmpty().allSatisfy(message -> assertThat(message)
                    .doesNotContainPattern("until|To stop reporting")
                    .endsWith("; reporting is off because \"Do not send reports\" is chosen in the admin console, "
                            + "which overrides the file, so fixing this does not switch reporting on."));
        });
    }

    /** Configurations with each file ERROR that switches reporting off, loaded under the console's {@code send}. */
    private List<ServiceConfig> everyFileErrorUnder(ConsoleSettings send) throws IOException {
        Path yaml = conf.resolve("system_metrics.yml");
        List<ServiceConfig> loaded = new ArrayList<>();
        Files.createSymbolicLink(yaml, conf.resolve("managed.yml"));
        loaded.add(loader().load(send));
        write("system_metrics.config", "{service_mongoose_system_metrics, [report]}.");
        loaded.add(loader().load(send));
        Files.delete(yaml);
        Files.write(yaml, new byte[] {(byte) 0xff, (byte) 0xfe});
        loaded.add(loader().load(send));
        Files.delete(conf.resolve("system_metrics.config"));
        Files.writeString(yaml, "#".repeat((int) ConfigLoader.MAX_FILE_BYTES + 1));
        loaded.add(loader().load(send));
        loaded.add(new ConfigLoader(conf, new ConfigLoader.FileAccess() {
            @Override
            public byte[] read(Path file) throws IOException {
                throw new AccessDeniedException(file.toString());
            }
        }).load(send));
        for (String text : List.of("services: [", "services:\n  service_mongoose_system_metrics:\n    noreport: true\n"
                + "    report: \"yes\"\n    enabled: false\nno_report: true\n",
                "services:\n  service_mongoose_system_metrics:\n    report: true\n    no_report: true\n",
                "services:\n  service_mongoose_system_metrics: {}\n" + "abcdefghijkl".chars()
                        .mapToObj(c -> "no_report_" + (char) c + ": true\n").collect(Collectors.joining()))) {
            loaded.add(TestConfigs.read(text, TestConfigs.YAML, send));
            assertThat(TestConfigs.errors(TestConfigs.yaml(text)))
                    .anyMatch(m -> m.matches("(?s).*(reporting (stays off|is OFF)|nothing is reported).*"));
        }
        loaded.add(TestConfigs.read("{service_mongoose_system_metrics, [no_reprot]}.", TestConfigs.ERLANG, send));
        return loaded;
    }
}
