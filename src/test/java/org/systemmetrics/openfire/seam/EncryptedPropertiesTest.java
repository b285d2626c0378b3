package org.systemmetrics.openfire.seam;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.jivesoftware.database.DbConnectionManager;
import org.jivesoftware.util.Blowfish;
import org.jivesoftware.util.JiveGlobals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;
import org.mockito.Mockito;
import org.systemmetrics.core.cluster.SharedStore;
import org.systemmetrics.core.identity.InstallationKey;
import org.systemmetrics.testing.MockedOpenfire;

/**
 * The shared store's secrets (the installation key's private part) are Openfire's encrypted system properties, as the
 * console's API secret is kept: written and removed only through Openfire, which encrypts with the key in
 * {@code conf/security.xml}, re-encrypts when an administrator changes the encryption and tells every node's cache;
 * only whether the row is there is read from the table itself.
 */
class EncryptedPropertiesTest {
    private static final String NAME = "systemmetrics.installation_key.abc";

    private final SharedStore store = new LiveOpenfireServer(new File("/opt/openfire/plugins/systemmetrics")).sharedStore();
    private MockedOpenfire openfire;
    private MockedStatic<JiveGlobals> globals;
    private Connection table;

    @BeforeEach
    void database() throws SQLException {
        openfire = new MockedOpenfire();
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL";
        table = DriverManager.getConnection(url);
        sql("CREATE TABLE ofProperty (name VARCHAR(100) NOT NULL, propValue VARCHAR(4000) NOT NULL, "
                + "encrypted INTEGER, iv CHAR(24), CONSTRAINT ofProperty_pk PRIMARY KEY (name))");
        openfire.databaseStatics.when(DbConnectionManager::getConnection).thenAnswer(call -> DriverManager.getConnection(url));
        globals = Mockito.mockStatic(JiveGlobals.class);
    }

    @AfterEach
    void close() throws SQLException {
        globals.close();
        openfire.close();
        table.close();
    }

    private void sql(String statement) throws SQLException {
        try (Statement s = table.createStatement()) {
            s.execute(statement);
        }
    }

    private void openfireEncrypts(String name) throws SQLException {
        sql("INSERT INTO ofProperty (name, propValue, encrypted) VALUES ('" + name + "', 'x8f3ciphertext', 1)");
    }

    @Test
    void aSecretIsWrittenThroughOpenfireEncryptedAndCountsAsKeptOnlyOnceTheDatabaseHasIt() throws SQLException {
        globals.when(() -> JiveGlobals.setProperty(NAME, "rsa1:p:q", true)).thenAnswer(call -> {
            openfireEncrypts(NAME);
            return null;
        });

        assertThat(store.putSecret(NAME, "rsa1:p:q")).isTrue();

        globals.verify(() -> JiveGlobals.setProperty(NAME, "rsa1:p:q", true));
        try (Statement s = table.createStatement(); ResultSet rows = s.executeQuery("SELECT propValue FROM ofProperty")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).as("nothing is written in plain beside Openfire's row").isEqualTo("x8f3ciphertext");
            assertThat(rows.next()).isFalse();
        }
    }

    /** Openfire logs a failed insert and keeps the value in its cache: only the database says it was kept. */
    @Test
    void aWriteTheDatabaseRefusedIsNotKept() throws SQLException {
        openfireEncrypts(NAME + "d");

        assertThat(store.putSecret(NAME, "rsa1:p:q")).isFalse();
    }

    @Test
    void aRowThisNodeCannotDecryptIsHeldButNotReadable() throws SQLException {
        openfireEncrypts(NAME);
        globals.when(() -> JiveGlobals.getProperty(NAME)).thenThrow(new IllegalStateException("bad padding"));

        assertThat(store.entries(NAME)).containsKey(NAME);
        assertThat(store.get(NAME)).isEmpty();
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
    void removingGoesThroughOpenfireSoThatEveryNodesCacheForgetsIt() throws SQLException {
        openfireEncrypts(NAME);

        store.removeSecret(NAME);

        globals.verify(() -> JiveGlobals.deleteProperty(NAME));
        assertThat(store.entries(NAME)).as("Openfire deletes the row, not our SQL behind its cache").containsKey(NAME);
    }
}
