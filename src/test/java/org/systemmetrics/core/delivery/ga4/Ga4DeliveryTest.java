package org.systemmetrics.core.delivery.ga4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.systemmetrics.core.delivery.ga4.Fixtures.CLIENT_ID;
import static org.systemmetrics.core.delivery.ga4.Fixtures.SECRET;
import static org.systemmetrics.core.delivery.ga4.Fixtures.configWith;
import static org.systemmetrics.core.delivery.ga4.Fixtures.delivery;
import static org.systemmetrics.core.delivery.ga4.Fixtures.report;
import static org.systemmetrics.core.delivery.ga4.Fixtures.reportOf;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import ch.qos.logback.classic.Level;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.delivery.Delivery;
import org.systemmetrics.core.delivery.DeliveryFailure;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.delivery.ga4.FakeGoogle.Behaviour;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.testing.LogCapture;

/** What an administrator sees when reports go to GA4: what arrives at "Google", and what is logged. */
class Ga4DeliveryTest {
    private static final String MINE = "G-MINE1234";

    @RegisterExtension
    final FakeGoogleExtension google = new FakeGoogleExtension();
    @RegisterExtension
    final LogCapture log = new LogCapture();

    private ServiceConfig mine() {
        return configWith(google.collectUrl(), MINE, SECRET);
    }

    @Test
    void aNormalReportArrivesAsOneRequestThatDeniesAdvertisingUse() {
        TestDelivery ga4 = google.open(delivery());

        List<DeliveryOutcome> outcomes = ga4.deliver(report(
                Event.named("cluster").param("nodes", 3).param("version", "4.9.2").build(),
                Event.named("plugin").param("name", "monitoring").build()), mine());

        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.succeeded()).isTrue();
            assertThat(outcome.destination()).isEqualTo(MINE);
            assertThat(outcome.httpStatus()).isEqualTo(204);
            assertThat(outcome.requests()).isEqualTo(1);
        });
        FakeGoogle.Recorded request = google.requests().get(0);
        assertThat(google.requests()).hasSize(1);
        assertThat(request.problems()).isEmpty();
        assertThat(request.path()).isEqualTo("/mp/collect");
        assertThat(request.query()).containsEntry("measurement_id", MINE).containsEntry("api_secret", SECRET);
        assertThat(request.contentType()).isEqualTo("application/json; charset=UTF-8");
        assertThat(request.userAgent()).isEqualTo("systemmetrics/1.2.3 (Openfire/4.9.2)");
        JsonObject body = request.json();
        assertThat(body.get("client_id").getAsString()).isEqualTo(CLIENT_ID);
        assertThat(body.getAsJsonObject("consent").get("ad_user_data").getAsString()).isEqualTo("DENIED");
        assertThat(body.getAsJsonObject("consent").get("ad_personalization").getAsString()).isEqualTo("DENIED");
        assertThat(body.has("timestamp_micros")).isFalse();
        assertThat(request.eventNames()).containsExactly("cluster", "plugin");
        JsonObject cluster = body.getAsJsonArray("events").get(0).getAsJsonObject().getAsJsonObject("params");
        assertThat(cluster.get("nodes").getAsInt()).isEqualTo(3);
        assertThat(cluster.get("version").getAsString()).isEqualTo("4.9.2");
        assertThat(ga4.historyOf(MINE)).containsExactlyElementsOf(outcomes);
    }

    @Test
    void aReportOfSixtyFiveEventsGoesInThreeRequestsInTheirOrder() {
        TestDelivery ga4 = google.open(delivery());

        DeliveryOutcome outcome = ga4.deliver(reportOf(65), mine()).get(0);

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.requests()).isEqualTo(3);
        List<FakeGoogle.Recorded> requests = google.requests();
        assertThat(requests).hasSize(3).allSatisfy(r -> assertThat(r.problems()).isEmpty());
        assertThat(requests.stream().map(r -> r.eventNames().size())).containsExactly(25, 25, 15);
        List<String> sent = requests.stream().flatMap(r -> r.eventNames().stream()).collect(Collectors.toList());
        assertThat(sent).containsExactlyElementsOf(
                IntStream.range(0, 65).mapToObj(i -> "metric_" + i).collect(Collectors.toList()));
    }

    @Test
    void aReportLargerThanGoogleAcceptsIsSplitBySizeToo() {
        TestDelivery ga4 = google.open(delivery());
        List<Event> events = new ArrayList<>();
        String wide = "\u20ac".repeat(100); // 300 bytes in UTF-8, 100 characters: as long as GA allows
        for (int e = 0; e < 25; e++) {
            Event.Builder event = Event.named("wide_" + e);
            for (int p = 0; p < 25; p++) {
                event.param("parameter_number_" + p, wide);
            }
            events.add(event.build());
        }

        DeliveryOutcome outcome = ga4.deliver(new Report(
                Instant.EPOCH, CLIENT_ID, events), mine()).get(0);

        assertThat(outcome.succeeded()).isTrue();
        assertThat(google.requests()).hasSizeGreaterThan(1)
                .allSatisfy(r -> assertThat(r.bodyBytes()).isLessThan(130_000))
                .allSatisfy(r -> assertThat(r.problems()).isEmpty());
        assertThat(google.requests().stream().mapToInt(r -> r.eventNames().size()).sum()).isEqualTo(25);
    }

    @Test
    void anOverLongValueIsShortenedTheSameWayEachTimeAndMentionedOnce() {
        TestDelivery ga4 = google.open(delivery());
        String longValue = "x".repeat(60) + "y".repeat(90);
        ga4.deliver(report(Event.named("plugins").param("list", longValue).build()), mine());
        ga4.deliver(report(Event.named("plugins").param("list", longValue).build()), mine());

        assertThat(google.requests()).hasSize(2).allSatisfy(r -> assertThat(r.problems()).isEmpty());
        String first = google.requests().get(0).json().getAsJsonArray("events").get(0).getAsJsonObject()
                .getAsJsonObject("params").get("list").getAsString();
        String second = google.requests().get(1).json().getAsJsonArray("events").get(0).getAsJsonObject()
                .getAsJsonObject("params").get("list").getAsString();
        assertThat(first).hasSize(100).isEqualTo(second).startsWith(longValue.substring(0, 99)).endsWith("\u2026");
        assertThat(log.lines()).filteredOn(line -> line.contains("parameter list of event plugins")).hasSize(1);
    }

    @Test
    void reservedAndMalformedNamesAreLeftOutWithOneWarningEach() {
        TestDelivery ga4 = google.open(delivery());
        List<Event> events = List.of(
                Event.named("session_start").param("a", 1).build(),
                Event.named("error").param("a", 1).build(),
                Event.named("google_thing").param("a", 1).build(),
                Event.named("firebase_x").param("a", 1).build(),
                Event.named("9lives").param("a", 1).build(),
                Event.named("has-dash").param("a", 1).build(),
                Event.named("e".repeat(41)).param("a", 1).build(),
                Event.named("kept").param("ga_session", 1).param("firebase_y", 2).param("fine", 3)
                        .param("bad name", 4).param("p".repeat(41), 5).build());
        ga4.deliver(report(events.toArray(new Event[0])), mine());
        ga4.deliver(report(events.toArray(new Event[0])), mine());

        assertThat(google.requests()).hasSize(2).allSatisfy(r -> {
            assertThat(r.problems()).isEmpty();
            assertThat(r.eventNames()).containsExactly("kept");
            assertThat(r.json().getAsJsonArray("events").get(0).getAsJsonObject().getAsJsonObject("params")
                    .keySet()).containsExactly("fine");
        });
        List<String> warnings = log.at(Level.WARN);
        assertThat(warnings).hasSize(11);
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("\"session_start\"", "reserves"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("\"google_thing\"", "google_"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("\"ga_session\"", "of event kept"));
    }

    @Test
    void onlyTheFirstTwentyFiveParametersOfAnEventAreSent() {
        TestDelivery ga4 = google.open(delivery());
        Event.Builder wide = Event.named("wide");
        for (int i = 0; i < 30; i++) {
            wide.param("p" + i, i);
        }

        ga4.deliver(report(wide.build()), mine());

        FakeGoogle.Recorded request = google.requests().get(0);
        assertThat(request.problems()).isEmpty();
        assertThat(request.json().getAsJsonArray("events").get(0).getAsJsonObject().getAsJsonObject("params").keySet())
                .containsExactlyElementsOf(IntStream.range(0, 25).mapToObj(i -> "p" + i).collect(Collectors.toList()));
    }

    @Test
    void booleansAreSentAsTextAndNumbersJsonCannotCarryAreLeftOut() {
        TestDelivery ga4 = google.open(delivery());

        ga4.deliver(report(Event.named("flags").param("clustered", true).param("ratio", Double.NaN)
                .param("load", 0.5).build()), mine());

        FakeGoogle.Recorded request = google.requests().get(0);
        assertThat(request.problems()).isEmpty();
        JsonObject params = request.json().getAsJsonArray("events").get(0).getAsJsonObject().getAsJsonObject("params");
        assertThat(params.get("clustered").getAsString()).isEqualTo("true");
        assertThat(params.has("ratio")).isFalse();
        assertThat(params.get("load").getAsDouble()).isEqualTo(0.5);
    }

    /** Nothing is sent, and the property's outcome says so: Send now and the history have its row, with why. */
    @Test
    void aReportWithNoAcceptableEventSendsNothingAndItsOutcomeSaysSo() {
        TestDelivery ga4 = google.open(delivery());

        assertThat(ga4.deliver(report(Event.named("error").build()), mine())).singleElement().satisfies(outcome -> {
            assertThat(outcome.destination()).isEqualTo(MINE);
            assertThat(outcome.succeeded()).isFalse();
            assertThat(outcome.requests()).isZero();
            assertThat(outcome.failure().map(DeliveryFailure::kind)).contains(DeliveryFailure.Kind.NOTHING_ACCEPTABLE);
        });
        assertThat(ga4.historyOf(MINE)).hasSize(1);
        assertThat(google.requests()).isEmpty();
        // The encoding's INFO has said it; no WARN adds that the report could not be delivered.
        assertThat(log.at(Level.WARN)).noneMatch(line -> line.contains("could not deliver"));
    }

    @Test
    void aServerErrorIsRetriedAfterABackoff() {
        FakeTime time = new FakeTime();
        TestDelivery ga4 = google.open(delivery().time(time).jitter(0.0));
        google.script(MINE, Behaviour.status(500, "{\"error\":\"busy\"}", Map.of()), Behaviour.status(204));

        DeliveryOutcome outcome = ga4.deliver(reportOf(1), mine()).get(0);

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.requests()).isEqualTo(2);
        assertThat(outcome.httpStatus()).isEqualTo(204);
        assertThat(google.requests()).hasSize(2);
        assertThat(google.requests().get(1).body()).isEqualTo(google.requests().get(0).body());
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void tooManyRequestsWaitsAsLongAsTheServerAsksWithinTheCeiling() {
        FakeTime time = new FakeTime();
        TestDelivery ga4 = google.open(delivery().time(time));
        google.script(MINE, Behaviour.status(429, "", Map.of("Retry-After", "3")),
                Behaviour.status(429, "", Map.of("Retry-After", "3600")), Behaviour.status(204));

        DeliveryOutcome outcome = ga4.deliver(reportOf(1), mine()).get(0);

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.requests()).isEqualTo(3);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(10));
    }

    @Test
    void backoffGrowsAndStopsAfterThreeTries() {
        FakeTime time = new FakeTime();
        TestDelivery ga4 = google.open(delivery().time(time).jitter(0.999));
        google.script(MINE, Behaviour.status(503), Behaviour.status(503), Behaviour.status(503), Behaviour.status(204));

        DeliveryOutcome outcome = ga4.deliver(reportOf(1), mine()).get(0);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.requests()).isEqualTo(3);
        assertThat(outcome.httpStatus()).isEqualTo(503);
        assertThat(outcome.error()).get().asString().contains("HTTP 503", "after 3 tries");
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(1000), Duration.ofMillis(1999));
    }

    @Test
    void aBadRequestIsNotRetried() {
        FakeTime time = new FakeTime();
        TestDelivery ga4 = google.open(delivery().time(time));
        google.script(MINE, Behaviour.status(400, "{\"error\":\"bad\"}", Map.of()));

        DeliveryOutcome outcome = ga4.deliver(reportOf(1), mine()).get(0);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.httpStatus()).isEqualTo(400);
        assertThat(outcome.requests()).isEqualTo(1);
        // Only GA's validation messages are a body worth showing; any other answer is its status and phrase.
        assertThat(outcome.error()).hasValue(DeliveryFailure.of(DeliveryFailure.Kind.REFUSED,
                google.collectUrl().getHost(), "HTTP 400 Bad Request").text());
        assertThat(google.requests()).hasSize(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void aFailedPartStopsTheLaterPartsOfThatReport() {
        TestDelivery ga4 = google.open(delivery());
        google.script(MINE, Behaviour.status(204), Behaviour.status(403));

        DeliveryOutcome outcome = ga4.deliver(reportOf(60), mine()).get(0);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.failure()).get().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(DeliveryFailure.Kind.CREDENTIALS_REFUSED);
            assertThat(f.fact()).isEqualTo("HTTP 403 Forbidden");
            assertThat(f.part()).isEqualTo(2);
            assertThat(f.parts()).isEqualTo(3);
        });
        // Says what the parts are and what became of the others.
        assertThat(outcome.error()).get().asString().contains("went as 3 requests", "at most 25 events per request",
                "request 2 failed", "the one after it was not sent", "the one before it went through");
        assertThat(google.requests()).hasSize(2);
    }

    @Test
    void aGarbageAnswerToACollectRequestStillCountsAsDelivered() {
        TestDelivery ga4 = google.open(delivery());
        google.script(MINE, Behaviour.garbage(200));

        DeliveryOutcome outcome = ga4.deliver(reportOf(1), mine()).get(0);

        // Google's collect endpoint promises nothing in its body; only the status says the request arrived.
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.httpStatus()).isEqualTo(200);
    }

    @Test
    void aGarbageErrorPageIsQuotedShortAndOnOneLine() {
        TestDelivery ga4 = google.open(delivery());
        google.script(MINE, Behaviour.status(404, "<html>\n<body>" + "Not found. ".repeat(100) + "</body></html>", Map.of()));

        DeliveryOutcome outcome = ga4.deliver(reportOf(1), mine()).get(0);

        assertThat(outcome.error()).get().asString().hasSizeLessThanOrEqualTo(200).doesNotContain("\n")
                .isEqualTo(DeliveryFailure.of(DeliveryFailure.Kind.REFUSED, google.collectUrl().getHost(),
                        "HTTP 404 Not Found").text());
    }

    @Test
    void everyDeliveryIsRecordedAndTheHistoryKeepsTheLastTwenty() {
        TestDelivery ga4 = google.open(delivery());
        google.script(MINE, Behaviour.status(500), Behaviour.status(500), Behaviour.status(500));

        for (int i = 0; i < 22; i++) {
            ga4.deliver(reportOf(1), mine());
        }

        List<DeliveryOutcome> kept = ga4.history().get(MINE);
        assertThat(kept).hasSize(20).allSatisfy(o -> assertThat(o.succeeded()).isTrue());
        assertThat(ga4.history().keySet()).containsExactly(MINE);
    }

    @Test
    void oneInfoLinePerSuccessfulDeliveryAndOneWarningPerFailedOne() {
        TestDelivery ga4 = google.open(delivery());
        ga4.deliver(reportOf(60), mine());
        google.script(MINE, Behaviour.status(500), Behaviour.status(500), Behaviour.status(500));
        ga4.deliver(reportOf(1), mine());

        List<String> ours = log.lines().stream().filter(l -> l.contains(Delivery.class.getName()))
                .collect(Collectors.toList());
        assertThat(ours).hasSize(2);
        assertThat(ours.get(0)).startsWith("INFO").contains("delivered to GA4 property " + MINE, "3 event requests");
        assertThat(ours.get(1)).startsWith("WARN").contains("could not deliver the report to GA4 property " + MINE,
                "HTTP 500");
        // The delivery does not know whether the report file was written: a logs folder that cannot be written
        // fails the file and leaves the sending alone, so the line does not say the file is there.
        assertThat(ours.get(1)).contains("The next report is sent as scheduled.").doesNotContain("report file");
    }
}
