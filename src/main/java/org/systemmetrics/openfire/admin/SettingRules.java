package org.systemmetrics.openfire.admin;

import org.systemmetrics.core.config.LoopbackHost;
import org.systemmetrics.core.config.TrackingId;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The checks the core applies when it reads a console value, repeated here so the page can refuse a bad
 * value next to its field instead of storing something the service would then ignore.
 */
final class SettingRules {

    private SettingRules() {
    }

    /** Empty when the measurement ID is usable. */
    static Optional<LocalizedText> checkMeasurementId(String id) {
        if (TrackingId.isUniversalAnalyticsId(id)) {
            return Optional.of(LocalizedText.of("settings.error.tracking_id_ua", id));
        }
        if (!TrackingId.isGa4MeasurementId(id)) {
            return Optional.of(LocalizedText.of("settings.error.tracking_id_format", id));
        }
        return Optional.empty();
    }

    static Optional<LocalizedText> checkApiSecret(String secret) {
        if (secret.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of(LocalizedText.of("settings.error.tracking_secret_space"));
        }
        return Optional.empty();
    }

    /** https anywhere; plain http only to this machine (a local collector); no user, query or fragment. */
    static Optional<LocalizedText> checkEndpoint(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.of(LocalizedText.of("settings.error.url_invalid", text));
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            return Optional.of(LocalizedText.of("settings.error.url_invalid", text));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ("https".equals(scheme) || ("http".equals(scheme) && LoopbackHost.isLoopback(uri.getHost()))) {
            return Optional.empty();
        }
        return Optional.of(LocalizedText.of("settings.error.url_scheme", text));
    }

}
