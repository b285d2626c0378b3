package org.systemmetrics.core.delivery.ga4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.systemmetrics.core.delivery.ga4.Fixtures.SECRET;
import static org.systemmetrics.core.delivery.ga4.Fixtures.configWith;
import static org.systemmetrics.core.delivery.ga4.Fixtures.delivery;
import static org.systemmetrics.core.delivery.ga4.Fixtures.reportOf;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.systemmetrics.core.delivery.DeliveryFailure;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.delivery.ga4.FakeGoogle.Behaviour;
import org.systemmetrics.testing.LogCapture;

/**
 * Failures are named in an administrator's words, from their cause, with the technical detail kept for the log:
 * a server without a network, a refused connection, a report of several requests of which one fails.
 */
class FailureNamingTest {
    private static final String MINE = "G-MINE1234";
    private static final String GOOGLE = "www.google-analytics.com";

    @RegisterExtension
    final FakeGoogleExtension google = new FakeGoogleExtension();
    @RegisterExtension
    final LogCapture log = new LogCapture();

    /** A server without a network: no name resolves; loopback names are left alone for the stand-in. */
    private static final DnsResolver OFFLINE = new DnsResolver() {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            if ("localhost".equals(host) || host.startsWith("127.")) {
                return SystemDefaultDnsResolver.INSTANCE.resolve(host);
            }
            throw new UnknownHostException(host); // as the JVM says it: the name alone
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    };

    @Test
    void validateWithoutANetworkIsNotCheckedAndSaysWhyInAnAdministratorsWords() {
        TestDelivery ga4 = google.open(delivery().resolver(OFFLINE));

        DeliveryOutcome result = ga4.validate(reportOf(30),
                configWith(URI.create("https://" + GOOGLE + "/mp/collect"), MINE, SECRET)).get(0);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.validationMessages()).as("Google said nothing").isEmpty();
        assertThat(result.failure()).get().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(DeliveryFailure.Kind.NAME_NOT_RESOLVED);
            assertThat(f.host()).isEqualTo(GOOGLE);
            assertThat(f.detail()).hasValue("UnknownHostException: " + GOOGLE);
        });
        assertThat(result.error()).get().asString()
                .startsWith("could not reach " + GOOGLE + ": the name could not be resolved. Is this server offline "
                        + "or behind a proxy?")
                .contains("This report went as 2 requests", "request 1 failed, so the one after it was not sent")
                .doesNotContain("Exception").doesNotContain("part 1 of 2");
        // The log says it was not checked, the administrator's words first and the technical detail after them.
        assertThat(log.all()).contains(MINE + " not checked: could not reach " + GOOGLE)
                .contains("technical detail: UnknownHostException: " + GOOGLE);
    }

    @Test
    void aRefusedConnectionIsNamedWithItsHostAndTriedThreeTimes() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        TestDelivery ga4 = google.open(delivery().time(new FakeTime()));

        DeliveryOutcome outcome = ga4.deliver(reportOf(1),
                configWith(URI.create("http://127.0.0.1:" + closedPort + "/mp/collect"), MINE, SECRET)).get(0);

        assertThat(outcome.failure()).get().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(DeliveryFailure.Kind.CONNECTION_REFUSED);
            assertThat(f.tries()).isEqualTo(3);
            assertThat(f.parts()).isEqualTo(1);
        });
        assertThat(outcome.error()).hasValue("could not reach 127.0.0.1: the connection was refused. Is the address "
                + "right, and is the service there running? (after 3 tries)");
        assertThat(log.all()).contains("could not deliver the report to GA4 property " + MINE + ": could not reach "
                + "127.0.0.1: the connection was refused").contains("technical detail: ");
    }

    @Test
    void aTwoPartReportWhoseSecondPartFailsSaysTheFirstWentThrough() {
        TestDelivery ga4 = google.open(delivery().time(new FakeTime()));
        google.script(MINE, Behaviour.status(204), Behaviour.status(401));

        DeliveryOutcome outcome = ga4.deliver(reportOf(30), configWith(google.collectUrl(), MINE, SECRET)).get(0);

        assertThat(outcome.failure()).get().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(DeliveryFailure.Kind.CREDENTIALS_REFUSED);
            assertThat(f.part()).isEqualTo(2);
            assertThat(f.parts()).isEqualTo(2);
        });
        assertThat(outcome.error()).hasValue(google.collectUrl().getHost() + " refused the token or API secret (HTTP "
                + "401 Unauthorized). This report went as 2 requests, since GA4 takes at most 25 events per request: "
                + "request 2 failed; the one before it went through");
    }

    @Test
    void theFirstOfThreePartsFailingSaysTheOtherTwoWereNotSent() {
        DeliveryFailure failure = DeliveryFailure.of(DeliveryFailure.Kind.NO_ANSWER_IN_TIME, GOOGLE, "10").at(1, 3);

        assertThat(failure.text()).isEqualTo("no answer from " + GOOGLE + " within 10 s. This report went as 3 "
                + "requests, since GA4 takes at most 25 events per request: request 1 failed, so the 2 after it were "
                + "not sent");
    }
}
