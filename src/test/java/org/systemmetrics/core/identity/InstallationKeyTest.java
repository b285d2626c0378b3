package org.systemmetrics.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InstallationKeyTest {
    private static final Instant AT = Instant.parse("2026-12-07T01:00:00.123Z");

    @Test
    void theStoredFormReadsBackAsTheSameKey() {
        InstallationKey key = TestKeys.key(0);

        InstallationKey read = InstallationKey.fromStored(key.stored()).orElseThrow();

        assertThat(read.publicKeyBase64()).isEqualTo(key.publicKeyBase64());
        assertThat(read.fingerprint()).isEqualTo(key.fingerprint()).matches("[0-9a-f]{32}");
        byte[] body = "{\"client_id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(read.reportHeaders(body, AT)).isEqualTo(key.reportHeaders(body, AT));
    }

    @Test
    void aDamagedOrForeignStoredFormIsNoKey() {
        String stored = TestKeys.key(0).stored();
        String[] parts = stored.split(":");

        assertThat(InstallationKey.fromStored("")).isEmpty();
        assertThat(InstallationKey.fromStored("not a key")).isEmpty();
        assertThat(InstallationKey.fromStored(stored.replace("rsa1:", "rsa9:"))).isEmpty();
        assertThat(InstallationKey.fromStored(parts[0] + ":" + parts[1])).isEmpty();
        assertThat(InstallationKey.fromStored(parts[0] + ":" + parts[1] + ":" + parts[1])).as("p twice").isEmpty();
        assertThat(InstallationKey.fromStored(parts[0] + ":" + parts[1] + ":AAAA")).as("too short").isEmpty();
        assertThat(InstallationKey.fromStored(parts[0] + ":" + parts[1] + ":%%%%")).as("not base64").isEmpty();
    }

    @Test
    void aReportCarriesKeyTimeAndSignatureAndAnEraseOnlyTimeAndSignature() {
        InstallationKey key = TestKeys.key(0);

        assertThat(key.reportHeaders(new byte[0], AT)).containsOnlyKeys(InstallationKey.KEY_HEADER,
                InstallationKey.TIMESTAMP_HEADER, InstallationKey.SIGNATURE_HEADER)
                .containsEntry(InstallationKey.KEY_HEADER, key.publicKeyBase64())
                .containsEntry(InstallationKey.TIMESTAMP_HEADER, "1796605200123");
        assertThat(key.eraseHeaders("2f1f3f8e-0000-4000-8000-000000000001", AT)).containsOnlyKeys(
                InstallationKey.TIMESTAMP_HEADER, InstallationKey.SIGNATURE_HEADER)
                .containsEntry(InstallationKey.TIMESTAMP_HEADER, "1796605200123");
    }

    @Test
    void aTimeBefore1970CannotBeSigned() {
        assertThatThrownBy(() -> TestKeys.key(0).reportHeaders(new byte[0], Instant.parse("1969-12-31T23:59:59Z")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1970");
    }

    @Test
    void itsTextNamesTheKeyWithoutShowingThePrivatePart() {
        InstallationKey key = TestKeys.key(0);

        assertThat(key.toString()).contains("RSA 2048 bits", key.fingerprint());
        for (String part : key.stored().split(":")) {
            assertThat(key.toString()).doesNotContain(part.substring(0, Math.min(part.length(), 12)));
        }
    }
}
