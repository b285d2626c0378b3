package org.systemmetrics.openfire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import org.jivesoftware.util.Blowfish;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.systemmetrics.core.cluster.SharedStore;
import org.systemmetrics.core.identity.InstallationKey;
import org.systemmetrics.openfire.seam.OpenfireServer;

class EncryptedPropertiesTest {
    private static final String BASE = "systemmetrics.installation_key";
    private final OpenfireServer server = mock(OpenfireServer.class);
    private final SharedStore store = mock(SharedStore.class);
    private final EncryptedProperties secrets = new EncryptedProperties(server, BASE);

    @BeforeEach
    void databaseRowsAreReadThroughTheStore() {
        when(server.sharedStore()).thenReturn(store);
    }

    @Test
    void aSecretIsWrittenThroughOpenfireEncryptedAndCountsAsKeptOnlyOnceTheDatabaseHasIt() {
        when(store.entries(BASE + ".abc")).thenReturn(Map.of(BASE + ".abc", Optional.of("rsa1:p:q")));

        assertThat(secrets.put("abc", "rsa1:p:q")).isTrue();

        verify(server).setProperty(BASE + ".abc", "rsa1:p:q", true);
        // The store is only asked whether the row is there: any write through it would be plain text.
        verify(store).entries(BASE + ".abc");
        verifyNoMoreInteractions(store);
    }

    /** Openfire logs a failed insert and keeps the value in its cache: only the database says it was kept. */
    @Test
    void aWriteTheDatabaseRefusedIsNotKept() {
        when(store.entries(BASE + ".abc")).thenReturn(Map.of(BASE + ".abcd", Optional.of("x")));

        assertThat(secrets.put("abc", "rsa1:p:q")).isFalse();
    }

    @Test
    void aRowThisNodeCannotDecryptIsHeldButNotReadable() {
        when(store.entries(BASE + ".abc")).thenReturn(Map.of(BASE + ".abc", Optional.empty()));
        when(store.get(BASE + ".abc")).thenReturn(Optional.empty());

        assertThat(secrets.holds("abc")).isTrue();
        assertThat(secrets.get("abc")).isEmpty();
    }

    /**
     * Openfire encrypts with Blowfish (two bytes per character, written as hex: the longer of its two algorithms; AES
     * writes base64) into PostgreSQL's ofProperty.propValue of 4,000 characters, which a PKCS #8 key would exceed.
     */
    @Test
    void theInstallationKeyFitsAnOpenfireEncryptedPropertyOnEveryDatabase() {
        String stored = InstallationKey.generate(new SecureRandom()).stored();

        assertThat(new Blowfish("a-property-key").encryptString(stored).length()).isLessThanOrEqualTo(4000);
    }

    @Test
    void removingGoesThroughOpenfireSoThatEveryNodesCacheForgetsIt() {
        secrets.remove("abc");

        verify(server).deleteProperty(BASE + ".abc");
        verify(store, never()).delete(anyString());
    }
}
