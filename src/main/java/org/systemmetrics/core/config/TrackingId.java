package org.systemmetrics.core.config;

import java.util.Objects;

/** A GA4 property to report to: its measurement ID (public) and Measurement Protocol API secret (never shown). */
public final class TrackingId {
    private final String measurementId;
    private final String apiSecret;

    public TrackingId(String measurementId, String apiSecret) {
        this.measurementId = Objects.requireNonNull(measurementId, "measurementId");
        this.apiSecret = Objects.requireNonNull(apiSecret, "apiSecret");
    }

    public String measurementId() {
        return measurementId;
    }

    public String apiSecret() {
        return apiSecret;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrackingId && ((TrackingId) o).measurementId.equals(measurementId)
                && ((TrackingId) o).apiSecret.equals(apiSecret);
    }

    @Override
    public int hashCode() {
        return Objects.hash(measurementId, apiSecret);
    }

    /** Shows the measurement ID only: this string ends up in logs and admin pages. */
    @Override
    public String toString() {
        return measurementId + " (API secret hidden)";
    }
}
