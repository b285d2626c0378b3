package org.systemmetrics.openfire.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.openfire.seam.OpenfireServer.StanzaSink.StanzaType;
import org.systemmetrics.openfire.seam.OpenfireServer.StanzaSink;
import org.systemmetrics.openfire.seam.OpenfireUnavailableException;
import org.systemmetrics.testing.FakeOpenfireServer;

class StanzaProbeTest {
    @TempDir
    static Path home;

    private final StanzaProbe probe = counting(new FakeOpenfireServer(home));

    private static StanzaProbe counting(FakeOpenfireServer server) {
        StanzaProbe probe = new StanzaProbe(server);
        probe.countStanzas(true);
        return probe;
    }

    private static Map<String, List<Long>> byType(List<Event> events) {
        return events.stream().collect(Collectors.toMap(e -> (String) e.params().get("stanza_type"),
                e -> List.of((Long) e.params().get("total"), (Long) e.params().get("increment"))));
    }

    private void route(StanzaType type, boolean incoming, int times) {
        for (int i = 0; i < times; i++) {
            probe.stanza(type, incoming);
        }
    }

    @Test
    void sixEventsInFixedOrderEvenWhenNothingWasRouted() {
        assertThat(probe.collect(ReportContext.DEFAULT)).extracting(e -> e.params().get("stanza_type")).containsExactly(
                "message_in", "message_out", "iq_in", "iq_out", "presence_in", "presence_out");
    }

    @Test
    void totalsGrowAndIncrementsCountSinceThePreviousReport() {
        route(StanzaType.MESSAGE, true, 5);
        route(StanzaType.IQ, false, 2);
        assertThat(byType(probe.collect(ReportContext.DEFAULT))).containsEntry("message_in", List.of(5L, 5L))
                .containsEntry("iq_out", List.of(2L, 2L)).containsEntry("presence_in", List.of(0L, 0L));

        route(StanzaType.MESSAGE, true, 3);
        assertThat(byType(probe.collect(ReportContext.DEFAULT))).containsEntry("message_in", List.of(8L, 3L))
                .containsEntry("iq_out", List.of(2L, 0L));

        assertThat(byType(probe.collect(ReportContext.DEFAULT))).containsEntry("message_in", List.of(8L, 0L));
    }

    @Test
    void aPreviewShowsTheCurrentCountsButTheNextReportStillCountsFromThePreviousReport() {
        route(StanzaType.MESSAGE, true, 4);
        probe.collect(ReportContext.DEFAULT);
        route(StanzaType.MESSAGE, true, 6);

        assertThat(byType(probe.preview(ReportContext.DEFAULT))).containsEntry("message_in", List.of(10L, 6L));
        assertThat(byType(probe.preview(ReportContext.DEFAULT))).containsEntry("message_in", List.of(10L, 6L));
        assertThat(byType(probe.collect(ReportContext.DEFAULT))).containsEntry("message_in", List.of(10L, 6L));
    }

    @Test
    void aReloadedPluginStartsFromZero() {
        route(StanzaType.PRESENCE, false, 7);
        probe.collect(ReportContext.DEFAULT);

        StanzaProbe afterReload = counting(new FakeOpenfireServer(home));

        assertThat(byType(afterReload.collect(ReportContext.DEFAULT))).containsEntry("presence_out", List.of(0L, 0L));
    }

    @Test
    void countsFromManyThreadsAddUp() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(threads.submit(() -> route(StanzaType.MESSAGE, true, 100_000)));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(byType(probe.collect(ReportContext.DEFAULT))).containsEntry("message_in", List.of(800_000L, 800_000L));
    }

    @Test
    void aCounterOpenfireNeverAcceptedFailsItsCollectorInsteadOfReportingZeros() {
        OpenfireUnavailableException cause = new OpenfireUnavailableException("InterceptorManager.addInterceptor",
                new NoSuchMethodError("addInterceptor"));
        StanzaProbe notCounting = counting(new FakeOpenfireServer(home) {
            @Override
            public Registration addPacketInterceptor(StanzaSink sink) {
                throw cause;
            }
        });

        assertThatThrownBy(() -> notCounting.collect(ReportContext.DEFAULT)).isSameAs(cause);
        assertThatThrownBy(() -> notCounting.preview(ReportContext.DEFAULT)).isSameAs(cause);
    }

    @Test
    void aPreviewWhileNothingIsCountedHasNoStanzaEventsButAReportWouldFail() {
        StanzaProbe off = new StanzaProbe(new FakeOpenfireServer(home));

        assertThat(off.preview(ReportContext.DEFAULT)).isEmpty();
        assertThatThrownBy(() -> off.collect(ReportContext.DEFAULT)).hasMessage("stanzas are not being counted");
    }
}
