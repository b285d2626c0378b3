package org.systemmetrics.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.systemmetrics.testing.LogCapture;

/** A category that is off is not collected at all: its collectors are never called, for a report or a preview. */
class ReportAssemblerCategoriesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static final class CountingCollector implements Collector {
        final AtomicInteger calls = new AtomicInteger();
        private final String event;
        private final ReportCategory category;

        CountingCollector(String event, ReportCategory category) {
            this.event = event;
            this.category = category;
        }

        @Override
        public String name() {
            return event;
        }

        @Override
        public Optional<ReportCategory> category() {
            return Optional.ofNullable(category);
        }

        @Override
        public List<Event> collect(ReportContext context) {
            calls.incrementAndGet();
            return List.of(Event.named(event).param("value", 1).build());
        }
    }

    @Test
    void onlyTheAlwaysSentAndTheChosenCollectorsRun() {
        CountingCollector cluster = new CountingCollector("cluster", null);
        CountingCollector backends = new CountingCollector("backend", ReportCategory.BACKENDS);
        CountingCollector stanzas = new CountingCollector("xmpp_stanza_count", ReportCategory.STANZAS);
        ReportAssembler assembler = new ReportAssembler(List.of(cluster, backends, stanzas), CLOCK);

        Report report = assembler.assemble("id", new ReportContext("default", Set.of(ReportCategory.BACKENDS)));
        Report preview = assembler.preview("id", new ReportContext("default", Set.of()));

        assertThat(report.events()).extracting(Event::name).containsExactly("cluster", "backend");
        assertThat(preview.events()).extracting(Event::name).containsExactly("cluster");
        assertThat(stanzas.calls).hasValue(0);
        assertThat(backends.calls).hasValue(1);
        assertThat(cluster.calls).hasValue(2);
        assertThat(assembler.assemble("id", ReportContext.DEFAULT).events()).hasSize(3);
    }

    @Test
    void aCollectorThatReturnsNoListAddsNoEventsAndNoWarning() {
        Collector nothing = new Collector() {
            @Override
            public String name() {
                return "nothing";
            }

            @Override
            public List<Event> collect(ReportContext context) {
                return null;
            }
        };
        ReportAssembler assembler = new ReportAssembler(List.of(new CountingCollector("cluster", null), nothing),
                CLOCK);

        try (LogCapture logs = new LogCapture()) {
            assertThat(assembler.assemble("id", ReportContext.DEFAULT).events()).extracting(Event::name)
                    .containsExactly("cluster");
            assertThat(assembler.preview("id", ReportContext.DEFAULT).events()).extracting(Event::name)
                    .containsExactly("cluster");
            assertThat(logs.lines()).isEmpty();
        }
    }
}
