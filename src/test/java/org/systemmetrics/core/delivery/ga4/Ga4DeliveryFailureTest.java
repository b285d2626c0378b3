package org.systemmetrics.core.delivery.ga4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.systemmetrics.core.delivery.ga4.Fixtures.OTHER_SECRET;
import static org.systemmetrics.core.delivery.ga4.Fixtures.SECRET;
import static org.systemmetrics.core.delivery.ga4.Fixtures.configWith;
import static org.systemmetrics.core.delivery.ga4.Fixtures.delivery;
import static org.systemmetrics.core.delivery.ga4.Fixtures.reportOf;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.config.TrackingId;
import org.systemmetrics.core.delivery.DeliveryFailure;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.delivery.ga4.FakeGoogle.Behaviour;
import org.systemmetrics.testing.LogCapture;
import org.systemmetrics.testing.WallClock;

/** When Google, the network or the certificate misbehave: every delivery still ends, in time, with a reason. */
class Ga4DeliveryFailureTest {
    private static final String MINE = "G-MINE1234";
    private static final String PROJECT = "G-PROJECT1";
    private static final Duration SHORT = Duration.ofMillis(200);

    private static TestCertificates certificates;

    @RegisterExtension
    final FakeGoogleExtension google = new FakeGoogleExtension();

    @BeforeAll
    static void makeCertificate() throws Exception {
        certificates = TestCertificates.shared();
    }

    @Test
    void aFailingDestinationNeitherDelaysNorStopsTheOther() {
        CountDownLatch mineArrived = new CountDownLatch(1);
        AtomicBoolean mineArrivedWhileProjectWasPending = new AtomicBoolean();
        google.script(PROJECT, Behaviour.afterLatch(mineArrived, 400, mineArrivedWhileProjectWasPending));
        google.script(MINE, Behaviour.openLatchThen204(mineArrived));
        TestDelivery ga4 = google.open(delivery().project(new TrackingId(PROJECT, OTHER_SECRET)));

        List<DeliveryOutcome> outcomes = ga4.deliver(reportOf(3), configWith(google.collectUrl(), MINE, SECRET));

        // The project's request is answered only once mine has arrived: were they sent one after the other,
        // the project's would have waited 5 s in vain and this flag would be false.
        assertThat(mineArrivedWhileProjectWasPending).isTrue();
        assertThat(outcomes).extracting(DeliveryOutcome::destination).containsExactly(PROJECT, MINE);
        assertThat(outcomes.get(0).succeeded()).isFalse();
        assertThat(outcomes.get(1).succeeded()).isTrue();
        assertThat(google.requestsFor(MINE)).hasSize(1);
    }

    @Test
    @WallClock
    void aHangingServerIsGivenUpOnAfterTheResponseTimeout() {
        google.script(MINE, Behaviour.hang(), Behaviour.hang(), Behaviour.hang());
        TestDelivery ga4 = google.open(delivery().responseTimeout(SHORT));

        long started = System.nanoTime();
        DeliveryOutcome outcome = ga4.deliver(reportOf(1), configWith(google.collectUrl(), MINE, SECRET)).get(0);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.httpStatus()).isZero();
        assertThat(outcome.requests()).isEqualTo(3);
        assertThat(outcome.failure()).get().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(DeliveryFailure.Kind.NO_ANSWER_IN_TIME);
            assertThat(f.fact()).as("the seconds it waited").isEqualTo(String.valueOf(SHORT.toMillis() / 1000.0));
            assertThat(f.tries()).isEqualTo(3);
            assertThat(f.detail()).get().asString().containsIgnoringCase("timed out");
        });
        assertThat(outcome.error()).get().asString().startsWith("no answer from " + google.collectUrl().getHost()
                + " within").doesNotContain("Exception");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @WallClock
    void theWholeDeliveryEndsWithinItsBudgetWhenNoTimeoutCanFire() {
        google.script(MINE, Behaviour.trickle());
        TestDelivery ga4 = google.open(delivery().budget(Duration.ofMillis(300)));

        long started = System.nanoTime();
        DeliveryOutcome outcome = ga4.deliver(reportOf(1), configWith(google.collectUrl(), MINE, SECRET)).get(0);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.error()).get().asString().contains("time budget of 300 ms");
        assertThat(took).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    @WallClock
    void anAnswerWithAnEndlessBodyIsReadUpToItsCapAndTheConnectionAbortedSoA200CountsAsDelivered() {
        AtomicLong sent = new AtomicLong();
        google.script(MINE, Behaviour.endless(200, sent));
        TestDelivery ga4 = google.open(delivery().budget(Duration.ofSeconds(3)));

        long started = System.nanoTime();
        DeliveryOutcome outcome = ga4.deliver(reportOf(1), configWith(google.collectUrl(), MINE, SECRET)).get(0);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(outcome.succeeded()).as(String.valueOf(outcome.error())).isTrue();
        assertThat(outcome.httpStatus()).isEqualTo(200);
        assertThat(outcome.requests()).isEqualTo(1);
        assertThat(took).isLessThan(Duration.ofSeconds(2));
        // What the server managed to push into socket buffers before the abort, not the gigabytes of a drain.
        assertThat(sent.get()).isLessThan(64L * 1024 * 1024);
    }

    @Test
    void aRefusedConnectionIsRetriedThenReported() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        FakeTime time = new FakeTime();
        TestDelivery ga4 = google.open(delivery().time(time));

        DeliveryOutcome outcome = ga4.deliver(reportOf(1),
                configWith(URI.create("http://127.0.0.1:" + closedPort + "/mp/collect"), MINE, SECRET)).get(0);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.httpStatus()).isZero();
        assertThat(outcome.requests()).isEqualTo(3);
        assertThat(outcome.error()).get().asString().containsIgnoringCase("refused");
        assertThat(time.sleeps()).hasSize(2);
    }

    @Test
    void anUntrustedCertificateFailsAtOnceAndIsNotRetried() throws Exception {
        try (FakeGoogle tls = FakeGoogle.https(certificates.serverContext())) {
            TestDelivery ga4 = google.open(delivery()); // the JVM's own trust store, as in production

            DeliveryOutcome outcome = ga4.deliver(reportOf(1), configWith(tls.collectUrl(), MINE, SECRET)).get(0);

            assertThat(outcome.succeeded()).isFalse();
            assertThat(outcome.requests()).isEqualTo(1);
            assertThat(outcome.failure()).get().extracting(DeliveryFailure::kind).isEqualTo(DeliveryFailure.Kind.NOT_TRUSTED);
            assertThat(outcome.error()).get().asString().contains("TLS certificate").doesNotContain("Exception");
            assertThat(outcome.failure().flatMap(DeliveryFailure::detail)).get().asString().contains("SSLHandshakeException");
            assertThat(tls.requests()).isEmpty();
        }
    }

    /** A peer that hangs up in the handshake (restarting, overloaded) has refused no certificate: it may heal. */
    @Test
    void aHandshakeThePeerEndsIsNotCalledAnUntrustedCertificateAndIsRetried() throws Exception {
        AtomicInteger hellos = new AtomicInteger();
        Thread hangingUp;
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            hangingUp = new Thread(() -> {
                while (true) {
                    try (Socket client = server.accept()) {
                        client.getInputStream().read(new byte[512]); // the ClientHello, answered by hanging up
                        hellos.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            hangingUp.start();
            FakeTime time = new FakeTime();
            TestDelivery ga4 = google.open(delivery().time(time));

            DeliveryOutcome outcome = ga4.deliver(reportOf(1), configWith(
                    URI.create("https://127.0.0.1:" + server.getLocalPort() + "/mp/collect"), MINE, SECRET)).get(0);

            assertThat(outcome.failure()).get().extracting(DeliveryFailure::kind)
                    .isEqualTo(DeliveryFailure.Kind.CONNECTION_CLOSED);
            assertThat(outcome.error()).get().asString().doesNotContain("certificate");
            assertThat(outcome.requests()).isEqualTo(3);
            assertThat(hellos).hasValue(3);
        }
        hangingUp.join(TimeUnit.SECONDS.toMillis(10));
    }

    @Test
    void aJvmWithoutATlsContextFailsAtOnceAndIsNotRetried() {
        FakeTime time = new FakeTime();
        TestDelivery ga4 = google.open(delivery().time(time).tls(() -> {
            throw new NoSuchAlgorithmException("no default context");
        }));

        DeliveryOutcome outcome = ga4.deliver(reportOf(1), configWith(google.collectUrl(), MINE, SECRET)).get(0);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.failure()).get().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(DeliveryFailure.Kind.STOPPED);
            assertThat(f.tries()).isEqualTo(1);
        });
        assertThat(outcome.error()).get().asString().contains("no default TLS context").doesNotContain("tries");
        assertThat(time.sleeps()).isEmpty();
        assertThat(google.requests()).isEmpty();
    }

    @Test
    void theSameServerIsReachedOnceItsCertificateIsTrusted() throws Exception {
        try (FakeGoogle tls = FakeGoogle.https(certificates.serverContext())) {
            TestDelivery ga4 = google.open(delivery().trusting(certificates.clientContextTrustingIt()));

            DeliveryOutcome outcome = ga4.deliver(reportOf(1), configWith(tls.collectUrl(), MINE, SECRET)).get(0);

            assertThat(outcome.succeeded()).isTrue();
            assertThat(tls.requests()).singleElement().satisfies(r -> assertThat(r.problems()).isEmpty());
        }
    }

    @Test
    @WallClock
    void closingAbortsADeliveryInFlightAndLeavesNoThreadOfOurs() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        google.script(MINE, (exchange, request, release) -> {
            arrived.countDown();
            Behaviour.hang().respond(exchange, request, release);
        });
        List<Thread> before = ourThreads();
        TestDelivery ga4 = delivery().responseTimeout(Duration.ofSeconds(8)).build();
        ServiceConfig config = configWith(google.collectUrl(), MINE, SECRET);

        List<DeliveryOutcome> outcomes;
        long closing;
        try (LogCapture log = new LogCapture()) {
            CompletableFuture<List<DeliveryOutcome>> running = CompletableFuture.supplyAsync(() -> ga4.deliver(reportOf(1), config));
            assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();
            closing = System.nanoTime();
            ga4.close();
            outcomes = running.get(5, TimeUnit.SECONDS);

            // Unloading is the administrator's own doing: said plainly, not warned about.
            assertThat(log.at(Level.WARN)).isEmpty();
            assertThat(log.at(Level.INFO)).anySatisfy(line -> assertThat(line).contains(MINE)
                    .contains("not delivered").contains("the plugin is unloading"));
        }

        assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(3));
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.succeeded()).isFalse();
            assertThat(o.error()).get().asString().contains("plugin is unloading");
        });
        List<Thread> started = ourThreads();
        started.removeAll(before);
        for (Thread thread : started) {
            thread.join(2_000);
        }
        assertThat(started).noneMatch(Thread::isAlive);
        assertThat(ga4.deliver(reportOf(1), config)).singleElement()
                .satisfies(o -> assertThat(o.error()).get().asString().contains("shut down"));
        ga4.close(); // a second close is harmless
    }

    private static List<Thread> ourThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("systemmetrics-") && t.isAlive()).collect(Collectors.toList());
    }
}
