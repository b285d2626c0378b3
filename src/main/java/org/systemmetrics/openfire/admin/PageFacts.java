package org.systemmetrics.openfire.admin;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.systemmetrics.core.ServiceStatus;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.core.delivery.DeliveryOutcome;

/** What the page shows of the running plugin, read from each owner once per request: an immutable value. */
public final class PageFacts {
    public final ServiceStatus status;
    /** Empty while the cluster ID does not exist yet (the senior member creates it). */
    public final Optional<String> clusterId;
    public final NodeRole role;
    /** The senior member's host name, shown to the administrator only; empty when not clustered. */
    public final Optional<String> seniorHost;
    /** Where reports go under the current settings, masked (a measurement ID at most, never a secret). */
    public final List<String> destinations;
    public final Path reportFile;
    /** The report file's content exactly as written; empty when there is no file yet or it cannot be read. */
    public final Optional<String> reportJson;
    /** The last deliveries (at most 20, newest first) per masked destination. */
    public final Map<String, List<DeliveryOutcome>> history;
    /** The report fields no administrator has confirmed yet, each with its version, in the dictionary's order. */
    public final Map<String, String> unseenFields;
    /** This build has the project's own GA4 property, whether or not the settings in force send to it. */
    public final boolean projectProperty;

    public PageFacts(ServiceStatus status, Optional<String> clusterId, NodeRole role, Optional<String> seniorHost,
            List<String> destinations, Path reportFile, Optional<String> reportJson,
            Map<String, List<DeliveryOutcome>> history, Map<String, String> unseenFields, boolean projectProperty) {
        this.status = status;
        this.clusterId = clusterId;
        this.role = role;
        this.seniorHost = seniorHost;
        this.destinations = List.copyOf(destinations);
        this.reportFile = reportFile;
        this.reportJson = reportJson;
        this.history = Map.copyOf(history);
        this.unseenFields = Collections.unmodifiableMap(new LinkedHashMap<>(unseenFields));
        this.projectProperty = projectProperty;
    }

    /** Reporting runs, but no destination is set (a build without the project's property, say): only the file. */
    boolean sendsNowhere() {
        return status.runs() && destinations.isEmpty();
    }
}
