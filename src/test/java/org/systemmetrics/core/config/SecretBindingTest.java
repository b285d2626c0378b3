package org.systemmetrics.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.systemmetrics.core.config.TestConfigs.errors;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A console secret goes only to the address it was entered for: whoever changes the URL alone (on the System
 * Properties page, or a cluster node that has the new URL before the new token) gets nothing sent there.
 */
class SecretBindingTest {
    private static final ConfigOrigin YAML = ConfigOrigin.file(ConfigOrigin.Kind.YAML,
            Path.of("/opt/openfire/conf/system_metrics.yml"));
    private static final URI COLLECTOR = URI.create("https://metrics.example.org/in");
    private static final URI ATTACKER = URI.create("https://attacker.example.net/in");
    private static final URI PROXY = URI.create("https://ga-proxy.example.org/mp/collect");
    private static final String TOKEN = "Fleet-Token-0123456789";
    private static final String SECRET = "ApiSecret-abcdef012345";

    private static ServiceConfig bind(String fileSettings, Map<String, String> console) {
        return fileSettings.isEmpty() ? TestConfigs.withoutEntry(YAML, ConsoleSettings.of(console))
                : TestConfigs.read("services:\n  service_mongoose_system_metrics:\n" + fileSettings, YAML,
                        ConsoleSettings.of(console));
    }

    @Test
    void aTokenIsUsedWithTheEndpointItWasEnteredFor() {
        ServiceConfig loaded = bind("", Map.of("report_endpoint", COLLECTOR.toString(),
                "report_endpoint_token", SecretBinding.seal(TOKEN, COLLECTOR)));

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.get(Setting.REPORT_ENDPOINT)).contains(new OwnEndpoint(COLLECTOR, TOKEN));
    }

    @Test
    void aTokenBesideAnotherEndpointSendsNothingThereAndTheErrorSaysToEnterItAgain() {
        ServiceConfig loaded = bind("", Map.of("report_endpoint", ATTACKER.toString(),
                "report_endpoint_token", SecretBinding.seal(TOKEN, COLLECTOR)));

        assertThat(loaded.get(Setting.REPORT_ENDPOINT)).isEmpty();
        assertThat(errors(loaded)).singleElement().asString().contains("report_endpoint_token")
                .contains("another report_endpoint than https://attacker.example.net").contains("Enter it again")
                .contains("nothing is sent to https://attacker.example.net").doesNotContain(TOKEN).doesNotContain("/in");
    }

    @Test
    void aChangedPathOrPortIsAnotherAddress() {
        for (String other : List.of("https://metrics.example.org/other", "https://metrics.example.org:8443/in",
                "http://localhost:8080/in")) {
            ServiceConfig loaded = bind("", Map.of("report_endpoint", other,
                    "report_endpoint_token", SecretBinding.seal(TOKEN, COLLECTOR)));
            assertThat(loaded.get(Setting.REPORT_ENDPOINT)).as(other).isEmpty();
        }
        ServiceConfig sameWithDefaultPort = bind("", Map.of("report_endpoint",
                "https://METRICS.example.org:443/in", "report_endpoint_token", SecretBinding.seal(TOKEN, COLLECTOR)));
        assertThat(sameWithDefaultPort.get(Setting.REPORT_ENDPOINT)).isPresent();
    }

    @Test
    void aSecretStoredWithoutItsAddressIsNotUsedAndTheErrorSaysWhy() {
        // An older version's value, or one typed on the System Properties page.
        ServiceConfig loaded = bind("", Map.of("report_endpoint", COLLECTOR.toString(),
                "report_endpoint_token", TOKEN));

        assertThat(loaded.get(Setting.REPORT_ENDPOINT)).isEmpty();
        assertThat(errors(loaded)).singleElement().asString().contains("stored without the address")
                .contains("Enter it again").doesNotContain(TOKEN);
    }

    @Test
    void anEndpointWithoutATokenNeedsNoBinding() {
        ServiceConfig loaded = bind("", Map.of("report_endpoint", COLLECTOR.toString()));

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.get(Setting.REPORT_ENDPOINT)).contains(new OwnEndpoint(COLLECTOR, ""));
    }

    @Test
    void anApiSecretEnteredForGooglesEndpointIsNotSentToAnotherUrl() {
        Map<String, String> console = new HashMap<>(Map.of("tracking_id", "G-CONSOLE1",
                "tracking_secret", SecretBinding.seal(SECRET, ServiceConfig.DEFAULT_GOOGLE_ANALYTICS_URL)));
        assertThat(bind("", console).get(Setting.TRACKING_ID)).extracting(TrackingId::measurementId)
                .containsExactly("G-CONSOLE1");
        // Google's EU endpoint is Google too: the secret may go there.
        console.put("google_analytics_url", ServiceConfig.EU_GOOGLE_ANALYTICS_URL.toString());
        assertThat(bind("", console).get(Setting.TRACKING_ID)).hasSize(1);

        console.put("google_analytics_url", PROXY.toString());
        ServiceConfig loaded = bind("", console);

        assertThat(loaded.get(Setting.TRACKING_ID)).isEmpty();
        assertThat(errors(loaded)).singleElement().asString().contains("tracking_secret")
                .contains("another google_analytics_url than https://ga-proxy.example.org")
                .contains("no report goes to G-CONSOLE1").doesNotContain(SECRET);
    }

    @Test
    void anApiSecretEnteredForAProxyIsUsedThere() {
        ServiceConfig loaded = bind("", Map.of("tracking_id", "G-CONSOLE1",
                "tracking_secret", SecretBinding.seal(SECRET, PROXY),
                "google_analytics_url", PROXY.toString()));

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.get(Setting.TRACKING_ID)).singleElement().satisfies(t -> assertThat(t.apiSecret()).isEqualTo(SECRET));
    }

    @Test
    void theFilesApiSecretsAreNotSentToAConsoleUrlTheFileDoesNotName() {
        String file = "    tracking_id: {id: G-FILE1234, secret: " + SECRET + "}\n";
        assertThat(bind(file, Map.of("google_analytics_url",
                ServiceConfig.EU_GOOGLE_ANALYTICS_URL.toString())).get(Setting.TRACKING_ID)).hasSize(1);

        ServiceConfig loaded = bind(file, Map.of("google_analytics_url", PROXY.toString()));

        assertThat(loaded.get(Setting.TRACKING_ID)).isEmpty();
        assertThat(errors(loaded)).singleElement().asString().contains("google_analytics_url")
                .contains("not the URL the file's API secrets were written for").doesNotContain(SECRET);
        ServiceConfig sameAsFile = bind(file + "    google_analytics_url: " + PROXY + "\n",
                Map.of("google_analytics_url", PROXY.toString()));
        assertThat(sameAsFile.get(Setting.TRACKING_ID)).hasSize(1);
    }

    @Test
    void theStoredValueCarriesAFingerprintNotTheAddress() {
        String stored = SecretBinding.seal(TOKEN, COLLECTOR);
        assertThat(stored).doesNotContain("metrics.example.org").endsWith(":" + TOKEN);
        assertThat(SecretBinding.secret(stored)).isEqualTo(TOKEN);
        assertThat(SecretBinding.allows(stored, COLLECTOR)).isTrue();
        assertThat(SecretBinding.allows(stored, ATTACKER)).isFalse();
        assertThat(SecretBinding.boundTo(TOKEN).isEmpty()).isTrue();
    }
}
