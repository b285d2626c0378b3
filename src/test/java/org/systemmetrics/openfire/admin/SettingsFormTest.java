package org.systemmetrics.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.config.Setting;

/**
 * The form's rules, as an administrator meets them when pressing "Save settings": over the settings in force in the
 * real plugin, from its configuration file and what the console saved before.
 */
class SettingsFormTest {
    /** The timers in minutes and hours, as the form shows them. */
    private static final String FILE = "services:\n  service_mongoose_system_metrics:\n    initial_report: 300000\n"
            + "    periodic_report: 10800000\n";

    @TempDir
    Path home;
    private RunningPlugin plugin;

    @BeforeEach
    void setUp() {
        plugin = RunningPlugin.withYaml(home, FILE);
    }

    @AfterEach
    void stop() {
        plugin.close();
    }

    private ServiceConfig config() {
        return plugin.status().config();
    }

    /** Saved in the admin console before the test's submission, as the page saves it. */
    private void saved(String... keysAndValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        plugin.admin().save(values);
    }

    /** The plugin restarted with these lines added to its file's entry. */
    private void inTheFile(String entryLines) {
        plugin.close();
        plugin = RunningPlugin.withYaml(home, FILE + entryLines);
    }

    /** The form exactly as the page shows it for the current settings. */
    private Map<String, String> shownForm() {
        SettingsForm view = new SettingsForm(config());
        Map<String, String> form = new HashMap<>();
        for (String field : List.of("report", "initial_report", "initial_report_unit", "periodic_report",
                "periodic_report_unit", "tracking_id")) {
            form.put(field, view.shown(field));
        }
        form.put("tracking_secret", "");
        for (String field : List.of("google_analytics_url", "google_analytics_url_choice", "report_endpoint")) {
            form.put(field, view.shown(field));
        }
        form.put("report_endpoint_token", "");
        form.put("categories_shown", "1");
        view.categories().forEach(c -> form.put("category_" + c.configName(), "on"));
        return form;
    }

    private SettingsForm submit(Map<String, String> form) {
        return SettingsForm.read(form::get, config());
    }

    @Test
    void savingAnUntouchedFormChangesNothing() {
        SettingsForm form = submit(shownForm());
        assertThat(form.valid()).isTrue();
        assertThat(form.changes()).isEmpty();
    }

    @Test
    void changedTimersAreStoredInMilliseconds() {
        Map<String, String> form = shownForm();
        form.put("initial_report", "10");
        form.put("periodic_report", "2");
        form.put("periodic_report_unit", "h");
        assertThat(submit(form).changes()).containsOnly(entry("initial_report", "600000"), entry("periodic_report", "7200000"));
    }

    @Test
    void reportChoiceIsStoredAsTrueOrFalse() {
        Map<String, String> form = shownForm();
        form.put("report", "no_report");
        assertThat(submit(form).changes()).containsOnly(entry("report", "false"));
        form.put("report", "report");
        assertThat(submit(form).changes()).containsOnly(entry("report", "true"));
    }

    @Test
    void oneBadFieldMeansNothingIsSavedAndEachErrorSitsWithItsField() {
        Map<String, String> form = shownForm();
        form.put("report", "report");
        form.put("initial_report", "soon");
        form.put("periodic_report", "0");
        form.put("google_analytics_url", "http://example.com/mp/collect");
        SettingsForm read = submit(form);
        assertThat(read.valid()).isFalse();
        assertThat(read.changes()).isEmpty();
        assertThat(read.errors()).containsOnlyKeys("initial_report", "periodic_report", "google_analytics_url");
        assertThat(read.shown("initial_report")).isEqualTo("soon");
    }

    @Test
    void aUniversalAnalyticsIdGetsTheExplanation() {
        Map<String, String> form = shownForm();
        form.put("tracking_id", "UA-12345-1");
        form.put("tracking_secret", "abc");
        assertThat(submit(form).errors().get("tracking_id").key()).isEqualTo("settings.error.tracking_id_ua");
        form.put("tracking_id", "ua-xyz123");
        assertThat(submit(form).errors().get("tracking_id").key()).as("the core's UA pattern, any case")
                .isEqualTo("settings.error.tracking_id_ua");
        form.put("tracking_id", "g-lower");
        assertThat(submit(form).errors().get("tracking_id").key()).isEqualTo("settings.error.tracking_id_format");
    }

    @Test
    void aNewIdNeedsASecretUnlessOneIsStoredInTheConsole() {
        Map<String, String> form = shownForm();
        form.put("tracking_id", "G-NEW12345");
        assertThat(submit(form).errors()).containsOnlyKeys("tracking_secret");

        form.put("tracking_secret", " s3cret ");
        assertThat(submit(form).changes()).containsOnly(entry("tracking_id", "G-NEW12345"), entry("tracking_secret", "s3cret"));

        saved("tracking_id", "G-OLD12345", "tracking_secret", "kept");
        Map<String, String> withStored = shownForm();
        withStored.put("tracking_id", "G-NEW12345");
        assertThat(submit(withStored).changes()).containsOnly(entry("tracking_id", "G-NEW12345"));
    }

    @Test
    void aBlankSecretKeepsTheCurrentOne() {
        saved("tracking_id", "G-OLD12345", "tracking_secret", "kept");
        assertThat(submit(shownForm()).changes()).isEmpty();
    }

    @Test
    void aSecretForTheFilesIdStoresBothInTheConsole() {
        inTheFile("    tracking_id: {id: G-FILE1234, secret: filesecret}\n");
        Map<String, String> form = shownForm();
        form.put("tracking_secret", "newsecret");
        assertThat(submit(form).changes()).containsOnly(entry("tracking_id", "G-FILE1234"), entry("tracking_secret", "newsecret"));
    }

    @Test
    void emptyingAFieldReturnsToTheFilesValue() {
        saved("tracking_id", "G-OLD12345", "tracking_secret", "kept",
                "google_analytics_url", "https://collector.example/mp/collect");
        Map<String, String> form = shownForm();
        form.put("tracking_id", "");
        form.put("google_analytics_url", "");
        assertThat(submit(form).changes()).containsOnly(entry("tracking_id", ""), entry("tracking_secret", ""),
                entry("google_analytics_url", ""));
    }

    @Test
    void plainHttpIsAcceptedOnlyForThisMachine() {
        Map<String, String> form = shownForm();
        form.put("google_analytics_url", "http://127.0.0.1:8080/mp/collect");
        assertThat(submit(form).changes()).containsOnly(entry("google_analytics_url", "http://127.0.0.1:8080/mp/collect"));
        form.put("google_analytics_url", "https://user@www.google-analytics.com/mp/collect");
        assertThat(submit(form).errors().get("google_analytics_url").key()).isEqualTo("settings.error.url_invalid");
        form.put("google_analytics_url", "http://collector.example/mp/collect");
        assertThat(submit(form).errors().get("google_analytics_url").key()).isEqualTo("settings.error.url_scheme");
    }

    @Test
    void aSecretWithSpacesIsRefused() {
        Map<String, String> form = shownForm();
        form.put("tracking_id", "G-NEW12345");
        form.put("tracking_secret", "two words");
        assertThat(submit(form).errors()).containsOnlyKeys("tracking_secret");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "https://169.254.169.254/latest/meta-data, settings.error.url_link_local",
            "http://169.254.169.254/computeMetadata/v1, settings.error.url_link_local",
            "https://[fe80::1]/mp/collect, settings.error.url_link_local",
            "https://[::ffff:169.254.169.254]/mp/collect, settings.error.url_link_local",
            "https://metadata.google.internal/mp/collect, settings.error.url_link_local",
            "https://www.google-analytics.com:0/mp/collect, settings.error.url_port",
            "https://www.google-analytics.com:70000/mp/collect, settings.error.url_port"})
    void endpointsThatCanNeverBeACollectorAreRefusedNextToTheField(String url, String messageKey) {
        Map<String, String> form = shownForm();
        form.put("google_analytics_url", url);
        SettingsForm read = submit(form);
        assertThat(read.changes()).isEmpty();
        assertThat(read.errors().get("google_analytics_url").key()).isEqualTo(messageKey);
    }

    @Test
    void theUnspecifiedAddressIsRefusedAsWhatItIs() {
        Map<String, String> form = shownForm();
        form.put("google_analytics_url", "http://0.0.0.0:8080/mp/collect");

        LocalizedText error = submit(form).errors().get("google_analytics_url");

        assertThat(error.key()).isEqualTo("settings.error.url_link_local");
        assertThat(error.render(BundleMessages.english())).contains("0.0.0.0").contains("unspecified");
    }

    @Test
    void theEuEndpointIsOneChoiceAwayAndACustomUrlTakesTheField() {
        Map<String, String> eu = shownForm();
        eu.put("google_analytics_url_choice", "eu");
        assertThat(submit(eu).changes())
                .containsOnly(entry("google_analytics_url", "https://region1.google-analytics.com/mp/collect"));

        Map<String, String> custom = shownForm();
        custom.put("google_analytics_url_choice", "custom");
        custom.put("google_analytics_url", "http://127.0.0.1:9000/mp/collect");
        assertThat(submit(custom).changes()).containsOnly(entry("google_analytics_url", "http://127.0.0.1:9000/mp/collect"));

        saved("google_analytics_url", "https://region1.google-analytics.com/mp/collect");
        assertThat(new SettingsForm(config()).shown("google_analytics_url_choice")).isEqualTo("eu");
        assertThat(submit(shownForm()).changes()).isEmpty();
    }

    @Test
    void anEndpointIsStoredWithItsTokenAndABadAddressIsRefusedAtTheField() {
        Map<String, String> form = shownForm();
        form.put("report_endpoint", "https://metrics.example.org/in");
        form.put("report_endpoint_token", "t0ken");
        assertThat(submit(form).changes()).containsOnly(entry("report_endpoint", "https://metrics.example.org/in"),
                entry("report_endpoint_token", "t0ken"));

        Map<String, String> plainHttp = shownForm();
        plainHttp.put("report_endpoint", "http://metrics.example.org/in");
        SettingsForm refused = submit(plainHttp);
        assertThat(refused.valid()).isFalse();
        assertThat(refused.errors()).containsOnlyKeys("report_endpoint");

        Map<String, String> tokenAlone = shownForm();
        tokenAlone.put("report_endpoint_token", "t0ken");
        assertThat(submit(tokenAlone).errors()).containsOnlyKeys("report_endpoint");
    }

    @Test
    void aNewEndpointCannotSilentlyLoseTheTokenThatCameFromTheFile() {
        inTheFile("    report_endpoint: https://file.example.org/in\n    report_endpoint_token: file-token\n");
        Map<String, String> urlOnly = shownForm();
        urlOnly.put("report_endpoint", "https://console.example.org/in");

        SettingsForm refused = submit(urlOnly);

        assertThat(refused.changes()).isEmpty();
        assertThat(refused.errors().get("report_endpoint_token").key())
                .isEqualTo("settings.error.report_endpoint_token_from_file");
        urlOnly.put("report_endpoint_token", "console-token");
        assertThat(submit(urlOnly).changes()).containsOnly(entry("report_endpoint", "https://console.example.org/in"),
                entry("report_endpoint_token", "console-token"));
    }

    @Test
    void aNewEndpointNeedsTheConsoleTokenTypedAgain() {
        saved("report_endpoint", "https://old.example.org/in", "report_endpoint_token", "old-token");
        Map<String, String> urlOnly = shownForm();
        urlOnly.put("report_endpoint", "https://new.example.org/in");

        SettingsForm refused = submit(urlOnly);

        assertThat(refused.changes()).isEmpty();
        assertThat(refused.errors().get("report_endpoint_token").key())
                .isEqualTo("settings.error.report_endpoint_token_reenter");
        urlOnly.put("report_endpoint_token", "new-token");
        assertThat(submit(urlOnly).changes()).containsOnly(entry("report_endpoint", "https://new.example.org/in"),
                entry("report_endpoint_token", "new-token"));
    }

    @Test
    void anotherGoogleAnalyticsUrlNeedsTheApiSecretTypedAgainButGooglesOwnEndpointsDoNot() {
        saved("tracking_id", "G-OLD12345", "tracking_secret", "kept");
        Map<String, String> form = shownForm();
        form.put("google_analytics_url_choice", "custom");
        form.put("google_analytics_url", "https://ga-proxy.example.org/mp/collect");

        SettingsForm refused = submit(form);

        assertThat(refused.changes()).isEmpty();
        assertThat(refused.errors().get("tracking_secret").key()).isEqualTo("settings.error.tracking_secret_reenter");
        form.put("tracking_secret", "typed-again");
        assertThat(submit(form).changes()).containsOnly(entry("tracking_id", "G-OLD12345"),
                entry("tracking_secret", "typed-again"), entry("google_analytics_url", "https://ga-proxy.example.org/mp/collect"));

        Map<String, String> eu = shownForm();
        eu.put("google_analytics_url_choice", "eu");
        assertThat(submit(eu).changes()).containsOnly(entry("google_analytics_url",
                "https://region1.google-analytics.com/mp/collect"));
    }

    @Test
    void untickingEveryCategoryStoresNoneAndTickingSomeStoresTheirNames() {
        Map<String, String> none = shownForm();
        none.keySet().removeIf(k -> k.startsWith("category_"));
        assertThat(submit(none).changes()).containsOnly(entry("categories", "none"));

        Map<String, String> some = shownForm();
        some.remove("category_stanzas");
        some.remove("category_modules");
        assertThat(submit(some).changes()).containsOnly(entry("categories", "backends,transports,apis"));
    }

    @Test
    void aFormWithoutTheCategoryBoxesSaysNothingAboutThem() {
        Map<String, String> form = shownForm();
        form.keySet().removeIf(k -> k.startsWith("categor"));
        assertThat(submit(form).changes()).isEmpty();
    }

    @Test
    void aFormWithoutATimerSaysNothingAboutItButATimerWithoutItsUnitIsRefused() {
        Map<String, String> form = shownForm();
        form.remove("periodic_report");
        form.remove("periodic_report_unit");
        form.put("initial_report", "10");
        assertThat(submit(form).changes()).containsOnly(entry("initial_report", "600000"));
        form.put("periodic_report", "2");
        assertThat(submit(form).errors()).containsOnlyKeys("periodic_report");
    }

    /** The page's rows come from the settings' definitions: a new console setting gets its row without page code. */
    @Test
    void everyConsoleSettingHasItsRowOnThePage() {
        AdminPage page = new AdminPage(BundleMessages.english(), Clock::systemUTC);
        String html = page.render(new PageModel(plugin.facts(), "token"));
        for (Setting<?> setting : Setting.console()) {
            assertThat(html).as(setting.key()).contains("id=\"sm-row-" + setting.key() + "\"");
        }
    }

    @Test
    void theAuditLogSaysTheTokenChangedButNeverWhatItIs() {
        String details = SystemMetricsAdminServlet.auditDetails(new java.util.LinkedHashMap<>(Map.of(
                "report_endpoint", "https://metrics.example.org/in", "report_endpoint_token", "t0ken-secret")));
        assertThat(details).contains("report_endpoint = https://metrics.example.org (path not logged)")
                .contains("report_endpoint_token = (changed)").doesNotContain("t0ken-secret").doesNotContain("/in");
    }
}
