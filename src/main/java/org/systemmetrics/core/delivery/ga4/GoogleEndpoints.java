package org.systemmetrics.core.delivery.ga4;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Google's own Measurement Protocol hosts: the only places the project's property (and its API secret, built
 * into the jar) is ever sent. An administrator's endpoint override gets only the administrator's own IDs.
 */
final class GoogleEndpoints {
    private static final Set<String> HOSTS = Set.of("www.google-analytics.com", "region1.google-analytics.com");

    private GoogleEndpoints() {
    }

    static boolean isMeasurementProtocol(URI endpoint) {
        String host = endpoint.getHost() == null ? "" : endpoint.getHost().toLowerCase(Locale.ROOT);
        return "https".equalsIgnoreCase(endpoint.getScheme()) && HOSTS.contains(host)
                && (endpoint.getPort() == -1 || endpoint.getPort() == 443);
    }
}
