package org.systemmetrics.core.delivery.ga4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.systemmetrics.core.config.TrackingId;

class ProjectPropertyTest {
    private static Properties properties(String id, String secret) {
        Properties properties = new Properties();
        properties.setProperty("measurementId", id);
        properties.setProperty("apiSecret", secret);
        return properties;
    }

    @Test
    void aBuildWithoutTheSettingHasNoProjectProperty() {
        // The pom's two properties are empty unless set with -D, as in this test run.
        assertThat(ProjectProperty.fromBuild()).isEmpty();
    }

    @Test
    void theBuildFillsInThePomsValues() throws IOException {
        // Unfilled, the file keeps "${...}", which reads as no property: a build made with -D would send nothing.
        Properties built = new Properties();
        try (InputStream in = ProjectProperty.class.getResourceAsStream(ProjectProperty.RESOURCE)) {
            built.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        assertThat(built.getProperty("measurementId")).isNotNull().doesNotContain("${");
        assertThat(built.getProperty("apiSecret")).isNotNull().doesNotContain("${");
    }

    @Test
    void bothValuesAreNeeded() {
        assertThat(ProjectProperty.from(properties("G-ABCD1234", " s3cret "))).contains(new TrackingId("G-ABCD1234", "s3cret"));
        assertThat(ProjectProperty.from(properties("G-ABCD1234", ""))).isEmpty();
        assertThat(ProjectProperty.from(properties("", "s3cret"))).isEmpty();
    }

    @Test
    void anUnfilteredOrMalformedValueSendsNothing() {
        assertThat(ProjectProperty.from(properties("${systemmetrics.ga4.measurementId}", "x"))).isEmpty();
        assertThat(ProjectProperty.from(properties("UA-1234-1", "s3cret"))).isEmpty();
        assertThat(ProjectProperty.from(properties("G-ABCD1234", "two words"))).isEmpty();
    }
}
