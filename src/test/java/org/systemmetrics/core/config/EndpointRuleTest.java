package org.systemmetrics.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.systemmetrics.core.config.TestConfigs.errors;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * google_analytics_url: an address that can never be a collector (link-local, cloud metadata, no real port)
 * is refused at the key, in both file syntaxes and in the console, and the default endpoint is used.
 */
class EndpointRuleTest {
    private static void assertRefused(ServiceConfig loaded, String where, String why) {
        assertThat(loaded.get(Setting.GOOGLE_ANALYTICS_URL)).isEqualTo(ServiceConfig.DEFAULT_GOOGLE_ANALYTICS_URL);
        assertThat(loaded.consent()).isIn(Consent.ON, Consent.ON_WITH_NOTICE);
        assertThat(errors(loaded)).singleElement().asString().contains(where).contains("google_analytics_url")
                .contains(why).contains("using the default");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://169.254.169.254/latest/meta-data/", "http://169.254.169.254/computeMetadata/v1/",
            "https://169.254.0.1/mp/collect", "https://[fe80::a9fe:a9fe]/mp/collect", "https://[FE80::1]:8443/mp/collect",
            "https://[::ffff:169.254.169.254]/mp/collect", "https://metadata.google.internal/computeMetadata/v1/",
            "https://[fd00:ec2::254]/latest/meta-data/",
            // issue 17: every other spelling of the same addresses
            "https://2852039166/latest/meta-data/", "https://0xa9fea9fe/in",
            "https://[fe80::1%25lo]/mp/collect", "https://[fe80::1%25eth0]:8443/in",
            "https://[::169.254.169.254]/in", "https://[64:ff9b::a9fe:a9fe]/in", "https://[64:ff9b::169.254.169.254]/in",
            "https://[64:ff9b:1::a9fe:a9fe]/in", "https://[2002:a9fe:a9fe::1]/in", "https://[::ffff:a9fe:a9fe]/in",
            "https://0.0.0.0/in", "http://0.0.0.0:8080/in", "https://0/in", "https://[::]/in",
            "https://100.100.100.200/latest/meta-data/", "https://METADATA.GOOGLE.INTERNAL./in"})
    void linkLocalAndMetadataAddressesAreRefused(String url) {
        assertRefused(TestConfigs.yaml("services:\n  service_mongoose_system_metrics:\n    report: true\n"
                + "    google_analytics_url: \"" + url + "\"\n"), "system_metrics.yml, line 4", "link-local");
        assertRefused(TestConfigs.erlang("{service_mongoose_system_metrics, [report,\n {google_analytics_url, \""
                + url + "\"}]}."), "system_metrics.config, line 2", "link-local");
        assertRefused(TestConfigs.entry(Map.of("report", ConfigValue.of(true)), ConfigOrigin.shippedDefault(),
                ConsoleSettings.of(Map.of("google_analytics_url", url))),
                "admin console setting google_analytics_url", "link-local");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://www.google-analytics.com:0/mp/collect", "https://www.google-analytics.com:65536/mp/collect",
            "http://127.0.0.1:99999/mp/collect"})
    void portsOutsideOneTo65535AreRefused(String url) {
        assertRefused(TestConfigs.yaml("services:\n  service_mongoose_system_metrics:\n    report: true\n"
                + "    google_analytics_url: \"" + url + "\"\n"), "line 4", "port");
        assertRefused(TestConfigs.erlang("{service_mongoose_system_metrics, [report, {google_analytics_url, \""
                + url + "\"}]}."), "line 1", "port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://region1.google-analytics.com/mp/collect", "http://127.0.0.1:8080/mp/collect",
            "https://collector.example.com:65535/mp/collect", "http://[::1]:1/mp/collect"})
    void realCollectorsAreAccepted(String url) {
        ServiceConfig loaded = TestConfigs.yaml("services:\n  service_mongoose_system_metrics:\n"
                + "    google_analytics_url: \"" + url + "\"\n");
        assertThat(errors(loaded)).isEmpty();
        assertThat(loaded.get(Setting.GOOGLE_ANALYTICS_URL)).isEqualTo(URI.create(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://collector.example/mp/collect?api_secret=SuperSecret1", "https://me:SuperSecret1@x/mp/collect"})
    void aRefusedUrlIsNotQuotedInTheLogSinceItMayCarryASecret(String url) {
        ServiceConfig loaded = TestConfigs.yaml("services:\n  service_mongoose_system_metrics:\n"
                + "    google_analytics_url: \"" + url + "\"\n");
        assertThat(errors(loaded)).singleElement().asString().doesNotContain("SuperSecret1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://169.254.169.254/latest/meta-data/", "https://[fe80::1]/in",
            "https://metadata.google.internal/in", "https://collector.example.com:65536/in"})
    void theAdministratorsOwnEndpointFollowsTheSameRules(String url) {
        ServiceConfig file = TestConfigs.yaml("services:\n  service_mongoose_system_metrics:\n"
                + "    report_endpoint: \"" + url + "\"\n");
        assertThat(file.get(Setting.REPORT_ENDPOINT)).isEmpty();
        assertThat(errors(file)).singleElement().asString().contains("report_endpoint").doesNotContain(url);
        ServiceConfig console = TestConfigs.entry(Map.of(), ConfigOrigin.shippedDefault(),
                ConsoleSettings.of(Map.of("report_endpoint", url)));
        assertThat(console.get(Setting.REPORT_ENDPOINT)).isEmpty();
        assertThat(errors(console)).singleElement().asString().contains("admin console setting report_endpoint");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost/mp/collect", "https://localhost/mp/collect", "http://127.0.0.1/mp/collect",
            "https://[::1]/mp/collect", "http://2130706433/mp/collect", "http://[::ffff:127.0.0.1]/mp/collect"})
    void thisMachineIsReachedOnlyOnAPortWrittenInTheUrl(String url) {
        assertRefused(TestConfigs.yaml("services:\n  service_mongoose_system_metrics:\n    report: true\n"
                + "    google_analytics_url: \"" + url + "\"\n"), "system_metrics.yml, line 4", "without a port");
        assertThat(Setting.checkEndpoint(url)).get().satisfies(r -> assertThat(r.messageKey())
                .isEqualTo("settings.error.url_loopback_port"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080/mp/collect", "https://127.0.0.1:8443/mp/collect",
            "http://[::1]:9000/mp/collect", "http://2130706433:8080/mp/collect"})
    void thisMachineWithItsPortIsAccepted(String url) {
        assertThat(Setting.checkEndpoint(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://collector.example.com/in", "https://10.1.2.3/in", "https://[2001:db8::1]/in",
            "https://cafe/in", "https://169.255.1.1/in", "https://[64:ff9b::808:808]/in"})
    void ordinaryAddressesAreNotMistakenForLinkLocal(String url) {
        assertThat(Setting.checkEndpoint(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTPS://collector.example.com/in", "Http://127.0.0.1:8080/in", "HTTP://[::1]:9000/in"})
    void theSchemeIsReadWhateverItsCase(String url) {
        assertThat(Setting.checkEndpoint(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://collector.example.com/in", "//collector.example.com/in",
            "HTTP://collector.example.com/in", "httpx://collector.example.com/in"})
    void onlyHttpsOrHttpToThisMachineIsAccepted(String url) {
        assertThat(Setting.checkEndpoint(url)).get().satisfies(r -> assertThat(r.messageKey())
                .isEqualTo("settings.error.url_scheme"));
    }

    /** Dotted numbers that are no address are no host name either: refused before anything could read them. */
    @ParameterizedTest
    @ValueSource(strings = {"https://169.16689662/in", "https://0xA9.0xFE.0xA9.0xFE/in", "https://999.1.1.1/in",
            "https://169.254.169.254./in", "https://0251.0376.0251.0376/in"})
    void numericHostsThatAreNoAddressAreRefused(String url) {
        assertThat(Setting.checkEndpoint(url)).isPresent();
    }
}
