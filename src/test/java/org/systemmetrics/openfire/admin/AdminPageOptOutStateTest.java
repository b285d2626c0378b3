package org.systemmetrics.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.testing.FakeOpenfireServer;

/**
 * An opt-out in the wrong place, or a configuration path that cannot be read, is shown on the admin page with the
 * state it switched reporting off for, from the real plugin and service.
 */
class AdminPageOptOutStateTest {
    @TempDir
    Path home;
    private RunningPlugin plugin;

    @AfterEach
    void stop() {
        if (plugin != null) {
            plugin.close();
        }
    }

    private String pageFor(String file, String text) throws Exception {
        FakeOpenfireServer openfire = new FakeOpenfireServer(home);
        Path path = openfire.confDirectory().resolve(file);
        if (text.equals("dangling link")) {
            Files.createSymbolicLink(path, openfire.confDirectory().resolve("not-deployed-yet"));
        } else {
            Files.writeString(path, text.replace("\\n", "\n"));
        }
        plugin = RunningPlugin.on(openfire);
        return new PageClient(plugin.page().page()).getPage().body();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "system_metrics.yml|services:\\n  service_mongoose_system_metrics:\\n    report: true\\n  no_report: true\\n"
                + "|Switched off: an opt-out cannot be read with certainty.",
        "system_metrics.yml|services:\\n  service_mongoose_system_metrics:\\n    enabled: false\\n"
                + "|Switched off: an opt-out cannot be read with certainty.",
        "system_metrics.config|{services, [{service_mongoose_system_metrics, [report]}]}.\\n{no_report, true}.\\n"
                + "|Switched off: an opt-out cannot be read with certainty.",
        "system_metrics.yml|dangling link|Switched off: the configuration file cannot be read."})
    void thePageShowsWhyReportingIsOff(String file, String text, String state) throws Exception {
        String page = pageFor(file, text);

        assertThat(page).contains(state).contains("jive-error").doesNotContain("Running");
    }

    /** The off text names every way out: "Send reports" in the console outweighs what the file cannot say. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "system_metrics.yml|dangling link|state.off_config_unreadable.text",
        "system_metrics.yml|services:\\n  service_mongoose_system_metrics:\\n    enabled: false\\n"
                + "|state.off_opt_out_unclear.text"})
    void reportingOffUntilTheFileIsFixedSaysSendReportsEndsItToo(String file, String text, String key)
            throws Exception {
        BundleMessages en = BundleMessages.english();
        assertThat(pageFor(file, text)).contains(Html.escape(en.get(key)));
        assertThat(en.get(key)).contains("until it is fixed or \"Send reports\" is chosen below");

        plugin.admin().save(Map.of("report", "true"));

        assertThat(new PageClient(plugin.page().page()).getPage().body()).contains("Running.", "sm-console-override");
    }

    /** DO_NOT_TRACK outweighs "Send reports" too: the page does not say the console's choice has reporting on. */
    @Test
    void sendReportsOverAFileOptOutIsNotCalledOnUnderDoNotTrack() throws Exception {
        plugin = RunningPlugin.inState(home, ConsentDecision.State.OFF_BY_DO_NOT_TRACK);
        Files.writeString(RunningPlugin.configFile(plugin.openfire), RunningPlugin.ENTRY + "    no_report: true\n");

        plugin.admin().save(Map.of("report", "true"));

        assertThat(plugin.status().config().consoleOverridesFileOptOut()).isTrue();
        assertThat(new PageClient(plugin.page().page()).getPage().body()).contains("data-state=\"OFF_BY_DO_NOT_TRACK\"")
                .doesNotContain("sm-console-override");
    }
}
