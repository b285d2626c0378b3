package org.systemmetrics.core.delivery.ga4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.systemmetrics.core.delivery.ga4.Fixtures.delivery;
import static org.systemmetrics.core.delivery.ga4.Fixtures.report;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.systemmetrics.core.config.ConsoleSettings;
import org.systemmetrics.core.config.SecretBinding;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.config.TestConfigs;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.testing.LogCapture;

/**
 * A name that passes the configuration check is resolved again when a report is sent, and the destination is
 * refused when any address it resolves to is link-local, metadata or unspecified, or this machine under another
 * name. The name service is a double: no real DNS is asked.
 */
class SendTimeAddressCheckTest {
    private static final String TOKEN = "Fleet-Token_0123456789abcdef";

    @RegisterExtension
    final FakeGoogleExtension google = new FakeGoogleExtension();
    @RegisterExtension
    final LogCapture log = new LogCapture();
    @RegisterExtension
    final FakeCollectorExtension collector = new FakeCollectorExtension(TOKEN);
    private final Report report = report(Event.named("cluster").param("version", "5.1.1").build());

    /** Names the test invents, and what the double says they resolve to; everything else is asked of the system. */
    private static final Map<String, String[]> NAMES = Map.of(
            "metadata-alias.example", new String[] {"169.254.169.254"},
            "mixed.example", new String[] {"192.0.2.10", "169.254.169.254"},
            "nat64.example", new String[] {"64:ff9b::a9fe:a9fe"},
            "mapped.example", new String[] {"::ffff:169.254.169.254"},
            "zero.example", new String[] {"0.0.0.0"},
            "rebound.example", new String[] {"127.0.0.1"});

    private static final DnsResolver DOUBLE = new DnsResolver() {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            String[] literal = NAMES.get(host);
            if (literal == null) {
                if (!"localhost".equals(host) && !host.startsWith("127.")) {
                    throw new UnknownHostException("the test knows no " + host); // never real DNS
                }
                return SystemDefaultDnsResolver.INSTANCE.resolve(host);
            }
            InetAddress[] out = new InetAddress[literal.length];
            for (int i = 0; i < literal.length; i++) {
                out[i] = InetAddress.getByAddress(host, InetAddress.getByName(literal[i]).getAddress());
            }
            return out;
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    };

    private ServiceConfig endpointAt(String host) {
        URI url = URI.create("https://" + host + ":" + collector.url().getPort() + FakeCollector.PATH);
        return TestConfigs.console(ConsoleSettings.of(Map.of("report_endpoint", url.toString(),
                        "report_endpoint_token", SecretBinding.seal(TOKEN, url),
                        "google_analytics_url", google.collectUrl().toString())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"metadata-alias.example", "mixed.example", "nat64.example", "mapped.example", "zero.example"})
    void aNameThatResolvesToAMetadataOrLinkLocalAddressReceivesNothing(String host) throws Exception {
        ServiceConfig loaded = endpointAt(host);
        assertThat(loaded.problems()).isEmpty(); // the name alone passes: only the resolver can tell
        TestDelivery delivery = google.open(delivery().resolver(DOUBLE)
                .trusting(TestCertificates.shared().clientContextTrustingIt()));

        DeliveryOutcome outcome = delivery.deliver(report, loaded).get(0);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.requests()).isEqualTo(1); // not retried: the answer will not change
        assertThat(outcome.error()).get().asString().contains("refused").contains(host)
                .contains("link-local, unspecified or cloud metadata address");
        assertThat(collector.received()).isEmpty();
        assertThat(log.all()).doesNotContain(TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rebound.example"})
    void aNameThatResolvesToThisMachineIsRefusedSinceOnlyLocalhostWithAPortReachesIt(String host) throws Exception {
        TestDelivery delivery = google.open(delivery().resolver(DOUBLE)
                .trusting(TestCertificates.shared().clientContextTrustingIt()));

        DeliveryOutcome outcome = delivery.deliver(report, endpointAt(host)).get(0);

        assertThat(outcome.error()).get().asString().contains("refused").contains("resolves to this machine");
        assertThat(collector.received()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1"})
    void theLoopbackLiteralWithItsPortStillReceivesTheReport(String host) throws Exception {
        TestDelivery delivery = google.open(delivery().resolver(DOUBLE)
                .trusting(TestCertificates.shared().clientContextTrustingIt()));

        DeliveryOutcome outcome = delivery.deliver(report, endpointAt(host)).get(0);

        assertThat(outcome.succeeded()).isTrue();
        assertThat(collector.received()).hasSize(1);
    }
}
