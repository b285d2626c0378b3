package org.systemmetrics.openfire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.openfire.seam.OpenfireServer.StanzaSink.StanzaType;
import org.systemmetrics.openfire.seam.SystemPropertyRegistrar;

/** What the {@code categories} choice does in a loaded plugin: the report file, the preview and the packet path. */
class CategoriesWiringTest {
    private static final String EVERY_MINUTE = "services:\n  service_mongoose_system_metrics:\n    report: true\n"
            + "    initial_report: 60000\n    periodic_report: 60000\n";

    @RegisterExtension
    final PluginHarnessExtension plugin = new PluginHarnessExtension();

    private static Set<String> eventNames(Path reportFile) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (JsonElement event : JsonParser.parseString(Files.readString(reportFile)).getAsJsonObject()
                .getAsJsonArray("events")) {
            names.add(event.getAsJsonObject().get("name").getAsString());
        }
        return names;
    }

    @Test
    void theMinimumIsTheClusterAndNodeEventsAndNoStanzaInterceptorIsRegistered() throws IOException {
        PluginHarness harness = plugin.yaml(EVERY_MINUTE + "    categories: []\n").start();

        harness.scheduler.advance(Duration.ofMinutes(1));

        assertThat(harness.server.stanzaSinkCount()).isZero();
        assertThat(eventNames(harness.reportFile())).containsExactly("cluster", "node");
        CompletableFuture<Optional<Report>> preview = harness.plugin.service().orElseThrow().preview();
        harness.scheduler.runDue();
        assertThat(preview.join().orElseThrow().events()).extracting(Event::name).containsOnly("cluster", "node");
    }

    @Test
    void theChosenCategoriesAreReportedAndNothingElse() throws IOException {
        PluginHarness harness = plugin.yaml(EVERY_MINUTE + "    categories: [backends, transports]\n").start();

        harness.scheduler.advance(Duration.ofMinutes(1));

        assertThat(eventNames(harness.reportFile())).containsExactly("cluster", "node", "backend", "transport");
        assertThat(harness.server.stanzaSinkCount()).isZero();
    }

    @Test
    void switchingStanzasOnInTheConsoleRegistersTheCounterAndOffRemovesIt() throws IOException {
        PluginHarness harness = plugin.yaml(EVERY_MINUTE + "    categories: [modules]\n").start();
        assertThat(harness.server.stanzaSinkCount()).isZero();

        harness.server.setProperty(SystemPropertyRegistrar.propertyName("categories"), "stanzas", false);
        harness.scheduler.runDue();
        assertThat(harness.server.stanzaSinkCount()).isEqualTo(1);
        harness.server.route(StanzaType.MESSAGE, true);
        harness.scheduler.advance(Duration.ofMinutes(1));
        assertThat(eventNames(harness.reportFile())).containsExactly("cluster", "node", "xmpp_stanza_count");

        harness.server.deleteProperty(SystemPropertyRegistrar.propertyName("categories"));
        harness.scheduler.runDue();
        assertThat(harness.server.stanzaSinkCount()).isZero();
        harness.scheduler.advance(Duration.ofMinutes(1));
        assertThat(eventNames(harness.reportFile())).containsExactly("cluster", "node", "custom_module_count")
                .doesNotContain("xmpp_stanza_count");
    }

    @Test
    void withBackendsOffTheCustomModuleCountReadsNoProviderClassAndCountsOnlyPlugins() throws IOException {
        PluginHarness harness = plugin.yaml(EVERY_MINUTE + "    categories: [modules]\n").start();
        harness.server.provider("user", "com.zebracorp.internal.ZebracorpUserProvider")
                .plugins("admin", "", "systemmetrics", "0.1.0",
                        "zebracorpinventory", "1.0");

        harness.scheduler.advance(Duration.ofMinutes(1));

        assertThat(harness.server.providerReads()).isZero();
        assertThat(customModuleCount(harness.reportFile())).isEqualTo(1);
        CompletableFuture<Optional<Report>> preview = harness.plugin.service().orElseThrow().preview();
        harness.scheduler.runDue();
        assertThat(preview.join()).isPresent();
        assertThat(harness.server.providerReads()).isZero();
    }

    @Test
    void withBackendsOnTheCustomModuleCountAlsoCountsCustomProviderClasses() throws IOException {
        PluginHarness harness = plugin.yaml(EVERY_MINUTE + "    categories: [modules, backends]\n").start();
        harness.server.provider("user", "com.zebracorp.internal.ZebracorpUserProvider")
                .plugins("admin", "", "systemmetrics", "0.1.0",
                        "zebracorpinventory", "1.0");

        harness.scheduler.advance(Duration.ofMinutes(1));

        assertThat(harness.server.providerReads()).isPositive();
        assertThat(customModuleCount(harness.reportFile())).isEqualTo(2);
    }

    private static long customModuleCount(Path reportFile) throws IOException {
        for (JsonElement event : JsonParser.parseString(Files.readString(reportFile)).getAsJsonObject()
                .getAsJsonArray("events")) {
            if ("custom_module_count".equals(event.getAsJsonObject().get("name").getAsString())) {
                return event.getAsJsonObject().getAsJsonObject("params").get("value").getAsLong();
            }
        }
        throw new AssertionError("no custom_module_count event in " + reportFile);
    }
}
