package org.systemmetrics.core.report;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.text.Texts;

/**
 * Builds a report from the collectors. One that fails (an exception, a missing Openfire method) loses only its own
 * events, logged once per distinct cause, so a permanent incompatibility does not flood openfire.log.
 */
public final class ReportAssembler {
    private static final Logger LOG = LoggerFactory.getLogger(ReportAssembler.class);
    private static final Texts TEXTS = Texts.of(ReportAssembler.class);
    /** In every event: {@code cluster}, or {@code node} for the collector's {@link Collector#nodeEvents()}. */
    static final String SCOPE = "scope";

    private final List<Collector> collectors;
    private final Clock clock;
    private final Set<String> reportedFailures = ConcurrentHashMap.newKeySet();

    public ReportAssembler(List<Collector> collectors, Clock clock) {
        this.collectors = List.copyOf(collectors);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The always-sent events and the context's categories; the other collectors are not called. */
    public Report assemble(String clientId, ReportContext context) {
        return build(clientId, context, false);
    }

    /** The report {@link #assemble} would build now, leaving every collector's state as it was. */
    public Report preview(String clientId, ReportContext context) {
        return build(clientId, context, true);
    }

    private Report build(String clientId, ReportContext context, boolean preview) {
        List<Event> events = collectors.stream()
                .filter(collector -> collector.category().map(context.categories()::contains).orElse(true))
                .flatMap(collector -> collectSafely(collector, context, preview).stream())
                .collect(Collectors.toList());
        return new Report(clock.instant(), clientId, events);
    }

    /** {@code event} with its {@code scope} parameter added last (kept if the collector already set one). */
    private static Event withScope(Event event, String scope) {
        Map<String, Object> params = new LinkedHashMap<>(event.params());
        params.putIfAbsent(SCOPE, scope);
        return Event.of(event.name(), params);
    }

    private List<Event> collectSafely(Collector collector, ReportContext context, boolean preview) {
        try {
            List<Event> collected = preview ? collector.preview(context) : collector.collect(context);
            return Objects.requireNonNullElse(collected, List.<Event>of()).stream()
                    .map(event -> withScope(event, collector.nodeEvents().contains(event.name()) ? "node" : "cluster"))
                    .collect(Collectors.toList());
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Exception | LinkageError failure) {
            String cause = failure.getClass().getName() + ": " + failure.getMessage();
            if (reportedFailures.add(collector.name() + '|' + cause)) {
                LOG.warn(TEXTS.get("collector.failed", collector.name(), cause));
            }
            return List.of();
        }
    }
}
