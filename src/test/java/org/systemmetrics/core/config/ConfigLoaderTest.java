package org.systemmetrics.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        LoadedConfig loaded = loader().load(ConsoleSettings.NONE);

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.config().consent()).isEqualTo(Consent.ON_WITH_NOTICE);
        assertThat(loaded.config().initialReport()).isEqualTo(Duration.ofMinutes(5));
        assertThat(loaded.config().periodicReport()).isEqualTo(Duration.ofHours(3));
        assertThat(loaded.config().trackingIds()).isEmpty();
        assertThat(loaded.config().configType()).isEqualTo("default");
    }

    @Test
    void whenBothFilesExistYamlIsReadButReportingIsOffAndAnErrorNamesBoth() throws IOException {
        write("system_metrics.yml", "services:\n  service_mongoose_system_metrics:\n    report: true\n");
        write("system_metrics.config", "{service_mongoose_system_metrics, [no_report]}.");

        LoadedConfig loaded = loader().load(ConsoleSettings.NONE);

        // The ignored file says no_report: an opt-out that is ignored is no opt-out.
        assertThat(loaded.config().consent()).isEqualTo(Consent.OPT_OUT_UNCLEAR);
        assertThat(loaded.config().origin().file()).contains(conf.resolve("system_metrics.yml"));
        assertThat(loaded.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(ConfigProblem.Severity.ERROR);
            assertThat(p.message()).contains(conf.resolve("system_metrics.yml").toString())
                    .contains(conf.resolve("system_metrics.config").toString()).contains("reporting is OFF");
        });
    }

    @Test
    void theErlangFileIsUsedWhenItIsTheOnlyOne() throws IOException {
        write("system_metrics.config", "{service_mongoose_system_metrics, [no_report]}.");

        assertThat(loader().load(ConsoleSettings.NONE).config().consent()).isEqualTo(Consent.OFF);
    }

    @Test
    void consoleSettingsOverrideTheFileKeyByKeyAndSaySo() throws IOException {
        write("system_metrics.yml", "services:\n  service_mongoose_system_metrics:\n    initial_report: 1000\n"
                + "    periodic_report: 2000\n");

        LoadedConfig loaded = loader().load(ConsoleSettings.of(Map.of(
                ConsoleSettings.PERIODIC_REPORT, "3600000",
                ConsoleSettings.REPORT, "true",
                ConsoleSettings.TRACKING_ID, "G-CONSOLE1",
                ConsoleSettings.TRACKING_SECRET, SecretBinding.seal("hidden-secret",
                        ServiceConfig.DEFAULT_GOOGLE_ANALYTICS_URL))));

        ServiceConfig config = loaded.config();
        assertThat(loaded.problems()).isEmpty();
        assertThat(config.initialReport()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.sourceOf(ConsoleSettings.INITIAL_REPORT)).isEqualTo(SettingSource.FILE);
        assertThat(config.periodicReport()).isEqualTo(Duration.ofHours(1));
        assertThat(config.sourceOf(ConsoleSettings.PERIODIC_REPORT)).isEqualTo(SettingSource.CONSOLE);
        assertThat(config.consent()).isEqualTo(Consent.ON);
        assertThat(config.trackingIds()).containsExactly(new TrackingId("G-CONSOLE1", "hidden-secret"));
        assertThat(config.sourceOf(ConsoleSettings.GOOGLE_ANALYTICS_URL)).isEqualTo(SettingSource.DEFAULT);
        assertThat(config.configType()).isEqualTo("yaml+admin");
    }

    @Test
    void aBadConsoleValueIsAnErrorNamingTheSettingAndTheFileValueStays() throws IOException {
        write("system_metrics.yml", "services:\n  service_mongoose_system_metrics:\n    periodic_report: 2000\n");

        LoadedConfig loaded = loader().load(ConsoleSettings.of(Map.of(ConsoleSettings.PERIODIC_REPORT, "often")));

        assertThat(loaded.config().periodicReport()).isEqualTo(Duration.ofSeconds(2));
        assertThat(loaded.problems()).singleElement().asString().contains("periodic_report").contains("\"often\"")
                .contains("file's value is used");
    }

    @Test
    void aFileThatIsNotUtf8OrTooLargeIsUnreadable() throws IOException {
        Files.write(conf.resolve("system_metrics.yml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        assertThat(loader().load(ConsoleSettings.NONE).config().consent()).isEqualTo(Consent.CONFIG_UNREADABLE);

        Files.writeString(conf.resolve("system_metrics.yml"), "#".repeat((int) ConfigLoader.MAX_FILE_BYTES + 1));
        LoadedConfig large = loader().load(ConsoleSettings.NONE);
        assertThat(large.config().consent()).isEqualTo(Consent.CONFIG_UNREADABLE);
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
}
