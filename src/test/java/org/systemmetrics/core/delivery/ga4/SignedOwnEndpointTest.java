package org.systemmetrics.core.delivery.ga4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.systemmetrics.core.delivery.ga4.Fixtures.delivery;
import static org.systemmetrics.core.delivery.ga4.Fixtures.report;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.systemmetrics.core.config.ConsoleSettings;
import org.systemmetrics.core.config.OwnEndpoint;
import org.systemmetrics.core.config.SecretBinding;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.config.Setting;
import org.systemmetrics.core.config.TestConfigs;
import org.systemmetrics.core.delivery.DeliveryFailure;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.delivery.endpoint.OwnEndpointDestination;
import org.systemmetrics.core.identity.ClusterIdentity;
import org.systemmetrics.core.identity.Erasure;
import org.systemmetrics.core.identity.InstallationKey;
import org.systemmetrics.core.identity.InstallationKeys;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.testing.LogCapture;
import org.systemmetrics.testing.MemorySharedStore;

/**
 * Issue 19 at the administrator's own collector: reports are signed with the installation key, so the collector pins
 * it and nobody else can overwrite or erase the installation's data; <i>Forget this server</i> erases it there. The
 * stand-in checks signatures as docs/collector.md states them.
 */
class SignedOwnEndpointTest {
    private static final String TOKEN = "Fleet-Token_0123456789abcdef";
    /** The database's clock, which signs: the node's own clock plays no part. */
    private static final Instant DATABASE_NOW = Instant.parse("2026-12-07T02:00:00Z");

    @RegisterExtension
    final FakeGoogleExtension google = new FakeGoogleExtension();
    @RegisterExtension
    final LogCapture log = new LogCapture();
    @RegisterExtension
    final FakeCollectorExtension collector = new FakeCollectorExtension(TOKEN);
    private static final String CLUSTER_ID = "systemmetrics.cluster_id";
    private final MemorySharedStore store = new MemorySharedStore(DATABASE_NOW).row(CLUSTER_ID, Fixtures.CLIENT_ID);
    private final InstallationKeys keys = new InstallationKeys(store, "systemmetrics.installation_key");
    private final Report report = report(Event.named("cluster").param("version", "5.1.1").param("node_count", 1).build());

    @Test
    void theCollectorPinsTheInstallationsKeyAndRefusesAnotherKeyUnderTheSameClientId() throws Exception {
        DeliveryOutcome outcome = open(keys::reportHeaders).deliver(report, config())
                .get(0);

        assertThat(outcome.httpStatus()).isEqualTo(204);
        InstallationKey key = keys.current().orElseThrow();
        assertThat(collector.received()).singleElement().satisfies(r -> {
            assertThat(r.signature).containsEntry("Systemmetrics-Key", key.publicKeyBase64())
                    .containsEntry("Systemmetrics-Timestamp", Long.toString(DATABASE_NOW.toEpochMilli()))
                    .containsKey("Systemmetrics-Signature");
            assertThat(r.authorization).isEqualTo("Bearer " + TOKEN);
        });
        assertThat(collector.installation(Fixtures.CLIENT_ID).orElseThrow().pinnedKey).isEqualTo(key.publicKeyBase64());

        InstallationKey forger = InstallationKey.generate(new SecureRandom());
        Report forged = report(Event.named("cluster").param("version", "0.0.1").param("node_count", 99).build());
        DeliveryOutcome refused = open(body -> forger.reportHeaders(body, DATABASE_NOW.plusSeconds(60)))
                .deliver(forged, config()).get(0);

        assertThat(refused.httpStatus()).isEqualTo(403);
        assertThat(collector.installation(Fixtures.CLIENT_ID).orElseThrow().reports).hasSize(1);
    }

    @Test
    void aRetryResendsTheSameSignedRequestWhichTheCollectorCannotTakeForAReplay() throws Exception {
        collector.script(FakeCollector.Answer.status(503));
        // A clock that moves at every reading: a request signed again would carry a later time.
        AtomicLong seconds = new AtomicLong();
        store.clock(() -> DATABASE_NOW.plusSeconds(seconds.incrementAndGet()));

        DeliveryOutcome outcome = open(keys::reportHeaders).deliver(report, config()).get(0);

        assertThat(outcome.succeeded()).isTrue();
        List<FakeCollector.Received> received = collector.received();
        assertThat(received).hasSize(2);
        assertThat(received.get(1).signature).isEqualTo(received.get(0).signature).hasSize(3);
        assertThat(received.get(1).body).isEqualTo(received.get(0).body);
    }

    @Test
    void withoutAKeyToSignWithTheReportStillGoesUnsigned() throws Exception {
        DeliveryOutcome outcome = open(OwnEndpointDestination.Signer.NONE).deliver(report, config()).get(0);

        assertThat(outcome.httpStatus()).isEqualTo(204);
        assertThat(collector.received()).singleElement().satisfies(r -> assertThat(r.signature).isEmpty());
    }

    @Test
    void forgetThisServerErasesItAtTheOwnEndpointAndStartsAfreshUnderANewIdAndKey() throws Exception {
        TestDelivery delivery = open(keys::reportHeaders);
        delivery.deliver(report, config());
        InstallationKey oldKey = keys.current().orElseThrow();

        Erasure.Result result = erasureASecondLater().forget(Optional.of(OwnEndpointDestination.erasure(ownEndpoint(),
                delivery.delivery())));

        assertThat(result.outcome()).isEqualTo(Erasure.Outcome.ERASED);
        assertThat(result.status()).isEqualTo(200);
        FakeCollector.Received erase = collector.received().get(1);
        assertThat(erase.method).isEqualTo("DELETE");
        assertThat(erase.path).isEqualTo(FakeCollector.PATH + "/" + Fixtures.CLIENT_ID);
        assertThat(erase.authorization).isEqualTo("Bearer " + TOKEN);
        assertThat(collector.installation(Fixtures.CLIENT_ID)).isEmpty();
        String newId = store.get(CLUSTER_ID).orElseThrow();
        assertThat(result.newClusterId()).contains(newId);
        assertThat(newId).isNotEqualTo(Fixtures.CLIENT_ID);
        InstallationKey newKey = keys.current().orElseThrow();
        assertThat(newKey.fingerprint()).isNotEqualTo(oldKey.fingerprint());

        Report afterwards = new Report(report.generatedAt(), newId, report.events());
        assertThat(delivery.deliver(afterwards, config()).get(0).httpStatus()).isEqualTo(204);
        assertThat(collector.installation(newId).orElseThrow().pinnedKey).isEqualTo(newKey.publicKeyBase64());
    }

    @Test
    void anEndpointThatCannotAnswerNowErasesNothingAndNothingChangesHere() throws Exception {
        TestDelivery delivery = open(keys::reportHeaders);
        delivery.deliver(report, config());
        String fingerprint = keys.current().orElseThrow().fingerprint();
        collector.script(FakeCollector.Answer.status(503));

        Erasure.Result result = erasureASecondLater().forget(Optional.of(OwnEndpointDestination.erasure(ownEndpoint(),
                delivery.delivery())));

        assertThat(result.outcome()).isEqualTo(Erasure.Outcome.TRY_AGAIN);
        assertThat(result.status()).isEqualTo(503);
        assertThat(store.get(CLUSTER_ID)).contains(Fixtures.CLIENT_ID);
        assertThat(keys.current().orElseThrow().fingerprint()).isEqualTo(fingerprint);
        assertThat(collector.installation(Fixtures.CLIENT_ID)).isPresent();
    }

    /** An untrusted certificate and a Java without TLS are not cured by waiting: the result says so and why. */
    @Test
    void anEraseRequestThatCannotGoOutChangesNothingAndSaysWhatStandsInTheWay() throws Exception {
        open(keys::reportHeaders).deliver(report, config());
        String fingerprint = keys.current().orElseThrow().fingerprint();
        Map<DeliveryFailure.Kind, Fixtures.Builder> blocked = Map.of(DeliveryFailure.Kind.NOT_TRUSTED, delivery(),
                DeliveryFailure.Kind.STOPPED, delivery().tls(() -> {
                    throw new NoSuchAlgorithmException("no default TLS context");
                }));

        for (Map.Entry<DeliveryFailure.Kind, Fixtures.Builder> entry : blocked.entrySet()) {
            Erasure.Result result = erasureASecondLater().forget(Optional.of(OwnEndpointDestination.erasure(
                    ownEndpoint(), google.open(entry.getValue()).delivery())));

            assertThat(result.outcome()).isEqualTo(Erasure.Outcome.NOT_ASKED);
            assertThat(result.failure().map(DeliveryFailure::kind)).contains(entry.getKey());
            assertThat(store.get(CLUSTER_ID)).contains(Fixtures.CLIENT_ID);
            assertThat(keys.current().orElseThrow().fingerprint()).isEqualTo(fingerprint);
        }
        assertThat(collector.received()).as("only the report, no erase request").hasSize(1);
    }

    @Test
    void anEraseRequestSignedByAnotherKeyIsRefusedAndTheDataStays() throws Exception {
        TestDelivery delivery = open(keys::reportHeaders);
        delivery.deliver(report, config());
        InstallationKeys otherKeys = new InstallationKeys(new MemorySharedStore(DATABASE_NOW.plusSeconds(1)), "other");

        Erasure.Result result = new Erasure(new ClusterIdentity(store, CLUSTER_ID), otherKeys)
                .forget(Optional.of(OwnEndpointDestination.erasure(ownEndpoint(), delivery.delivery())));

        assertThat(result.outcome()).isEqualTo(Erasure.Outcome.REFUSED);
        assertThat(result.status()).isEqualTo(403);
        assertThat(collector.installation(Fixtures.CLIENT_ID)).isPresent();
    }

    /** Forget this server a second after the report: the database's clock moves on, and the erase is signed then. */
    private Erasure erasureASecondLater() {
        store.at(DATABASE_NOW.plusSeconds(1));
        return new Erasure(new ClusterIdentity(store, CLUSTER_ID), keys);
    }

    private TestDelivery open(OwnEndpointDestination.Signer signer) throws Exception {
        return google.open(delivery().signer(signer).trusting(TestCertificates.shared().clientContextTrustingIt()));
    }

    private OwnEndpoint ownEndpoint() {
        return config().get(Setting.REPORT_ENDPOINT).orElseThrow();
    }

    /** The endpoint and token as saved in the console; Google's endpoint is the local stand-in, with no property. */
    private ServiceConfig config() {
        Map<String, String> console = new ConcurrentHashMap<>();
        console.put("report_endpoint", collector.url().toString());
        console.put("report_endpoint_token", SecretBinding.seal(TOKEN, collector.url()));
        console.put("google_analytics_url", google.collectUrl().toString());
        return TestConfigs.console(ConsoleSettings.of(console));
    }
}
