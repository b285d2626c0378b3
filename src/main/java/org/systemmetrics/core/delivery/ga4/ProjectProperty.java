package org.systemmetrics.core.delivery.ga4;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.config.TrackingId;
import org.systemmetrics.core.text.Texts;

/**
 * The systemmetrics project's own GA4 property, fixed when the plugin is built (see docs/delivery.md): the
 * pom fills {@value #RESOURCE} in. A build without it sends nothing to the project.
 */
public final class ProjectProperty {
    static final String RESOURCE = "project-property.properties";
    private static final Logger LOG = LoggerFactory.getLogger(ProjectProperty.class);
    private static final Texts TEXTS = Texts.of(ProjectProperty.class);

    private ProjectProperty() {
    }

    /** The property this build was made with, or empty. */
    public static Optional<TrackingId> fromBuild() {
        try (InputStream in = ProjectProperty.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return from(properties);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn(TEXTS.get("project.unreadable", e.getClass().getSimpleName()));
            return Optional.empty();
        }
    }

    static Optional<TrackingId> from(Properties properties) {
        String id = properties.getProperty("measurementId", "").trim();
        String secret = properties.getProperty("apiSecret", "").trim();
        if (id.isEmpty() || secret.isEmpty() || id.contains("${") || secret.contains("${")) {
            return Optional.empty();
        }
        if (!TrackingId.isGa4MeasurementId(id) || secret.chars().anyMatch(Character::isWhitespace)) {
            // Neither value is quoted: a secret pasted into the wrong field must not reach the log.
            LOG.warn(TEXTS.get("project.invalid"));
            return Optional.empty();
        }
        return Optional.of(new TrackingId(id, secret));
    }
}
