package org.systemmetrics.core.delivery.ga4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.systemmetrics.core.delivery.ga4.Fixtures.SECRET;
import static org.systemmetrics.core.delivery.ga4.Fixtures.configWith;
import static org.systemmetrics.core.delivery.ga4.Fixtures.delivery;
import static org.systemmetrics.core.delivery.ga4.Fixtures.report;
import static org.systemmetrics.core.delivery.ga4.Fixtures.reportOf;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.delivery.DeliveryFailure;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.delivery.ValidationMessage;
import org.systemmetrics.core.delivery.ga4.FakeGoogle.Behaviour;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.testing.LogCapture;

/** The admin console's "Validate" button: the same requests, to GA's validation server, and its verdict. */
class Ga4ValidationTest {
    private static final String MINE = "G-MINE1234";

    @RegisterExtension
    final FakeGoogleExtension google = new FakeGoogleExtension();
    private final TestDelivery ga4 = google.open(delivery());

    private ServiceConfig mine() {
        return configWith(google.collectUrl(), MINE, SECRET);
    }

    @Test
    void aGoodReportIsValidAndNothingReachesTheCollectEndpoint() {
        List<DeliveryOutcome> results = ga4.validate(reportOf(30), mine());

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.succeeded()).isTrue();
            assertThat(result.validationMessages()).isEmpty();
            assertThat(result.destination()).isEqualTo(MINE);
            assertThat(result.requests()).isEqualTo(2);
        });
        assertThat(google.requests()).hasSize(2).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/debug/mp/collect");
            assertThat(r.query()).containsEntry("measurement_id", MINE).containsEntry("api_secret", SECRET);
        });
        assertThat(ga4.history()).isEmpty();
    }

    @Test
    void googlesMessagesAreReturnedWithTheRequestTheyConcern() {
        String answer = "{\"validationMessages\":[{\"fieldPath\":\"events\",\"description\":\"Event at index: [0] has "
                + "invalid name [_x].\",\"validationCode\":\"NAME_INVALID\"}]}";
        google.script(MINE, Behaviour.status(200, "{\"validationMessages\":[]}", Map.of()),
                Behaviour.status(200, answer, Map.of()));

        DeliveryOutcome result = ga4.validate(reportOf(30), mine()).get(0);

        assertThat(result.error()).isEmpty();
        assertThat(result.validationMessages()).usingRecursiveFieldByFieldElementComparator().containsExactly(
                new ValidationMessage(2, "events", "Event at index: [0] has invalid name [_x].", "NAME_INVALID"));
    }

    /** A report of which GA4 would accept no event is "nothing to validate": no request, and no log line for it. */
    @Test
    void aReportWithNothingGoogleWouldAcceptIsNothingToValidate() {
        try (LogCapture log = new LogCapture()) {
            DeliveryOutcome result = ga4.validate(report(Event.named("google_reserved").build(),
                    Event.named("error").build()), mine()).get(0);

            assertThat(result.succeeded()).isFalse();
            assertThat(result.requests()).isZero();
            assertThat(result.failure().map(DeliveryFailure::kind)).contains(DeliveryFailure.Kind.NOTHING_TO_CHECK);
            assertThat(log.lines()).noneSatisfy(line -> assertThat(line).contains("GA4 validation:"));
        }
        assertThat(google.requests()).isEmpty();
    }

    @Test
    void anUnreadableAnswerIsAnErrorNotAPass() {
        google.script(MINE, Behaviour.garbage(200));

        DeliveryOutcome result = ga4.validate(reportOf(1), mine()).get(0);

        assertThat(result.succeeded()).isFalse();
        // The administrator's words say what it means; what was wrong with the answer is the log's detail.
        assertThat(result.error()).get().asString().contains("could not be read as a list of validation messages")
                .doesNotContain("JSON");
        assertThat(result.failure().orElseThrow().detail()).get().asString().contains("not JSON");
    }

    /** The requests after an unreadable answer are still sent: its text does not say otherwise. */
    @Test
    void anUnreadableAnswerDoesNotSayTheRequestsAfterItWereNotSent() {
        google.script(MINE, Behaviour.garbage(200), Behaviour.status(200, "{\"validationMessages\":[]}", Map.of()));

        DeliveryOutcome result = ga4.validate(reportOf(30), mine()).get(0);

        assertThat(google.requests()).hasSize(2);
        assertThat(result.requests()).isEqualTo(2);
        assertThat(result.error()).get().asString().contains("This report went as 2 requests", "request 1 failed")
                .doesNotContain("not sent");
    }

    @Test
    void aFailedValidationIsReportedAtOnceWithoutRetrying() {
        google.script(MINE, Behaviour.status(503));

        DeliveryOutcome result = ga4.validate(reportOf(1), mine()).get(0);

        assertThat(result.failure()).get().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(DeliveryFailure.Kind.SERVER_FAILED);
            assertThat(f.fact()).isEqualTo("HTTP 503 Service Unavailable");
        });
        assertThat(google.requests()).hasSize(1);
    }

    @Test
    void withoutADestinationThereIsNothingToValidate() {
        assertThat(ga4.validate(reportOf(1), Fixtures.configWithoutTrackingId(google.collectUrl()))).isEmpty();
        assertThat(google.requests()).isEmpty();
    }
}
