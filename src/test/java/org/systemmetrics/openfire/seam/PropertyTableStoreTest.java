package org.systemmetrics.openfire.seam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.jivesoftware.database.DbConnectionManager;
import org.jivesoftware.util.Blowfish;
import org.jivesoftware.util.JiveGlobals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;
import org.mockito.Mockito;
import org.systemmetrics.core.identity.InstallationKey;
import org.systemmetrics.testing.MockedOpenfire;

/**
 * The SQL the plugin runs on Openfire's {@code ofProperty} table, against a real SQL engine with Openfire's
 * schema: values other nodes inserted are seen although this node's property cache never heard of them, and a
 * second insert of the same name loses quietly instead of failing; secrets go through Openfire's encryption only.
 */
class PropertyTableStoreTest {
    private static final String NAME = "systemmetrics.cluster_id";
    private static final String KEY = "systemmetrics.installation_key.abc";

    private final LiveOpenfireServer live = new LiveOpenfireServer(new File("/opt/openfire/plugins/systemmetrics"));
    private MockedOpenfire openfire;
    private MockedStatic<JiveGlobals> globals;
    private String url;
    private Connection keepAlive;

    @BeforeEach
    void database() throws SQLException {
        openfire = new MockedOpenfire();
        url = "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL";
        keepAlive = DriverManager.getConnection(url);
        try (Statement create = keepAlive.createStatement()) {
            create.execute("CREATE TABLE ofProperty (name VARCHAR(100) NOT NULL, propValue VARCHAR(4000) NOT NULL, "
                    + "encrypted INTEGER, iv CHAR(24), CONSTRAINT ofProperty_pk PRIMARY KEY (name))");
        }
        openfire.databaseStatics.when(DbConnectionManager::getConnection).thenAnswer(call -> DriverManager.getConnection(url));
        globals = Mockito.mockStatic(JiveGlobals.class);
    }

    @AfterEach
    void close() throws SQLException {
        globals.close();
        openfire.close();
        keepAlive.close();
    }

    private void insertedByAnotherNode(String value) throws SQLException {
        try (Statement insert = keepAlive.createStatement()) {
            insert.execute("INSERT INTO ofProperty (name, propValue, encrypted) VALUES ('" + NAME + "', '" + value + "', 0)");
        }
    }

    @Test
    void aValueAnotherNodeStoredIsReadFromTheTableNotFromThisNodesCache() throws SQLException {
        globals.when(() -> JiveGlobals.getProperty(NAME)).thenReturn(null);
        insertedByAnotherNode("6f1c1f3e-2b7d-4c55-8d0e-0d1f5a3b9c21");

        assertThat(live.sharedStore().get(NAME)).contains("6f1c1f3e-2b7d-4c55-8d0e-0d1f5a3b9c21");
        assertThat(live.sharedStore().get("systemmetrics.other")).isEmpty();
    }

    @Test
    void onlyTheFirstInsertWinsAndTheLoserIsToldSoWithoutAnError() throws SQLException {
        insertedByAnotherNode("first");

        assertThat(live.sharedStore().compareAndSet(NAME, Optional.empty(), "second")).isFalse();
        assertThat(live.sharedStore().get(NAME)).contains("first");
    }

    @Test
    void anUpdateHappensOnlyWhileTheStoredValueIsTheExpectedOne() {
        assertThat(live.sharedStore().compareAndSet(NAME, Optional.empty(), "1000")).isTrue();

        assertThat(live.sharedStore().compareAndSet(NAME, Optional.of("999"), "2000")).isFalse();
        assertThat(live.sharedStore().compareAndSet(NAME, Optional.of("1000"), "2000")).isTrue();
        assertThat(live.sharedStore().get(NAME)).contains("2000");
    }

    @Test
    void anEncryptedValueIsLeftToOpenfireToDecrypt() throws SQLException {
        try (Statement insert = keepAlive.createStatement()) {
            insert.execute("INSERT INTO ofProperty (name, propValue, encrypted) VALUES ('" + NAME + "', 'x8f3ciphertext', 1)");
        }
        globals.when(() -> JiveGlobals.getProperty(NAME)).thenReturn("decrypted");

        assertThat(live.sharedStore().get(NAME)).contains("decrypted");
    }

    @Test
    void aDatabaseThatCannotBeReachedIsReportedNamingTheProperty() {
        openfire.databaseStatics.when(DbConnectionManager::getConnection).thenThrow(new SQLException("connection refused"));

        assertThatThrownBy(() -> live.sharedStore().get(NAME)).isInstanceOf(OpenfireUnavailableException.class)
                .hasMessageContaining(NAME).hasMessageContaining("connection refused");
        assertThatThrownBy(() -> live.sharedStore().compareAndSet(NAME, Optional.empty(), "v"))
                .isInstanceOf(OpenfireUnavailableException.class).hasMessageContaining(NAME);
    }

    @Test
    void onSqlServerAndSybaseTheDatabasesClockIsReadOnceSoAMinutesEndCannotFallBetweenTwoReadings() {
        for (String product : new String[] {"Microsoft SQL Server", "Adaptive Server Enterprise"}) {
            String sql = PropertyTableStore.epochMillisQuery(product);
            assertThat(sql.split("GETUTCDATE\\(\\)", -1)).as(sql).hasSize(2);
            assertThat(sql).contains("DATEDIFF(MINUTE, '19700101', t)").contains("DATEPART(SECOND, t)")
                    .contains("DATEPART(MILLISECOND, t)");
        }
    }

    private void openfireEncrypts(String name) throws SQLException {
        try (Statement insert = keepAlive.createStatement()) {
            insert.execute("INSERT INTO ofProperty (name, propValue, encrypted) VALUES ('" + name + "', 'x8f3ciphertext', 1)");
        }
    }

    /*
     * The store's secrets (the installation key's private part) are Openfire's encrypted system properties, as the
     * console's API secret is kept: written and removed only through Openfire, which encrypts with the key in
     * conf/security.xml, re-encrypts when an administrator changes the encryption and tells every node's cache; only
     * whether the row is there is read from the table itself.
     */
    @Test
    void aSecretIsWrittenThroughOpenfireEncryptedAndCountsAsKeptOnlyOnceTheDatabaseHasIt() throws SQLException {
        globals.when(() -> JiveGlobals.setProperty(KEY, "rsa1:p:q", true)).thenAnswer(call -> {
            openfireEncrypts(KEY);
            return null;
        });

        assertThat(live.sharedStore().putSecret(KEY, "rsa1:p:q")).isTrue();

        globals.verify(() -> JiveGlobals.setProperty(KEY, "rsa1:p:q", true));
        try (Statement s = keepAlive.createStatement(); ResultSet rows = s.executeQuery("SELECT propValue FROM ofProperty")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).as("nothing is written in plain beside Openfire's row").isEqualTo("x8f3ciphertext");
            assertThat(rows.next()).isFalse();
        }
    }

    /** Openfire logs a failed insert and keeps the value in its cache: only the database says it was kept. */
    @Test
    void aWriteTheDatabaseRefusedIsNotKept() throws SQLException {
        openfireEncrypts(KEY + "d");

        assertThat(live.sharedStore().putSecret(KEY, "rsa1:p:q")).isFalse();
    }

    @Test
    void aRowThisNodeCannotDecryptIsHeldButNotReadable() throws SQLException {
        openfireEncrypts(KEY);
        globals.when(() -> JiveGlobals.getProperty(KEY)).thenThrow(new IllegalStateException("bad padding"));

        assertThat(live.sharedStore().entries(KEY)).containsKey(KEY);
        assertThat(live.sharedStore().get(KEY)).isEmpty();
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
        openfireEncrypts(KEY);

        live.sharedStore().removeSecret(KEY);

        globals.verify(() -> JiveGlobals.deleteProperty(KEY));
        assertThat(live.sharedStore().entries(KEY)).as("Openfire deletes the row, not our SQL behind its cache").containsKey(KEY);
    }
}
