package org.systemmetrics.core.delivery.ga4;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.systemmetrics.core.config.TrackingId;

/** One GA4 property a report goes to, and whether it is the project's own. Its text never shows the secret. */
final class Ga4Destination {
    private static final String COLLECT_PATH = "/mp/collect";
    private static final String DEBUG_PREFIX = "/debug";

    private final TrackingId property;
    private final boolean projectProperty;

    Ga4Destination(TrackingId property, boolean projectProperty) {
        this.property = Objects.requireNonNull(property, "property");
        this.projectProperty = projectProperty;
    }

    String measurementId() {
        return property.measurementId();
    }

    String apiSecret() {
        return property.apiSecret();
    }

    boolean isProjectProperty() {
        return projectProperty;
    }

    URI collectUri(URI endpoint) {
        return withCredentials(endpoint, endpoint.getRawPath());
    }

    /**
     * The validation server answers on the same host at {@code /debug/mp/collect}. An endpoint with some
     * other path (a local collector) gets {@code /debug} put in front of its path, the same rule.
     */
    URI debugUri(URI endpoint) {
        String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        int at = path.lastIndexOf(COLLECT_PATH);
        String debugPath = at >= 0 && at + COLLECT_PATH.length() == path.length()
                ? path.substring(0, at) + DEBUG_PREFIX + COLLECT_PATH
                : DEBUG_PREFIX + (path.startsWith("/") ? path : "/" + path);
        return withCredentials(endpoint, debugPath);
    }

    private URI withCredentials(URI endpoint, String rawPath) {
        String base = endpoint.getScheme() + "://" + endpoint.getRawAuthority() + (rawPath == null ? "" : rawPath);
        return URI.create(base + "?measurement_id=" + encode(property.measurementId()) + "&api_secret="
                + encode(property.apiSecret()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return property.measurementId() + (projectProperty ? " (project property)" : "");
    }
}
