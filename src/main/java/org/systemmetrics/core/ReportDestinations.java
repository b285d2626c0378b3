package org.systemmetrics.core;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.systemmetrics.core.config.LogText;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.config.Setting;
import org.systemmetrics.core.config.TrackingId;
import org.systemmetrics.core.delivery.Destination;
import org.systemmetrics.core.delivery.Recipients;
import org.systemmetrics.core.delivery.endpoint.OwnEndpointDestination;
import org.systemmetrics.core.delivery.ga4.Ga4Encoding;
import org.systemmetrics.core.delivery.ga4.Ga4Property;
import org.systemmetrics.core.delivery.ga4.ProjectProperty;
import org.systemmetrics.core.text.Texts;

/**
 * The one mapping from a configuration to where its reports go, in delivery order (the project's GA4 property, the
 * administrator's GA4 properties, the administrator's own endpoint), with the words that name them for the consent
 * notice and the page. A new kind of destination is added here, and only here.
 */
public final class ReportDestinations implements Function<ServiceConfig, Recipients> {
    private static final Texts TEXTS = Texts.of(ReportDestinations.class);

    private final Optional<TrackingId> projectProperty;
    private final Predicate<URI> projectEndpoint;
    private final Ga4Encoding encoding;
    private final OwnEndpointDestination.Signer signer;

    /**
     * This build's project property (and its API secret, built into the jar) goes only to Google's own hosts; an
     * administrator's endpoint override gets only the administrator's own IDs.
     *
     * @param signer signs what goes to the administrator's own endpoint
     */
    public ReportDestinations(OwnEndpointDestination.Signer signer) {
        this(ProjectProperty.fromBuild(), ServiceConfig::isGoogleMeasurementProtocol, new Ga4Encoding(), signer);
    }

    /** @param projectEndpoint where the project's property may be sent; tests let it go to a local stand-in */
    public ReportDestinations(Optional<TrackingId> projectProperty, Predicate<URI> projectEndpoint, Ga4Encoding encoding,
            OwnEndpointDestination.Signer signer) {
        this.projectProperty = projectProperty;
        this.projectEndpoint = projectEndpoint;
        this.encoding = encoding;
        this.signer = signer;
    }

    /** This build has the project's own property (sent to only through Google's own hosts). */
    public boolean projectProperty() {
        return projectProperty.isPresent();
    }

    @Override
    public Recipients apply(ServiceConfig config) {
        URI ga4 = config.get(Setting.GOOGLE_ANALYTICS_URL);
        List<Destination> destinations = new ArrayList<>();
        projectProperty.filter(p -> projectEndpoint.test(ga4))
                .ifPresent(p -> destinations.add(new Ga4Property(p, true, ga4, encoding)));
        for (TrackingId id : config.get(Setting.TRACKING_ID)) {
            // The binder already refuses anything else (Universal Analytics IDs above all): a second lock.
            boolean sendable = TrackingId.isGa4MeasurementId(id.measurementId()) && !id.apiSecret().isEmpty();
            // A GA4 property is its measurement ID: one named twice (the project's too) gets each report once.
            if (sendable && destinations.stream().noneMatch(d -> d.id().equals(id.measurementId()))) {
                destinations.add(new Ga4Property(id, false, ga4, encoding));
            }
        }
        Optional<OwnEndpointDestination> own = config.get(Setting.REPORT_ENDPOINT)
                .map(e -> new OwnEndpointDestination(e, signer));
        String words = own.map(o -> destinations.isEmpty() ? TEXTS.get("words.endpoint_only", o.id())
                : TEXTS.get("words.and_endpoint", ga4Words(ga4, destinations), o.id()))
                .orElseGet(() -> ga4Words(ga4, destinations));
        own.ifPresent(destinations::add);
        return new Recipients(words, destinations);
    }

    private String ga4Words(URI ga4, List<Destination> destinations) {
        List<String> own = destinations.stream().filter(d -> !d.project()).map(Destination::id)
                .collect(Collectors.toList());
        Optional<String> project = destinations.stream().filter(Destination::project).map(Destination::id).findFirst();
        // This line goes to the log and the page: scheme and host only, never the path of the administrator's URL.
        String endpoint = LogText.address(ga4);
        String via = ga4.equals(ServiceConfig.DEFAULT_GOOGLE_ANALYTICS_URL) ? "" : TEXTS.get("words.through", endpoint);
        // Said only when this build has a project property and it is not among the destinations.
        boolean withheld = projectProperty.isPresent();
        if (project.isEmpty() && own.isEmpty()) {
            return withheld ? TEXTS.get("words.nowhere_withheld", endpoint) : TEXTS.get("words.nowhere");
        }
        String ownText = own.size() == 1 ? TEXTS.get("words.own_property", own.get(0))
                : TEXTS.get("words.own_properties", String.join(", ", own));
        if (project.isEmpty()) {
            return withheld ? TEXTS.get("words.own_only_withheld", ownText, endpoint, via)
                    : TEXTS.get("words.own_only", ownText, via);
        }
        return own.isEmpty() ? TEXTS.get("words.project_only", project.get(), via)
                : TEXTS.get("words.project_and_own", project.get(), ownText, via);
    }
}
