package org.systemmetrics.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.systemmetrics.core.cluster.SharedStore;
import org.systemmetrics.testing.LogCapture;
import org.systemmetrics.testing.MemorySharedStore;

class InstallationKeysTest {
    @RegisterExtension
    final LogCapture log = new LogCapture();

    private static final String CLAIM = "systemmetrics.installation_key";
    /** The shared store: the claim in plain, each key's private part as a secret beside it. */
    private final MemorySharedStore claim = new MemorySharedStore();

    @AfterEach
    void nothingSecretIsEverLogged() {
        for (int i = 0; i < 3; i++) {
            for (String part : TestKeys.key(i).stored().split(":")) {
                assertThat(log.all()).doesNotContain(part.substring(0, Math.min(part.length(), 16)));
            }
        }
    }

    @Test
    void theFirstUseCreatesOneKeyThatEveryNodeAndEveryRestartReads() {
        InstallationKey created = node(TestKeys.key(0)).current().orElseThrow();

        assertThat(created.fingerprint()).isEqualTo(TestKeys.key(0).fingerprint());
        assertThat(node(TestKeys.key(1)).current().map(InstallationKey::publicKeyBase64))
                .contains(created.publicKeyBase64());
        assertThat(claim.get(CLAIM)).as("the plain shared value names the key only").contains(created.fingerprint());
        assertThat(claim.secrets()).containsOnly(secretOf(created));
        assertThat(claim.get(secretOf(created))).contains(created.stored());
        assertThat(claim.writes()).as("one plain write: the claim").isEqualTo(1);
        assertThat(log.at(Level.INFO)).anyMatch(l -> l.contains("created this installation's signing key "
                + created.fingerprint()));
    }

    @Test
    void aNodeThatLosesTheRaceRemovesItsOwnKeyAndUsesTheWinners() {
        InstallationKey winner = TestKeys.key(1);
        claim.secret(secretOf(winner), winner.stored()); // the winner stores its secret before it claims
        claim.raceBeforeNextWrite(CLAIM, winner.fingerprint());

        Optional<InstallationKey> used = node(TestKeys.key(0)).current();

        assertThat(used.map(InstallationKey::fingerprint)).contains(winner.fingerprint());
        assertThat(claim.secrets()).containsOnly(secretOf(winner));
        assertThat(log.at(Level.INFO)).anyMatch(l -> l.contains("another cluster node created the signing key"));
    }

    /** A node that loses the race to a key it cannot decrypt (yet) says so, and is not told it uses that key. */
    @Test
    void aNodeThatLosesTheRaceToAKeyItCannotDecryptIsNotSaidToUseIt() {
        InstallationKey winner = TestKeys.key(1);
        claim.encryptedRow(secretOf(winner));
        claim.raceBeforeNextWrite(CLAIM, winner.fingerprint());

        assertThat(node(TestKeys.key(0)).current()).isEmpty();

        assertThat(log.at(Level.INFO)).singleElement().asString()
                .contains("another cluster node created the signing key").doesNotContain("this node uses");
        assertThat(log.at(Level.WARN)).singleElement().asString().contains(winner.fingerprint(), "cannot decrypt");
    }

    @Test
    void nodesStartingAtTheSameMomentEndWithOneKeyAndNoStraySecrets() throws Exception {
        for (int round = 0; round < 20; round++) {
            MemorySharedStore sharedClaim = new MemorySharedStore();
            int nodes = 3;
            ExecutorService pool = Executors.newFixedThreadPool(nodes);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> used = new ArrayList<>();
                for (int i = 0; i < nodes; i++) {
                    InstallationKey own = TestKeys.key(i);
                    used.add(pool.submit(() -> {
                        start.await();
                        return new InstallationKeys(sharedClaim, CLAIM, () -> own).current().orElseThrow()
                                .fingerprint();
                    }));
                }
                start.countDown();
                Set<String> seen = ConcurrentHashMap.newKeySet();
                for (Future<String> fingerprint : used) {
                    seen.add(fingerprint.get(10, TimeUnit.SECONDS));
                }
                assertThat(seen).containsExactly(sharedClaim.get(CLAIM).orElseThrow());
                assertThat(sharedClaim.secrets()).containsOnly(CLAIM + "." + sharedClaim.get(CLAIM).orElseThrow());
                assertThat(sharedClaim.writes()).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aKeyThisNodeCannotDecryptIsNeitherUsedNorReplacedAndWarnedOfOnce() {
        InstallationKey stored = TestKeys.key(0);
        claim.row(CLAIM, stored.fingerprint());
        claim.encryptedRow(secretOf(stored));

        InstallationKeys keys = node(TestKeys.key(1));
        assertThat(keys.current()).isEmpty();
        assertThat(keys.current()).isEmpty();

        assertThat(claim.get(CLAIM)).contains(stored.fingerprint());
        assertThat(claim.secrets()).containsOnly(secretOf(stored));
        assertThat(log.at(Level.WARN)).singleElement().asString().contains(stored.fingerprint(),
                "cannot decrypt", "conf/security.xml");
    }

    @Test
    void aKeyWhosePrivatePartIsGoneIsReplacedWithAWarning() {
        claim.row(CLAIM, TestKeys.key(0).fingerprint());

        Optional<InstallationKey> replaced = node(TestKeys.key(1)).current();

        assertThat(replaced.map(InstallationKey::fingerprint)).contains(TestKeys.key(1).fingerprint());
        assertThat(claim.get(CLAIM)).contains(TestKeys.key(1).fingerprint());
        assertThat(log.at(Level.WARN)).singleElement().asString().contains(TestKeys.key(0).fingerprint(),
                "no longer stored", "until the cluster ID changes");
    }

    @Test
    void aDamagedKeyIsReplacedAndItsSecretRemoved() {
        String damaged = TestKeys.key(0).fingerprint();
        for (String text : List.of("rsa1:AAAA:BBBB", TestKeys.key(2).stored())) { // garbage; another key's primes
            claim.row(CLAIM, damaged);
            claim.secrets().forEach(claim::removeSecret);
            claim.secret(CLAIM + "." + damaged, text);

            assertThat(node(TestKeys.key(1)).current().map(InstallationKey::fingerprint))
                    .contains(TestKeys.key(1).fingerprint());
            assertThat(claim.secrets()).containsOnly(secretOf(TestKeys.key(1)));
        }
        assertThat(log.at(Level.WARN)).hasSize(2).allMatch(l -> l.contains("is damaged"));
    }

    @Test
    void aDamagedFingerprintIsReplaced() {
        claim.row(CLAIM, "my-server.example.com");

        assertThat(node(TestKeys.key(1)).current()).isPresent();
        assertThat(claim.get(CLAIM)).contains(TestKeys.key(1).fingerprint());
        assertThat(log.at(Level.WARN)).singleElement().asString().contains("fingerprint is damaged")
                .doesNotContain("my-server.example.com");
    }

    @Test
    void aKeyTheDatabaseDidNotKeepIsNeverClaimed() {
        claim.refusingSecrets();

        assertThat(node(TestKeys.key(0)).current()).isEmpty();

        assertThat(claim.get(CLAIM)).isEmpty();
        assertThat(claim.secrets()).isEmpty();
        assertThat(log.at(Level.WARN)).singleElement().asString().contains("did not keep the new signing key")
                .contains("reports stay unsigned until it does");
    }

    /** A renewal the database did not keep leaves the old key claimed and signing: reports are not left unsigned. */
    @Test
    void aRenewalTheDatabaseDidNotKeepKeepsTheOldKeyAndSaysSo() {
        InstallationKey old = node(TestKeys.key(0)).current().orElseThrow();
        claim.refusingSecrets();

        assertThat(node(TestKeys.key(1)).renewClaimed(() -> true)).isEqualTo(InstallationKeys.Renewal.NOT_KEPT);

        assertThat(node(TestKeys.key(2)).current().map(InstallationKey::fingerprint)).contains(old.fingerprint());
        assertThat(log.at(Level.WARN)).singleElement().asString().contains("did not keep the new signing key")
                .contains("the key it was to replace stays").doesNotContain("unsigned");
    }

    /** A renewal the database did not keep while another node renewed the key: the old key is not said to stay. */
    @Test
    void aRenewalTheDatabaseDidNotKeepWhileAnotherNodeRenewedSaysThatNodesKeyStands() {
        SharedStore renewedMeanwhile = mock(SharedStore.class);
        // The claim as read before this node makes its key and before it replaces it, then as the other node left it.
        when(renewedMeanwhile.get(CLAIM)).thenReturn(Optional.of(TestKeys.key(0).fingerprint()),
                Optional.of(TestKeys.key(0).fingerprint()), Optional.of(TestKeys.key(1).fingerprint()));

        assertThat(new InstallationKeys(renewedMeanwhile, CLAIM, () -> TestKeys.key(2)).renewClaimed(() -> true))
                .isEqualTo(InstallationKeys.Renewal.RENEWED);

        assertThat(log.at(Level.WARN)).singleElement().asString().contains("did not keep the new signing key")
                .contains("another cluster node stored one at the same moment").doesNotContain("stays");
    }

    /**
     * Another node claims its key just after this node checked that it may replace the claimed one: the claim read
     * before that check makes this node's compare-and-set fail, so that node's key, which its new ID may use, stands.
     */
    @Test
    void aKeyAnotherNodeClaimsJustAfterTheCheckIsNotReplaced() {
        node(TestKeys.key(0)).current().orElseThrow();

        node(TestKeys.key(1)).renewClaimed(() -> {
            node(TestKeys.key(2)).renewClaimed(() -> true);
            return true;
        });

        assertThat(node(TestKeys.key(3)).current().map(InstallationKey::fingerprint))
                .contains(TestKeys.key(2).fingerprint());
    }

    /** Without a key claimed (no own endpoint ever set) a Forget makes none: generating one only costs the wait. */
    @Test
    void renewingWithoutAClaimedKeyMakesNone() {
        InstallationKeys keys = new InstallationKeys(claim, CLAIM, () -> {
            throw new AssertionError("no key is to be made");
        });

        assertThat(keys.renewClaimed(() -> true)).isEqualTo(InstallationKeys.Renewal.RENEWED);
        assertThat(keys.renewClaimed(() -> false)).isEqualTo(InstallationKeys.Renewal.LEFT);
        assertThat(claim.secrets()).isEmpty();
    }

    @Test
    void renewingReplacesTheKeyAndRemovesTheOldSecret() {
        node(TestKeys.key(0)).current().orElseThrow();

        assertThat(node(TestKeys.key(1)).renewClaimed(() -> true)).isEqualTo(InstallationKeys.Renewal.RENEWED);

        assertThat(node(TestKeys.key(2)).current().map(InstallationKey::fingerprint))
                .contains(TestKeys.key(1).fingerprint());
        assertThat(claim.secrets()).containsOnly(secretOf(TestKeys.key(1)));
    }

    @Test
    void aKeyRenewedByAnotherNodeWhileThisOneReadsIsUsedWithoutAWarning() {
        InstallationKey renewed = TestKeys.key(1);
        SharedStore renewedAfterTheFirstRead = mock(SharedStore.class);
        when(renewedAfterTheFirstRead.get(CLAIM)).thenReturn(Optional.of(TestKeys.key(0).fingerprint()),
                Optional.of(renewed.fingerprint()));
        when(renewedAfterTheFirstRead.get(secretOf(renewed))).thenReturn(Optional.of(renewed.stored()));

        Optional<InstallationKey> used = new InstallationKeys(renewedAfterTheFirstRead, CLAIM, () -> TestKeys.key(2))
                .current();

        assertThat(used.map(InstallationKey::fingerprint)).contains(renewed.fingerprint());
        // reads only: no write of any kind
        verify(renewedAfterTheFirstRead, atLeastOnce()).get(CLAIM);
        verify(renewedAfterTheFirstRead, atLeastOnce()).get(secretOf(TestKeys.key(0)));
        verify(renewedAfterTheFirstRead, atLeastOnce()).entries(secretOf(TestKeys.key(0)));
        verify(renewedAfterTheFirstRead).get(secretOf(renewed));
        verifyNoMoreInteractions(renewedAfterTheFirstRead);
        assertThat(log.at(Level.WARN)).isEmpty();
    }

    private InstallationKeys node(InstallationKey itsNewKey) {
        Supplier<InstallationKey> once = () -> itsNewKey;
        return new InstallationKeys(claim, CLAIM, once);
    }

    private static String secretOf(InstallationKey key) {
        return CLAIM + "." + key.fingerprint();
    }
}
