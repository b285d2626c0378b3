package org.systemmetrics.openfire.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.core.report.Collector;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.ReportAssembler;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.openfire.seam.OpenfireServer.StanzaSink.StanzaType;
import org.systemmetrics.openfire.seam.OpenfireServer.StanzaSink;
import org.systemmetrics.openfire.seam.OpenfireUnavailableException;
import org.systemmetrics.testing.FakeOpenfireServer;

class OpenfireProbesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path home;

    private static List<String> eventNames(List<Collector> collectors) {
        return new ReportAssembler(collectors, CLOCK).assemble("id", ReportContext.DEFAULT).events().stream()
                .map(Event::name).distinct().collect(Collectors.toList());
    }

    @Test
    void everyEventOfTheContractInReportOrder() {
        FakeOpenfireServer server = new FakeOpenfireServer(home).plugins("restapi", "1.12.0");
        OpenfireProbes probes = new OpenfireProbes(server, "0.1.0", CLOCK);
        try (StanzaProbe stanzas = probes.stanzas()) {
            stanzas.countStanzas(true);
            server.setProperty("plugin.restapi.enabled", "true", false);

            assertThat(probes.collectors()).extracting(Collector::name).containsExactly("cluster", "modules",
                    "custom_modules", "backends", "transports", "http_apis", "internal_services", "stanzas");
            assertThat(eventNames(probes.collectors())).containsExactly("cluster", "node", "module", "custom_module_count",
                    "backend", "transport", "http_api", "internal_service", "xmpp_stanza_count");
        }
    }

    /** The admin page marks a category's new fields by {@link ReportCategory#events()}: it must name what is sent. */
    @Test
    void eachCategoryNamesExactlyTheEventsOfTheCollectorsItSwitches() {
        FakeOpenfireServer server = new FakeOpenfireServer(home).plugins("restapi", "1.12.0");
        OpenfireProbes probes = new OpenfireProbes(server, "0.1.0", CLOCK);
        try (StanzaProbe stanzas = probes.stanzas()) {
            stanzas.countStanzas(true);
            server.setProperty("plugin.restapi.enabled", "true", false);
            Map<Optional<ReportCategory>, Set<String>> emitted = new HashMap<>();
            for (Collector collector : probes.collectors()) {
                emitted.computeIfAbsent(collector.category(), c -> new TreeSet<>()).addAll(eventNames(List.of(collector)));
            }

            assertThat(emitted.get(Optional.<ReportCategory>empty())).containsExactlyInAnyOrderElementsOf(
                    ReportCategory.ALWAYS_SENT_EVENTS);
            for (ReportCategory category : ReportCategory.values()) {
                assertThat(emitted.get(Optional.of(category))).as(category.configName())
                        .containsExactlyInAnyOrderElementsOf(category.events());
            }
        }
    }

    @Test
    void theStanzaCollectorsPreviewLeavesTheNextReportsIncrementAlone() throws Exception {
        FakeOpenfireServer server = new FakeOpenfireServer(home);
        OpenfireProbes probes = new OpenfireProbes(server, "0.1.0", CLOCK);
        Collector collector = probes.collectors().stream().filter(c -> "stanzas".equals(c.name())).findFirst()
                .orElseThrow();
        assertThat(collector.category()).contains(ReportCategory.STANZAS);
        assertThat(collector.nodeEvents()).containsExactly("xmpp_stanza_count");
        try (StanzaProbe stanzas = probes.stanzas()) {
            stanzas.countStanzas(true);
            for (int i = 0; i < 3; i++) {
                server.route(StanzaType.MESSAGE, true);
            }

            collector.preview(ReportContext.DEFAULT); // the admin page's Preview, pressed twice
            collector.preview(ReportContext.DEFAULT);

            Event messagesIn = collector.collect(ReportContext.DEFAULT).stream()
                    .filter(e -> "message_in".equals(e.params().get("stanza_type"))).findFirst().orElseThrow();
            assertThat(messagesIn.params()).containsEntry("total", 3L).containsEntry("increment", 3L);
        }
    }

    @Test
    void stanzasAreCountedOnlyWhileSwitchedOnAndUntilClose() {
        FakeOpenfireServer server = new FakeOpenfireServer(home);
        OpenfireProbes probes = new OpenfireProbes(server, "0.1.0", CLOCK);
        assertThat(server.stanzaSinkCount()).isZero();
        assertThat(eventNames(probes.collectors())).doesNotContain("xmpp_stanza_count");
        StanzaProbe stanzas = probes.stanzas();
        stanzas.countStanzas(true);
        assertThat(server.stanzaSinkCount()).isEqualTo(1);
        server.route(StanzaType.MESSAGE, true);
        server.route(StanzaType.MESSAGE, true);

        Event messagesIn = new ReportAssembler(probes.collectors(), CLOCK).assemble("id", ReportContext.DEFAULT)
                .events().stream().filter(e -> "message_in".equals(e.params().get("stanza_type"))).findFirst()
                .orElseThrow();
        assertThat(messagesIn.params()).containsEntry("total", 2L);

        stanzas.countStanzas(false);
        assertThat(server.stanzaSinkCount()).isZero();
        stanzas.countStanzas(true);
        assertThat(server.stanzaSinkCount()).isEqualTo(1);
        stanzas.close();
        assertThat(server.stanzaSinkCount()).isZero();
        assertThatCode(stanzas::close).doesNotThrowAnyException();
    }

    @Test
    void anInterceptorOpenfireRefusesCostsOnlyTheStanzaEvents() {
        FakeOpenfireServer server = new FakeOpenfireServer(home) {
            @Override
            public Registration addPacketInterceptor(StanzaSink sink) {
                throw new OpenfireUnavailableException("InterceptorManager.addInterceptor",
                        new NoSuchMethodError("addInterceptor"));
            }
        };
        OpenfireProbes probes = new OpenfireProbes(server, "0.1.0", CLOCK);
        try (StanzaProbe stanzas = probes.stanzas()) {
            stanzas.countStanzas(true);
            assertThat(eventNames(probes.collectors())).contains("cluster", "backend", "transport")
                    .doesNotContain("xmpp_stanza_count");
        }
    }

    @Test
    void theStanzaCounterIsOnThePacketPathOnlyWhileReportingIsOnAndStanzasAreChosen() {
        FakeOpenfireServer server = new FakeOpenfireServer(home);
        OpenfireProbes probes = new OpenfireProbes(server, "0.1.0", CLOCK);
        try (StanzaProbe stanzas = probes.stanzas()) {
            assertThat(server.stanzaSinkCount()).as("reporting not switched on yet").isZero();
            stanzas.apply(Set.of(ReportCategory.BACKENDS));
            stanzas.countStanzas(true);
            assertThat(server.stanzaSinkCount()).as("stanzas not chosen").isZero();
            server.route(StanzaType.IQ, true);

            stanzas.apply(ReportCategory.all());
            assertThat(server.stanzaSinkCount()).isEqualTo(1);
            server.route(StanzaType.IQ, true);
            stanzas.countStanzas(false);
            assertThat(server.stanzaSinkCount()).isZero();
            server.route(StanzaType.IQ, true);
            stanzas.countStanzas(true);

            Event iqIn = new ReportAssembler(probes.collectors(), CLOCK).assemble("id", ReportContext.DEFAULT).events()
                    .stream().filter(e -> "iq_in".equals(e.params().get("stanza_type"))).findFirst().orElseThrow();
            assertThat(iqIn.params()).as("only the stanza routed while counting").containsEntry("total", 1L);
        }
        assertThat(server.stanzaSinkCount()).isZero();
    }
}
