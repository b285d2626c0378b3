package org.systemmetrics.core.delivery.ga4;

import java.net.URI;
import org.systemmetrics.core.config.ServiceConfig;

/**
 * Google's own Measurement Protocol hosts: the only places the project's property (and its API secret, built
 * into the jar) is ever sent. An administrator's endpoint override gets only the administrator's own IDs.
 * The host list is {@link ServiceConfig#isGoogleMeasurementProtocol}, which the secret binding also reads.
 */
final class GoogleEndpoints {
    private GoogleEndpoints() {
    }

    static boolean isMeasurementProtocol(URI endpoint) {
        return ServiceConfig.isGoogleMeasurementProtocol(endpoint);
    }
}
