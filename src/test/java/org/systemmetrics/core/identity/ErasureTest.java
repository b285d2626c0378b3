package org.systemmetrics.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLHandshakeException;
import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.systemmetrics.core.delivery.DeliveryFailure;
import org.systemmetrics.core.delivery.FailedCalls;
import org.systemmetrics.testing.LogCapture;
import org.systemmetrics.testing.MemorySharedStore;

class ErasureTest {
    private static final String OLD_ID = "2f1f3f8e-6b1a-4c2d-9e3f-0a1b2c3d4e5f";
    private static final UUID NEW_ID = UUID.fromString("6f1c1f3e-2b7d-4c55-8d0e-0d1f5a3b9c21");
    private static final Instant SIGNED_AT = Instant.parse("2026-12-07T01:30:00Z");

    @RegisterExtension
    final LogCapture log = new LogCapture();

    private static final String CLUSTER_ID = "systemmetrics.cluster_id";
    /** The database's clock, the one that signs reports, signs the erase request too. */
    private final MemorySharedStore store = new MemorySharedStore(SIGNED_AT).row(CLUSTER_ID, OLD_ID);
    private final List<String> asked = new ArrayList<>();
    private final List<Map<String, String>> headers = new ArrayList<>();

    @Test
    void anErasedInstallationStartsAfreshUnderANewIdAndANewKey() {
        InstallationKey old = keys(TestKeys.key(0)).current().orElseThrow();

        Erasure.Result result = erasure(TestKeys.key(1)).forget(Optional.of(answering(200)));

        assertThat(asked).containsExactly(OLD_ID);
        assertThat(headers).containsExactly(old.eraseHeaders(OLD_ID, SIGNED_AT));
        assertThat(result.outcome()).isEqualTo(Erasure.Outcome.ERASED);
        assertThat(result.newClusterId()).contains(NEW_ID.toString());
        assertThat(store.get(CLUSTER_ID)).contains(NEW_ID.toString());
        assertThat(keys(TestKeys.key(2)).current().map(InstallationKey::fingerprint))
                .as("a new key, so that nothing links the new ID to the old one").contains(TestKeys.key(1).fingerprint());
        assertThat(log.at(Level.INFO)).anyMatch(l -> l.contains("this server was forgotten (own endpoint: HTTP 200)"));
    }

    @Test
    void aNewKeyTheDatabaseDoesNotKeepLeavesTheIdAndTheKeyAsTheyWere() {
        InstallationKey old = keys(TestKeys.key(0)).current().orElseThrow();
        store.refusingSecrets();

        Erasure.Result result = erasure(TestKeys.key(1)).forget(Optional.of(answering(200)));

        assertThat(result.outcome()).isEqualTo(Erasure.Outcome.KEY_NOT_KEPT);
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.newClusterId()).isEmpty();
        assertThat(store.get(CLUSTER_ID)).as("no new ID for the old key to sign under").contains(OLD_ID);
        assertThat(keys(TestKeys.key(2)).current().map(InstallationKey::fingerprint)).contains(old.fingerprint());
        assertThat(log.at(Level.WARN))
                .anyMatch(l -> l.contains("was not given a new cluster ID"));
    }

    /**
     * A database failing between the new key and the new ID: the endpoint erased, so the result says that Forget did
     * not finish (not that it failed as a whole), and pressing again asks again and finishes with a third key.
     */
    @Test
    void aDatabaseFailingBeforeTheNewIdIsStoredIsSaidUnfinishedAndThePressAfterFinishes() {
        InstallationKey old = keys(TestKeys.key(0)).current().orElseThrow();
        store.failing(operation -> operation.equals("compareAndSet " + CLUSTER_ID));

        Erasure.Result result = erasure(TestKeys.key(1)).forget(Optional.of(answering(200)));

        assertThat(result.outcome()).isEqualTo(Erasure.Outcome.NOT_FINISHED);
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.newClusterId()).isEmpty();
        assertThat(store.get(CLUSTER_ID)).contains(OLD_ID);
        assertThat(log.at(Level.WARN)).last().asString().contains("did not finish")
                .contains("connection to the database lost");

        store.failing(operation -> false);
        Erasure.Result again = erasure(TestKeys.key(2)).forget(Optional.of(answering(404)));

        assertThat(asked).containsExactly(OLD_ID, OLD_ID);
        assertThat(headers.get(1)).as("signed by the key the first press renewed")
                .isEqualTo(TestKeys.key(1).eraseHeaders(OLD_ID, SIGNED_AT));
        assertThat(again.newClusterId()).contains(NEW_ID.toString());
        assertThat(keys(TestKeys.key(3)).current().map(InstallationKey::fingerprint))
                .as("neither the old key nor the one that may have signed under the old ID since")
                .contains(TestKeys.key(2).fingerprint()).isNotEqualTo(Optional.of(old.fingerprint()));
    }

    /**
     * Two nodes forgetting at the same moment: the other node's new key stands, and this node is not told that the
     * database kept none, even before it can decrypt that key; the ID is new all the same.
     */
    @Test
    void aKeyAnotherNodeRenewedAtTheSameMomentStandsAndTheIdIsNewAllTheSame() {
        keys(TestKeys.key(0)).current().orElseThrow();
        String winner = TestKeys.key(2).fingerprint();
        store.encryptedRow("systemmetrics.installation_key." + winner)
                .raceBeforeNextWrite("systemmetrics.installation_key", winner);

        Erasure.Result result = erasure(TestKeys.key(1)).forget(Optional.of(answering(200)));

        assertThat(result.outcome()).isEqualTo(Erasure.Outcome.ERASED);
        assertThat(result.newClusterId()).contains(NEW_ID.toString());
        assertThat(store.get("systemmetrics.installation_key")).contains(winner);
    }

    /**
     * Another node finishes its Forget while this node waits on its erase request: that node's key stays with that
     * node's new ID (a collector may have pinned it for that ID already), and this node says so, not replacing it.
     */
    @Test
    void aForgetAnotherNodeFinishedWhileThisOneWaitedOnTheEndpointKeepsThatNodesKeyAndId() {
        keys(TestKeys.key(0)).current().orElseThrow();
        String otherId = "0b7f6b4e-6f0a-4c8e-9d8e-3f2a1c5b7d90";
        Erasure otherNode = new Erasure(new ClusterIdentity(store, CLUSTER_ID, () -> UUID.fromString(otherId)),
                keys(TestKeys.key(2)));
        Erasure.Endpoint answeringOnceTheOtherNodeForgot = (id, signed) -> {
            otherNode.forget(Optional.of(answering(200)));
            return 200;
        };

        Erasure.Result result = erasure(TestKeys.key(1)).forget(Optional.of(answeringOnceTheOtherNodeForgot));

        assertThat(result.outcome()).isEqualTo(Erasure.Outcome.ERASED);
        assertThat(result.idReplaced()).isTrue();
        assertThat(result.newClusterId()).isEmpty();
        assertThat(store.get(CLUSTER_ID)).contains(otherId);
        assertThat(keys(TestKeys.key(3)).current().map(InstallationKey::fingerprint))
                .contains(TestKeys.key(2).fingerprint());
        assertThat(log.at(Level.INFO)).anyMatch(l -> l.contains("another cluster node forgot this server while"));
    }

    /**
     * Another node's Forget renewed the key but did not store its new ID while this node waited on its erase request:
     * the ID is still the old one, so this node replaces that key too, and no key that signed under the old ID signs
     * under the new one.
     */
    @Test
    void aKeyAnotherNodesUnfinishedForgetRenewedIsReplacedWithTheOldId() {
        keys(TestKeys.key(0)).current().orElseThrow();
        Erasure otherNode = erasure(TestKeys.key(2));
        Erasure.Endpoint answeringOnceTheOtherNodeFailed = (id, signed) -> {
            store.failing(operation -> operation.equals("compareAndSet " + CLUSTER_ID));
            assertThat(otherNode.forget(Optional.of(answering(200))).outcome()).isEqualTo(Erasure.Outcome.NOT_FINISHED);
            store.failing(operation -> false);
            return 200;
        };

        Erasure.Result result = erasure(TestKeys.key(1)).forget(Optional.of(answeringOnceTheOtherNodeFailed));

        assertThat(result.newClusterId()).contains(NEW_ID.toString());
        assertThat(keys(TestKeys.key(3)).current().map(InstallationKey::fingerprint))
                .as("the other node's key signed under the old ID").contains(TestKeys.key(1).fingerprint());
    }

    /**
     * Another node has claimed its new key and stores its new ID while this node makes its own key (which takes a
     * while): that node's key stays with that node's ID, whose reports it may have signed already.
     */
    @Test
    void anIdAnotherNodeStoresWhileThisNodeMakesItsKeyKeepsThatNodesKey() {
        keys(TestKeys.key(0)).current().orElseThrow();
        String otherId = "0b7f6b4e-6f0a-4c8e-9d8e-3f2a1c5b7d90";
        assertThat(keys(TestKeys.key(2)).renewClaimed(() -> true)).as("the other node's key, before its ID")
                .isEqualTo(InstallationKeys.Renewal.RENEWED);
        Erasure thisNode = new Erasure(new ClusterIdentity(store, CLUSTER_ID, () -> NEW_ID),
                new InstallationKeys(store, "systemmetrics.installation_key", () -> {
                    store.compareAndSet(CLUSTER_ID, Optional.of(OLD_ID), otherId); // the other node's ID, meanwhile
                    return TestKeys.key(1);
                }));

        Erasure.Result result = thisNode.forget(Optional.of(answering(200)));

        assertThat(result.idReplaced()).isTrue();
        assertThat(store.get(CLUSTER_ID)).contains(otherId);
        assertThat(keys(TestKeys.key(3)).current().map(InstallationKey::fingerprint))
                .contains(TestKeys.key(2).fingerprint());
    }

    /**
     * Another node finishes its Forget between this node's reading of the ID and of the key: this node does not sign
     * an erase request for the old ID with that node's new key, which would link the new ID to the old one.
     */
    @Test
    void aForgetAnotherNodeFinishesBeforeThisNodeReadsTheKeyIsNotSignedWithThatNodesKey() {
        keys(TestKeys.key(0)).current().orElseThrow();
        Erasure otherNode = new Erasure(new ClusterIdentity(store, CLUSTER_ID,
                () -> UUID.fromString("0b7f6b4e-6f0a-4c8e-9d8e-3f2a1c5b7d90")), keys(TestKeys.key(2)));
        AtomicBoolean otherNodeForgot = new AtomicBoolean();
        store.failing(operation -> { // not a failure: the other node's whole Forget, just before this node's key read
            if (operation.equals("get systemmetrics.installation_key") && otherNodeForgot.compareAndSet(false, true)) {
                otherNode.forget(Optional.of(answering(200)));
            }
            return false;
        });

        Erasure.Result result = erasure(TestKeys.key(1)).forget(Optional.of(answering(200)));

        assertThat(otherNodeForgot).isTrue();
        assertThat(headers).as("only the other node's request").hasSize(1);
        assertThat(result.idReplaced()).isTrue();
    }

    /** Without an own endpoint nothing was or will be asked, and reports are not signed: the log promises neither. */
    @Test
    void anUnfinishedForgetWithoutAnEndpointIsSaidToAskOneAgainOnlyIfOneIsSet() {
        store.failing(operation -> operation.equals("compareAndSet " + CLUSTER_ID));

        Erasure.Result result = erasure(TestKeys.key(1)).forget(Optional.empty());

        assertThat(result.outcome()).isEqualTo(Erasure.Outcome.NOT_FINISHED);
        assertThat(log.at(Level.WARN)).last().asString().contains("did not finish")
                .contains("which asks the own endpoint again, if one is set, and finishes")
                .contains("its signing key, if it has one, may be new already").doesNotContain("signed by");
    }

    /**
     * Two nodes forgetting at the same moment: the other node's new ID stands, so this server is forgotten, even when
     * the database fails as this node would read that ID back; not said unfinished with the old ID.
     */
    @Test
    void anIdAnotherNodeReplacedAtTheSameMomentIsNewEvenWhenItCannotBeReadBack() {
        String winner = "0b7f6b4e-6f0a-4c8e-9d8e-3f2a1c5b7d90";
        store.raceBeforeNextWrite(CLUSTER_ID, winner).failing(operation -> operation.equals("get " + CLUSTER_ID)
                && store.rows().get(CLUSTER_ID).equals(Optional.of(winner)));

        Erasure.Result result = erasure(TestKeys.key(1)).forget(Optional.empty());

        assertThat(result.outcome()).isEqualTo(Erasure.Outcome.NO_ENDPOINT);
        assertThat(result.idReplaced()).isTrue();
        assertThat(result.newClusterId()).as("not read back: the page's cluster ID shows it").isEmpty();
        assertThat(log.at(Level.WARN)).isEmpty();
        assertThat(log.at(Level.INFO)).anyMatch(l -> l.contains("changed the cluster ID at the same moment"))
                .anyMatch(l -> l.contains("its reports carry a new cluster ID from now on"));
    }

    /** An ID stored with spaces around it (set by hand) is replaced, not said to be replaced by another node. */
    @Test
    void anIdStoredWithSpacesAroundItIsReplacedHere() {
        store.row(CLUSTER_ID, " " + OLD_ID + "\n");

        Erasure.Result result = erasure(TestKeys.key(1)).forget(Optional.of(answering(200)));

        assertThat(asked).containsExactly(OLD_ID);
        assertThat(result.newClusterId()).contains(NEW_ID.toString());
        assertThat(store.get(CLUSTER_ID)).contains(NEW_ID.toString());
        assertThat(log.at(Level.INFO)).noneMatch(l -> l.contains("changed the cluster ID at the same moment"));
    }

    /** A read failing right after the new ID was stored does not hide that this server was forgotten. */
    @Test
    void aReadFailingAfterTheNewIdWasStoredDoesNotHideIt() {
        store.failing(operation -> operation.equals("get " + CLUSTER_ID)
                && store.rows().get(CLUSTER_ID).equals(Optional.of(NEW_ID.toString())));

        Erasure.Result result = erasure(TestKeys.key(1)).forget(Optional.of(answering(200)));

        assertThat(result.outcome()).isEqualTo(Erasure.Outcome.ERASED);
        assertThat(result.newClusterId()).contains(NEW_ID.toString());
    }

    @Test
    void whatTheEndpointHeldNothingOfOrRefusedIsStillForgottenHere() {
        for (int status : new int[] {404, 403, 401}) {
            store.row(CLUSTER_ID, OLD_ID);
            Erasure.Result result = erasure(TestKeys.key(1)).forget(Optional.of(answering(status)));

            assertThat(result.outcome()).isEqualTo(status == 404 ? Erasure.Outcome.NOTHING_HELD
                    : Erasure.Outcome.REFUSED);
            assertThat(result.status()).isEqualTo(status);
            assertThat(store.get(CLUSTER_ID)).contains(NEW_ID.toString());
        }
    }

    /** The old ID and key are what can still erase the old data, so nothing changes until the endpoint answers. */
    @Test
    void anEndpointThatCouldNotAnswerChangesNothing() {
        InstallationKey old = keys(TestKeys.key(0)).current().orElseThrow();
        Erasure.Endpoint unreachable = (id, signed) -> {
            throw FailedCalls.unanswered(new ConnectException("Connection refused"), "collector.example.org");
        };

        for (Erasure.Endpoint endpoint : List.of(unreachable, answering(503), answering(429), answering(500))) {
            Erasure.Result result = erasure(TestKeys.key(1)).forget(Optional.of(endpoint));

            assertThat(result.outcome()).isEqualTo(Erasure.Outcome.TRY_AGAIN);
            assertThat(result.newClusterId()).isEmpty();
            assertThat(store.get(CLUSTER_ID)).contains(OLD_ID);
            assertThat(keys(TestKeys.key(2)).current().map(InstallationKey::fingerprint)).contains(old.fingerprint());
        }
        assertThat(log.at(Level.WARN)).hasSize(4).allMatch(l -> l.contains("nothing was changed"));
    }

    /** Asking again cannot help a request that went nowhere: the result says why, the log too. */
    @Test
    void aRequestThatCannotGoOutUntilSomethingIsFixedChangesNothingAndSaysWhy() {
        InstallationKey old = keys(TestKeys.key(0)).current().orElseThrow();
        // As Java words an untrusted certificate (the certificate check is the handshake's cause), a TLS version the
        // endpoint does not take (its alert, with no cause) and, in Java 11, an endpoint slow to answer the handshake.
        Exception untrustedCertificate = new SSLHandshakeException("PKIX path building failed");
        untrustedCertificate.initCause(new CertificateException("unable to find valid certification path"));
        Exception slowHandshake = new SSLHandshakeException("Couldn't kickstart handshaking");
        slowHandshake.initCause(new SocketTimeoutException("Read timed out"));
        Map<Exception, DeliveryFailure.Kind> failures = Map.of(untrustedCertificate, DeliveryFailure.Kind.NOT_TRUSTED,
                new SSLHandshakeException("Received fatal alert: protocol_version"), DeliveryFailure.Kind.TLS_REFUSED,
                slowHandshake, DeliveryFailure.Kind.NO_ANSWER_IN_TIME,
                new ConnectException("Connection refused"), DeliveryFailure.Kind.CONNECTION_REFUSED);
        for (Map.Entry<Exception, DeliveryFailure.Kind> failure : failures.entrySet()) {
            Erasure.Result result = erasure(TestKeys.key(1)).forget(Optional.of((id, signed) -> {
                throw FailedCalls.unanswered(failure.getKey(), "collector.example.org");
            }));

            boolean heals = failure.getValue() == DeliveryFailure.Kind.CONNECTION_REFUSED
                    || failure.getValue() == DeliveryFailure.Kind.NO_ANSWER_IN_TIME;
            assertThat(result.outcome()).isEqualTo(heals ? Erasure.Outcome.TRY_AGAIN : Erasure.Outcome.NOT_ASKED);
            assertThat(result.failure().map(DeliveryFailure::kind)).contains(failure.getValue());
            assertThat(result.newClusterId()).isEmpty();
            assertThat(store.get(CLUSTER_ID)).contains(OLD_ID);
            assertThat(keys(TestKeys.key(2)).current().map(InstallationKey::fingerprint)).contains(old.fingerprint());
            assertThat(log.at(Level.WARN)).last().asString().contains(result.failure().orElseThrow().text());
        }
    }

    @Test
    void withoutAnEndpointOnlyTheIdIsNewAndNoKeyIsMade() {
        Erasure.Result result = erasure(TestKeys.key(1)).forget(Optional.empty());

        assertThat(result.outcome()).isEqualTo(Erasure.Outcome.NO_ENDPOINT);
        assertThat(result.newClusterId()).contains(NEW_ID.toString());
        assertThat(store.secrets()).isEmpty();
    }

    @Test
    void withoutAnEndpointAKeyMadeForAnEarlierOneIsRenewedToo() {
        keys(TestKeys.key(0)).current().orElseThrow();

        Erasure.Result result = erasure(TestKeys.key(1)).forget(Optional.empty());

        assertThat(result.newClusterId()).contains(NEW_ID.toString());
        assertThat(keys(TestKeys.key(2)).current().map(InstallationKey::fingerprint))
                .as("an endpoint set later must not see the old key under the new ID")
                .contains(TestKeys.key(1).fingerprint());
    }

    @Test
    void aServerWithoutAClusterIdHasNothingToForget() {
        store.delete(CLUSTER_ID);

        Erasure.Result result = erasure(TestKeys.key(1)).forget(Optional.of(answering(200)));

        assertThat(result.outcome()).isEqualTo(Erasure.Outcome.NO_ID);
        assertThat(result.idReplaced()).isFalse();
        assertThat(result.newClusterId()).isEmpty();
        assertThat(asked).isEmpty();
        assertThat(store.secrets()).isEmpty();
    }

    /** A stored key this node cannot decrypt stays so while its conf/security.xml differs: waiting does not cure it. */
    @Test
    void aNodeThatCannotDecryptTheKeyAsksNothingChangesNothingAndSaysSo() {
        InstallationKey old = keys(TestKeys.key(0)).current().orElseThrow();
        store.encryptedRow("systemmetrics.installation_key." + old.fingerprint());

        Erasure.Result result = erasure(TestKeys.key(1)).forget(Optional.of(answering(200)));

        assertThat(result.outcome()).isEqualTo(Erasure.Outcome.KEY_UNREADABLE);
        assertThat(asked).isEmpty();
        assertThat(store.get(CLUSTER_ID)).contains(OLD_ID);
        assertThat(store.secrets()).containsOnly("systemmetrics.installation_key." + old.fingerprint());
        assertThat(log.at(Level.WARN)).last().asString().contains("this node has no signing key it can use");
    }

    /**
     * A node that loses the race to create the key to a node whose key it cannot decrypt (yet) logs that it cannot, as
     * the page's "openfire.log says so" promises, not only that it uses the other node's key.
     */
    @Test
    void aKeyAnotherNodeCreatedAtTheSameMomentThatThisNodeCannotDecryptIsSaidSoInTheLog() {
        String winner = TestKeys.key(2).fingerprint();
        store.encryptedRow("systemmetrics.installation_key." + winner)
                .raceBeforeNextWrite("systemmetrics.installation_key", winner);

        Erasure.Result result = erasure(TestKeys.key(1)).forget(Optional.of(answering(200)));

        assertThat(result.outcome()).isEqualTo(Erasure.Outcome.KEY_UNREADABLE);
        assertThat(asked).isEmpty();
        assertThat(log.at(Level.WARN)).anyMatch(l -> l.contains("the signing key " + winner
                + " is stored but this node cannot decrypt it"));
    }

    /** A key the database did not keep may be kept at the next press, once it accepts writes. */
    @Test
    void aNodeWhoseNewKeyTheDatabaseDoesNotKeepAsksNothingAndMayTryAgain() {
        store.refusingSecrets();

        Erasure.Result result = erasure(TestKeys.key(1)).forget(Optional.of(answering(200)));

        assertThat(result.outcome()).isEqualTo(Erasure.Outcome.TRY_AGAIN);
        assertThat(asked).isEmpty();
        assertThat(store.get(CLUSTER_ID)).contains(OLD_ID);
    }

    private Erasure.Endpoint answering(int status) {
        return (id, signed) -> {
            asked.add(id);
            headers.add(signed);
            return status;
        };
    }

    private InstallationKeys keys(InstallationKey itsNewKey) {
        return new InstallationKeys(store, "systemmetrics.installation_key", () -> itsNewKey);
    }

    private Erasure erasure(InstallationKey itsNewKey) {
        return new Erasure(new ClusterIdentity(store, CLUSTER_ID, () -> NEW_ID), keys(itsNewKey));
    }
}
