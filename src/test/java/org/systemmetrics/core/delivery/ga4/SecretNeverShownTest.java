package org.systemmetrics.core.delivery.ga4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.systemmetrics.core.delivery.ga4.Fixtures.OTHER_SECRET;
import static org.systemmetrics.core.delivery.ga4.Fixtures.SECRET;
import static org.systemmetrics.core.delivery.ga4.Fixtures.configWith;
import static org.systemmetrics.core.delivery.ga4.Fixtures.delivery;
import static org.systemmetrics.core.delivery.ga4.Fixtures.reportOf;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.config.TrackingId;
import org.systemmetrics.core.delivery.DeliveryFailure;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.delivery.ga4.FakeGoogle.Behaviour;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.testing.LogCapture;

/**
 * The API secrets travel in the URL, and servers echo URLs back in error pages: whatever happens, neither
 * secret may reach a log line, an outcome, the history or a validation result.
 */
class SecretNeverShownTest {
    private static final String MINE = "G-MINE1234";

    @RegisterExtension
    final FakeGoogleExtension google = new FakeGoogleExtension();
    @RegisterExtension
    final LogCapture log = new LogCapture();

    @Test
    void noSecretInAnythingAnAdministratorCanRead() throws Exception {
        List<String> shown = new ArrayList<>();
        TestDelivery ga4 = google.open(delivery().project(new TrackingId("G-PROJECT1", OTHER_SECRET))
                .responseTimeout(Duration.ofMillis(200)));
        ServiceConfig config = configWith(google.collectUrl(), MINE, SECRET);
        // A 400 whose body quotes the whole request URI; a 500 that quotes a secret bare; a hang; garbage.
        google.script(MINE, Behaviour.status(400, "{\"uri\":\"/mp/collect?measurement_id=" + MINE + "&api_secret="
                + SECRET + "\"}", Map.of()));
        google.script("G-PROJECT1", Behaviour.status(500, "bad key " + OTHER_SECRET, Map.of()),
                Behaviour.status(500, "bad key " + OTHER_SECRET, Map.of()),
                Behaviour.status(500, "bad key " + OTHER_SECRET, Map.of()));
        ga4.deliver(reportOf(2), config).forEach(o -> shown.add(shown(o)));
        google.script(MINE, Behaviour.hang(), Behaviour.hang(), Behaviour.hang());
        ga4.deliver(reportOf(2), config).forEach(o -> shown.add(shown(o)));
        google.releaseHangs();
        // A validation server quoting another destination's secret: the delivery masks every secret it holds.
        google.script(MINE, Behaviour.status(200, "{\"validationMessages\":[{\"fieldPath\":\"api_secret=" + SECRET
                + "\",\"description\":\"" + SECRET + "\",\"validationCode\":\"VALUE_INVALID " + OTHER_SECRET
                + "\"}]}", Map.of()));
        google.script("G-PROJECT1", Behaviour.garbage(500));
        ga4.validate(reportOf(1), config).forEach(r -> shown.add(shown(r)));
        // A broken name must not drag a secret into a warning either.
        ga4.deliver(Fixtures.report(Event.named("bad name").build(), Event.named("ok").build()), config);

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ga4.deliver(reportOf(1), configWith(URI.create("http://127.0.0.1:" + closedPort + "/mp/collect"), MINE, SECRET))
                .forEach(o -> shown.add(shown(o)));
        try (FakeGoogle tls = FakeGoogle.https(TestCertificates.shared().serverContext())) {
            ga4.deliver(reportOf(1), configWith(tls.collectUrl(), MINE, SECRET)).forEach(o -> shown.add(shown(o)));
        }
        ga4.history().values().forEach(list -> list.forEach(o -> shown.add(shown(o))));
        ga4.close();

        shown.addAll(log.lines());
        assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("api_secret=***"));
        assertThat(shown).hasSizeGreaterThan(10).allSatisfy(text -> assertThat(text).doesNotContain(SECRET, OTHER_SECRET));
    }

    /** What the page and the log show of an outcome: its destination, its failure with the detail, GA's messages. */
    private static String shown(DeliveryOutcome outcome) {
        return outcome.destination() + outcome.failure().map(DeliveryFailure::toString).orElse("")
                + outcome.validationMessages();
    }
}
