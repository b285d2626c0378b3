package org.systemmetrics.core.delivery.ga4;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import com.google.gson.JsonParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.core.report.ReportJson;

/**
 * What encoding one report of 200 events costs the reporter thread: {@code reportFileJson} is the pretty JSON
 * written to the report file ({@link ReportJson#toPrettyJson}); {@code ga4Requests} is the POST bodies for
 * Google Analytics as {@link Ga4Encoding} prepares them (events made acceptable to GA4, then cut into requests
 * of at most 25 events: eight here); {@code both} is the two together, as one report run with delivery does.
 * The events have the shapes and value types of a real report's (see docs/metrics.md), with {@code module}
 * events making up the numbers. Lives in the delivery package because the encoding it measures is
 * package-private.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class ReportEncodingBenchmark {
    static final int EVENTS = 200;

    private Report report;
    private Ga4Encoding encoding;

    @Setup
    public void buildReport() {
        report = new Report(Instant.parse("2026-11-29T08:00:00Z"), "6f1c3c9e-0d7b-4c39-9d0a-3a5b1f1f2a10",
                realisticEvents(EVENTS));
        encoding = new Ga4Encoding();
        // A benchmark of the wrong work is worse than none: every event must survive and fill whole requests.
        List<String> requests = ga4Requests();
        int sent = requests.stream()
                .mapToInt(r -> JsonParser.parseString(r).getAsJsonObject().getAsJsonArray("events").size()).sum();
        if (sent != EVENTS || requests.size() != EVENTS / Ga4Encoding.MAX_EVENTS_PER_REQUEST) {
            throw new IllegalStateException("expected " + EVENTS + " events in 8 requests, got " + sent + " in "
                    + requests.size());
        }
    }

    @Benchmark
    public String reportFileJson() {
        return ReportJson.toPrettyJson(report);
    }

    /** What {@code Ga4Encoding.requests} does once per report (uncached here). */
    @Benchmark
    public List<String> ga4Requests() {
        return encoding.encode(report);
    }

    @Benchmark
    public void both(Blackhole sink) {
        sink.consume(reportFileJson());
        sink.consume(ga4Requests());
    }

    /** One event of each fixed kind a report has, then {@code module} events up to {@code count}. */
    static List<Event> realisticEvents(int count) {
        List<Event> events = new ArrayList<>();
        events.add(Event.named("cluster").param("version", "5.1.1").param("plugin_version", "0.1.0")
                .param("uptime_s", 1_209_600L).param("node_count", 3).param("component_count", 2)
                .param("config_type", "yaml+admin").param("database", "postgresql").build());
        events.add(Event.named("custom_module_count").param("value", 3).build());
        for (String kind : List.of("user", "auth", "group", "vcard", "lockout", "admin")) {
            events.add(Event.named("backend").param("kind", kind).param("backend", "ldap").build());
        }
        for (String mechanism : List.of("c2s_tcp", "c2s_direct_tls", "s2s", "s2s_direct_tls", "component")) {
            events.add(Event.named("transport").param("mechanism", mechanism).param("tls_policy", "optional").build());
        }
        for (String mechanism : List.of("bosh", "bosh_tls", "websocket")) {
            events.add(Event.named("transport").param("mechanism", mechanism).build());
        }
        for (String api : List.of("rest_api", "bosh", "websocket")) {
            events.add(Event.named("http_api").param("api", api).build());
        }
        for (String service : List.of("muc", "pubsub", "proxy65", "http_file_upload")) {
            events.add(Event.named("internal_service").param("service", service).build());
        }
        long total = 120_345;
        for (String type : List.of("message_in", "message_out", "iq_in", "iq_out", "presence_in", "presence_out")) {
            events.add(Event.named("xmpp_stanza_count").param("stanza_type", type).param("total", total)
                    .param("increment", total / 23).build());
            total = total * 7 / 5;
        }
        for (int i = 0; events.size() < count; i++) {
            events.add(Event.named("module").param("module", "plugin" + i).param("version", "1." + i % 13 + ".2-beta")
                    .build());
        }
        return events;
    }
}
