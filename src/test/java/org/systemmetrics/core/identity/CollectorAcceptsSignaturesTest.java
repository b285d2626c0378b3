package org.systemmetrics.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the plugin signs is accepted by the collector's rule as docs/collector.md ("Wire protocol", "Signatures")
 * states it. The verifying side is written here from that text alone, not taken from the collector's code, so that
 * the document, and not one implementation, is the contract both sides are held to.
 */
class CollectorAcceptsSignaturesTest {
    private static final Instant AT = Instant.parse("2026-12-07T01:00:00.123Z");
    private static final String CLIENT_ID = "2f1f3f8e-6b1a-4c2d-9e3f-0a1b2c3d4e5f";
    private static final byte[] BODY = ("{\"generated_at\":\"2026-12-07T01:00:00Z\",\"client_id\":\"" + CLIENT_ID
            + "\",\"events\":[{\"name\":\"openfire_version\",\"params\":{\"version\":\"5.1.1\"}}]}")
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void aSignedReportVerifiesWithTheKeyItCarries() throws Exception {
        Map<String, String> headers = TestKeys.key(0).reportHeaders(BODY, AT);

        PublicKey key = documentedKey(headers.get("Systemmetrics-Key"));
        assertThat(headers.get("Systemmetrics-Timestamp")).matches("0|[1-9][0-9]*")
                .isEqualTo(Long.toString(AT.toEpochMilli()));
        assertThat(verifies(key, "systemmetrics-report-v1", headers, BODY)).isTrue();
    }

    @Test
    void aReportChangedAfterSigningDoesNotVerify() throws Exception {
        Map<String, String> headers = TestKeys.key(0).reportHeaders(BODY, AT);
        PublicKey key = documentedKey(headers.get("Systemmetrics-Key"));
        byte[] changed = new String(BODY, StandardCharsets.UTF_8).replace("5.1.1", "5.1.2")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(verifies(key, "systemmetrics-report-v1", headers, changed)).isFalse();
        Map<String, String> later = Map.of("Systemmetrics-Timestamp", Long.toString(AT.toEpochMilli() + 1),
                "Systemmetrics-Signature", headers.get("Systemmetrics-Signature"));
        assertThat(verifies(key, "systemmetrics-report-v1", later, BODY)).as("another time").isFalse();
        PublicKey otherKey = documentedKey(TestKeys.key(1).publicKeyBase64());
        assertThat(verifies(otherKey, "systemmetrics-report-v1", headers, BODY)).as("another key").isFalse();
    }

    @Test
    void anEraseRequestVerifiesWithThePinnedKeyAndNeverPassesForAReport() throws Exception {
        InstallationKey installation = TestKeys.key(0);
        PublicKey pinned = documentedKey(installation.reportHeaders(BODY, AT).get("Systemmetrics-Key"));

        Map<String, String> erase = installation.eraseHeaders(CLIENT_ID, AT);
        byte[] clientId = CLIENT_ID.getBytes(StandardCharsets.UTF_8);

        assertThat(erase).doesNotContainKey("Systemmetrics-Key");
        assertThat(verifies(pinned, "systemmetrics-erase-v1", erase, clientId)).isTrue();
        assertThat(verifies(pinned, "systemmetrics-report-v1", erase, clientId)).as("as a report").isFalse();
        assertThat(verifies(pinned, "systemmetrics-erase-v1", installation.reportHeaders(clientId, AT), clientId))
                .as("a report's signature as an erase").isFalse();
    }

    /** "base64 (standard alphabet, with padding) of the public key's X.509 SubjectPublicKeyInfo"; RSA 2048–4096. */
    private static PublicKey documentedKey(String header) throws GeneralSecurityException {
        assertThat(header).matches("[A-Za-z0-9+/]+={0,2}");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                Base64.getDecoder().decode(header)));
        assertThat(((RSAPublicKey) key).getModulus().bitLength()).isBetween(2048, 4096);
        return key;
    }

    /** SHA256withRSA over "purpose" LF timestamp-as-in-the-header LF content. */
    private static boolean verifies(PublicKey key, String purpose, Map<String, String> headers, byte[] content)
            throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update((purpose + "\n" + headers.get("Systemmetrics-Timestamp") + "\n")
                .getBytes(StandardCharsets.UTF_8));
        verifier.update(content);
        return verifier.verify(Base64.getDecoder().decode(headers.get("Systemmetrics-Signature")));
    }
}
