package org.systemmetrics.core.delivery.ga4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.systemmetrics.core.delivery.ga4.Fixtures.delivery;
import static org.systemmetrics.core.delivery.ga4.Fixtures.reportOf;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import ch.qos.logback.classic.Level;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.systemmetrics.core.delivery.Delivery;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.delivery.Destination;
import org.systemmetrics.core.delivery.HttpTransport;
import org.systemmetrics.core.delivery.Post;
import org.systemmetrics.core.delivery.RetryPolicy;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.testing.LogCapture;

/**
 * A destination is a type: one of a kind the delivery has never seen is sent to, retried, kept in the history, logged
 * under its own name and masked like the others, with nothing but its own class written.
 */
class NewKindOfDestinationTest {
    private static final String KEY = "k3y-of-the-new-kind";

    @RegisterExtension
    final FakeGoogleExtension google = new FakeGoogleExtension();
    @RegisterExtension
    final LogCapture log = new LogCapture();
    @RegisterExtension
    final FakeCollectorExtension collector = new FakeCollectorExtension(KEY);

    /** Sends the number of events only, with its key in a header of its own. */
    private static Destination summaryAt(URI url) {
        return new Destination() {
            @Override
            public String id() {
                return "summary " + url.getHost();
            }

            @Override
            public String name() {
                return "the summary service " + url.getHost();
            }

            @Override
            public List<String> secrets() {
                return List.of(KEY);
            }

            @Override
            public List<Post> posts(Report report) {
                return List.of(new Post(url, "{\"events\":" + report.events().size() + "}",
                        Map.of("Authorization", "Bearer " + KEY)));
            }
        };
    }

    @Test
    void itIsSentKeptAndLoggedUnderItsOwnName() throws Exception {
        TestDelivery delivery = google.open(delivery().trusting(TestCertificates.shared().clientContextTrustingIt()));

        List<DeliveryOutcome> outcomes = delivery.delivery().deliver(reportOf(3), List.of(summaryAt(collector.url())));

        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.succeeded()).isTrue());
        assertThat(collector.received()).singleElement().satisfies(r -> assertThat(r.body).isEqualTo("{\"events\":3}"));
        assertThat(delivery.historyOf("summary 127.0.0.1")).hasSize(1);
        assertThat(log.all()).contains("report delivered to the summary service 127.0.0.1 (HTTP 204");
    }

    /** The one sender serves every destination: a thread of this one left at the unload is no GA4 thread. */
    @Test
    void aThreadOfItsDeliveryLeftAtTheUnloadIsNamedWithoutGa4() throws Exception {
        collector.script(FakeCollector.Answer.echoingAuthorization(503));
        // A wait between tries that no interrupt ends, as a thread stuck in a call would be; the test ends it.
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        Delivery.Sleeper stubborn = duration -> {
            waiting.countDown();
            while (released.getCount() > 0) {
                try {
                    released.await();
                } catch (InterruptedException ignored) {
                    // not this thread's to end early
                }
            }
        };
        Delivery delivery = new Delivery(new HttpTransport("test", Duration.ofSeconds(2), Duration.ofSeconds(2),
                () -> TestCertificates.shared().clientContextTrustingIt(), SystemDefaultDnsResolver.INSTANCE),
                RetryPolicy.DEFAULT, Duration.ofSeconds(30), Clock.systemUTC(), stubborn, () -> 0.0);
        CompletableFuture<List<DeliveryOutcome>> running = CompletableFuture.supplyAsync(
                () -> delivery.deliver(reportOf(1), List.of(summaryAt(collector.url()))));
        try {
            assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();
            delivery.close();
        } finally {
            released.countDown();
        }
        running.get(10, TimeUnit.SECONDS);

        assertThat(log.at(Level.WARN)).singleElement().asString().contains("a delivery thread did not stop")
                .doesNotContain("GA4");
    }

    @Test
    void itsFailuresAreRetriedAndNamedWithoutItsSecret() throws Exception {
        TestDelivery delivery = google.open(delivery().trusting(TestCertificates.shared().clientContextTrustingIt()));
        collector.script(FakeCollector.Answer.echoingAuthorization(503), FakeCollector.Answer.echoingAuthorization(503),
                FakeCollector.Answer.echoingAuthorization(503));

        DeliveryOutcome outcome = delivery.delivery().deliver(reportOf(1), List.of(summaryAt(collector.url()))).get(0);

        assertThat(outcome.requests()).isEqualTo(3);
        assertThat(outcome.error()).hasValueSatisfying(e -> assertThat(e).contains("HTTP 503").doesNotContain(KEY));
        assertThat(log.all()).contains("could not deliver the report to the summary service 127.0.0.1")
                .doesNotContain(KEY);
    }
}
