package org.systemmetrics.core.delivery.ga4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void noTestSeesTheBuildsProjectProperty() {
        // Tests read the test classpath's empty copy: in a build given -Dsystemmetrics.ga4.*, one that read the
        // built file would send its reports to the project's real property.
        assertThat(ProjectProperty.fromBuild()).isEmpty();
    }

    @Test
    void theBuiltFileHoldsExactlyWhatTheBuildWasGiven() throws IOException, URISyntaxException {
        // Unfilled, the file keeps "${...}", which reads as no property: a build made with -D would send nothing.
        // The main output's copy, beside ProjectProperty's class: the test classpath's empty one hides it otherwise.
        Path main = Path.of(ProjectProperty.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(ProjectProperty.class.getPackageName().replace('.', '/')).resolve(ProjectProperty.RESOURCE);
        Properties built = new Properties();
        try (Reader in = Files.newBufferedReader(main, StandardCharsets.UTF_8)) {
            built.load(in);
        }
        assertThat(built.getProperty("measurementId"))
                .isEqualTo(System.getProperty("systemmetrics.ga4.measurementId", ""));
        assertThat(built.getProperty("apiSecret")).isEqualTo(System.getProperty("systemmetrics.ga4.apiSecret", ""));
    }

    @Test
    void bothValuesAreNeeded() {
        assertThat(ProjectProperty.from(properties("G-ABCD1234", " s3cret ")))
                .contains(new TrackingId("G-ABCD1234", "s3cret"));
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
