package org.systemmetrics.core.delivery.ga4;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.systemmetrics.core.config.LogText;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.config.TrackingId;

/** Who receives a report under a configuration: the project's property (if this build has one) and the administrator's. */
final class Ga4Destinations {
    /** The config binder already rejects anything else (Universal Analytics IDs above all); this is a second lock. */
    private static final Pattern GA4_ID = Pattern.compile("G-[A-Z0-9]+");

    private final Optional<TrackingId> projectProperty;
    private final Predicate<URI> projectEndpoint;

    Ga4Destinations(Optional<TrackingId> projectProperty) {
        // Google's own Measurement Protocol hosts: the only places the project's property (and its API secret, built
        // into the jar) is ever sent; an administrator's endpoint override gets only the administrator's own IDs.
        this(projectProperty, ServiceConfig::isGoogleMeasurementProtocol);
    }

    /** @param projectEndpoint where the project's property may be sent; visible for testing with a local stand-in */
    Ga4Destinations(Optional<TrackingId> projectProperty, Predicate<URI> projectEndpoint) {
        this.projectProperty = projectProperty;
        this.projectEndpoint = projectEndpoint;
    }

    /**
     * Project property first, and only when the endpoint is Google's own; each measurement ID once, so a property
     * named twice gets each report once.
     */
    List<Ga4Destination> of(ServiceConfig config) {
        List<Ga4Destination> destinations = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        projectProperty.filter(p -> projectEndpoint.test(config.googleAnalyticsUrl()))
                .filter(p -> seen.add(p.measurementId()))
                .ifPresent(p -> destinations.add(new Ga4Destination(p, true)));
        for (TrackingId id : config.trackingIds()) {
            if (GA4_ID.matcher(id.measurementId()).matches() && !id.apiSecret().isEmpty() && seen.add(id.measurementId())) {
                destinations.add(new Ga4Destination(id, false));
            }
        }
        return destinations;
    }

    /** For the consent notice ("Reports go to ...") and the admin page; names no secret. */
    String describe(ServiceConfig config) {
        List<Ga4Destination> destinations = of(config);
        List<String> own = destinations.stream().filter(d -> !d.isProjectProperty()).map(Ga4Destination::measurementId)
                .collect(Collectors.toList());
        Optional<String> project = destinations.stream().filter(Ga4Destination::isProjectProperty)
                .map(Ga4Destination::measurementId).findFirst();
        // This line goes to the log and the page: scheme and host only, never the path of the administrator's URL.
        String endpoint = LogText.address(config.googleAnalyticsUrl());
        String via = config.googleAnalyticsUrl().equals(ServiceConfig.DEFAULT_GOOGLE_ANALYTICS_URL) ? ""
                : ", through " + endpoint;
        boolean projectWithheld = projectProperty.isPresent() && project.isEmpty();
        String withheld = "the project's property receives reports only at Google's own endpoint, not at "
                + endpoint;
        if (project.isEmpty() && own.isEmpty()) {
            return projectWithheld
                    ? "nowhere: " + withheld + ", and no tracking_id is configured, so reports are only written to the file"
                    : "nowhere: this build has no project GA4 property and no tracking_id is configured, so reports are "
                            + "only written to the file";
        }
        String ownText = own.isEmpty() ? "" : "your own GA4 propert" + (own.size() == 1 ? "y " : "ies ") + String.join(", ", own);
        if (project.isEmpty()) {
            return ownText + " only (" + (projectWithheld ? withheld : "this build has no project property") + ")" + via;
        }
        String projectText = "the systemmetrics project's GA4 property " + project.get();
        return (own.isEmpty() ? projectText + " only" : projectText + " and " + ownText) + via;
    }
}
