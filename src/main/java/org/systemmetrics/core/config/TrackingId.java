package org.systemmetrics.core.config;

import java.util.Objects;
import java.util.regex.Pattern;
import org.systemmetrics.core.text.Texts;

/** A GA4 property to report to: its measurement ID (public) and Measurement Protocol API secret (never shown). */
public final class TrackingId {
    private static final Texts TEXTS = Texts.of(TrackingId.class);
    private static final Pattern GA4_ID = Pattern.compile("G-[A-Z0-9]{4,20}");
    private static final Pattern UA_ID = Pattern.compile("(?i)UA-[A-Z0-9]+(-[A-Z0-9]+)?");

    private final String measurementId;
    private final String apiSecret;

    public TrackingId(String measurementId, String apiSecret) {
        this.measurementId = Objects.requireNonNull(measurementId, "measurementId");
        this.apiSecret = Objects.requireNonNull(apiSecret, "apiSecret");
    }

    /** A GA4 measurement ID as Google issues them: {@code G-} then capital letters and digits. */
    public static boolean isGa4MeasurementId(String id) {
        return GA4_ID.matcher(id).matches();
    }

    /** A Universal Analytics ID ({@code UA-XXXX-Y}); Google stopped processing those in July 2023. */
    public static boolean isUniversalAnalyticsId(String id) {
        return UA_ID.matcher(id).matches();
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
        return TEXTS.get("tracking_id.shown", measurementId);
    }
}
