package org.systemmetrics.core.delivery.ga4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.systemmetrics.core.delivery.ga4.Fixtures.OTHER_SECRET;
import static org.systemmetrics.core.delivery.ga4.Fixtures.SECRET;
import static org.systemmetrics.core.delivery.ga4.Fixtures.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.core.config.ConfigOrigin;
import org.systemmetrics.core.config.ConsoleSettings;
import org.systemmetrics.core.config.SecretBinding;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.config.TestConfigs;
import org.systemmetrics.core.config.TrackingId;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.consent.ConsentPolicy;

/**
 * The consent notice under each set of destinations and each kind of configuration: it names only receivers and
 * purposes in force, and gives both ways to opt out: the console's choice, and the file's key with its nesting, in
 * the file in use or in a copy of the template shipped in the plugin folder.
 */
class ConsentNoticeTest {
    private static final TrackingId PROJECT = new TrackingId("G-PROJECT1", OTHER_SECRET);
    private static final String DEVELOPERS = "to show its developers how Openfire is used";

    @RegisterExtension
    final FakeGoogleExtension google = new FakeGoogleExtension();
    @TempDir
    Path home;

    private Path conf() throws IOException {
        return Files.createDirectories(home.resolve("conf"));
    }

    private Path template() throws IOException {
        Path template = Files.createDirectories(home.resolve("plugins/systemmetrics/conf")).resolve("system_metrics.yml");
        Files.writeString(template, "services:\n  service_mongoose_system_metrics: {}\n");
        return template;
    }

    private String notice(TestDelivery delivery, ServiceConfig config) throws IOException {
        ConsentDecision decision = new ConsentPolicy(Map.of(), home.resolve("logs/system_metrics_report.json"), conf(),
                template()).decide(config, delivery.recipients(config));
        assertThat(decision.state()).isEqualTo(ConsentDecision.State.RUNNING_WITH_NOTICE);
        return decision.message().orElseThrow();
    }

    /** No file in conf/: the shipped default (an entry without a choice), with the console's settings laid over it. */
    private static ServiceConfig defaults(Map<String, String> console) {
        return TestConfigs.read("services:\n  service_mongoose_system_metrics:\n    initial_report: 300000\n",
                ConfigOrigin.shippedDefault(), ConsoleSettings.of(console));
    }

    private ServiceConfig mine() {
        return defaults(Map.of("tracking_id", "G-MINE1234", "tracking_secret",
                SecretBinding.seal(SECRET, google.collectUrl()), "google_analytics_url",
                google.collectUrl().toString()));
    }

    @Test
    void withNoDestinationTheNoticeSaysNothingIsSentAndClaimsNoPurpose() throws IOException {
        String notice = notice(google.open(delivery()), defaults(Map.of()));

        assertThat(notice).contains("no destination is set, so nothing is sent anywhere", "Destinations in force: nowhere")
                .doesNotContain(DEVELOPERS).doesNotContain("sends them");
    }

    @Test
    void withTheProjectsPropertyTheNoticeSaysWhyItIsSent() throws IOException {
        TestDelivery delivery = google.open(delivery().project(PROJECT));

        assertThat(notice(delivery, defaults(Map.of("google_analytics_url", google.collectUrl().toString()))))
                .contains("sends them to the systemmetrics project, " + DEVELOPERS, "G-PROJECT1")
                .doesNotContain("destinations of your own");
        String both = notice(delivery, mine());
        assertThat(both).contains(DEVELOPERS + " and where to focus their work, and to destinations of your own",
                "G-PROJECT1", "G-MINE1234").doesNotContain(SECRET);
    }

    @Test
    void withOnlyTheAdministratorsDestinationsTheNoticeSaysNothingGoesToTheProject() throws IOException {
        String ownProperty = notice(google.open(delivery()), mine());
        java.net.URI endpoint = java.net.URI.create("https://metrics.example.org/secret-path/reports");
        String ownEndpoint = notice(google.open(delivery()), defaults(Map.of("report_endpoint",
                endpoint.toString(), "report_endpoint_token", SecretBinding.seal("tok-123456", endpoint))));

        assertThat(ownProperty).contains("sends them only to destinations of your own (nothing goes to the "
                + "systemmetrics project)", "G-MINE1234").doesNotContain(DEVELOPERS);
        // Named by scheme and host only, as everywhere outside the settings form.
        assertThat(ownEndpoint).contains("destinations of your own", "https://metrics.example.org")
                .doesNotContain("secret-path").doesNotContain("tok-123456").doesNotContain(DEVELOPERS);
    }

    @Test
    void withoutAFileTheNoticeGivesTheConsoleChoiceAndTheTemplateToCopyWithItsNesting() throws IOException {
        String notice = notice(google.open(delivery()), defaults(Map.of()));

        assertThat(notice).contains("choose \"Do not send reports\" in the admin console under Server > Server "
                + "Settings > System Metrics")
                .contains("copy the template shipped in the plugin folder, " + template().toAbsolutePath() + ", to "
                        + conf().resolve("system_metrics.yml").toAbsolutePath())
                .contains("set no_report: true in it under services: > service_mongoose_system_metrics:")
                .contains("services:, then service_mongoose_system_metrics:, then no_report: true")
                .contains("choose \"Send reports\" there, or write report: true instead of no_report: true")
                .doesNotContain("to the service_mongoose_system_metrics entry in conf/system_metrics.yml");
    }

    @Test
    void withoutTheTemplateInThePluginFolderTheNoticeDoesNotPointAtAFileThatIsNotThere() throws IOException {
        ServiceConfig config = defaults(Map.of());
        ConsentDecision decision = new ConsentPolicy(Map.of(), home.resolve("r.json"), conf(), home.resolve("nothing.yml"))
                .decide(config, google.open(delivery()).recipients(config));

        assertThat(decision.message().orElseThrow()).doesNotContain("nothing.yml")
                .contains("create " + conf().resolve("system_metrics.yml").toAbsolutePath() + " (the plugin folder, "
                        + "plugins/systemmetrics/conf/, holds a template to copy)");
    }

    @Test
    void withAFileTheNoticeNamesItAndWhereTheKeyGoes() throws IOException {
        Path yaml = conf().resolve("system_metrics.yml");
        ServiceConfig fromYaml = TestConfigs.read("services:\n  service_mongoose_system_metrics:\n"
                + "    initial_report: 300000\n", ConfigOrigin.file(ConfigOrigin.Kind.YAML, yaml),
                ConsoleSettings.NONE);
        Path erlang = conf().resolve("system_metrics.config");
        ServiceConfig fromErlang = TestConfigs.read("{services, [{service_mongoose_system_metrics, []}]}.",
                ConfigOrigin.file(ConfigOrigin.Kind.ERLANG, erlang), ConsoleSettings.NONE);

        assertThat(notice(google.open(delivery()), fromYaml)).contains("add no_report: true to " + yaml
                + " under services: > service_mongoose_system_metrics:").doesNotContain("template");
        assertThat(notice(google.open(delivery()), fromErlang)).contains("add no_report to the options of "
                + "service_mongoose_system_metrics in " + erlang, "{services, [{service_mongoose_system_metrics, "
                + "[no_report]}]}", "write report instead of no_report").doesNotContain("template");
    }
}
