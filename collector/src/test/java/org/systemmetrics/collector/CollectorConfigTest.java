package org.systemmetrics.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreLoopbackAnEmbeddedDatabaseAndTheDocumentedPrivacyRules() {
        CollectorConfig config = CollectorConfig.load(null, Map.of());
        assertThat(config.bind()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8787);
        assertThat(config.jdbcUrl()).startsWith("jdbc:h2:file:").contains("collector-data");
        assertThat(config.k()).isEqualTo(5);
        assertThat(config.minReports()).isEqualTo(2);
        assertThat(config.retention().toDays()).isEqualTo(60);
        assertThat(config.fleetTokens()).isEmpty();
    }

    @Test
    void theEnvironmentOverridesTheFile() throws Exception {
        Path file = dir.resolve("collector.properties");
        Files.writeString(file, "port = 9000\nk = 10\njdbc.url = jdbc:postgresql://db/collector\n");
        CollectorConfig config = CollectorConfig.load(file, Map.of("COLLECTOR_PORT", "9100",
                "COLLECTOR_FLEET_TOKENS", "blue:0123456789abcdef0123"));
        assertThat(config.port()).isEqualTo(9100);
        assertThat(config.k()).isEqualTo(10);
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://db/collector");
        assertThat(config.fleetTokens()).containsEntry("0123456789abcdef0123", "blue");
        assertThat(config.describe().toString()).doesNotContain("0123456789abcdef0123");
    }

    @Test
    void aBadValueOrUnknownKeyIsRefusedNamingIt() throws Exception {
        assertThatThrownBy(() -> CollectorConfig.load(null, Map.of("COLLECTOR_K", "zero")))
                .hasMessageContaining("k (COLLECTOR_K) must be a whole number from 1 to 1000, not 'zero'");
        assertThatThrownBy(() -> CollectorConfig.load(null, Map.of("COLLECTOR_FLEET_TOKENS", "blue:short")))
                .hasMessageContaining("fleet_tokens (COLLECTOR_FLEET_TOKENS)").hasMessageNotContaining("short");
        // A comma ends the entry, so a token cannot hold one, visible ASCII though it is.
        assertThatThrownBy(() -> CollectorConfig.load(null, Map.of("COLLECTOR_FLEET_TOKENS", "blue:0123456,789abcdef")))
                .hasMessageContaining("visible ASCII characters but the comma");
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "retention = 30\n");
        assertThatThrownBy(() -> CollectorConfig.load(file, Map.of())).hasMessageContaining("unknown key 'retention'");
    }

    @Test
    void aPasswordInTheJdbcUrlIsHiddenInTheStartLogLine() {
        CollectorConfig config = CollectorConfig.load(null, Map.of("COLLECTOR_JDBC_URL",
                "jdbc:postgresql://db/collector?user=collector&password=s3cret-pass&ssl=true"));
        assertThat(config.jdbcUrl()).contains("s3cret-pass");
        assertThat(config.describe().get("jdbc.url")).doesNotContain("s3cret-pass")
                .contains("jdbc:postgresql://db/collector?user=collector&password=(hidden)&ssl=true");
        // The driver's other password, that of the client's SSL key, is a password inside jdbc.url too.
        assertThat(CollectorConfig.load(null, Map.of("COLLECTOR_JDBC_URL", "jdbc:postgresql://db/collector?"
                + "sslkey=/etc/collector/key.pk8&sslpassword=k3y-pass")).describe().get("jdbc.url"))
                .doesNotContain("k3y-pass");
    }
}
