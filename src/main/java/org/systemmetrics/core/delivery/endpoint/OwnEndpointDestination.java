package org.systemmetrics.core.delivery.endpoint;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.systemmetrics.core.config.LogText;
import org.systemmetrics.core.config.OwnEndpoint;
import org.systemmetrics.core.delivery.Destination;
import org.systemmetrics.core.delivery.Post;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.core.report.ReportJson;

/**
 * The administrator's own endpoint ({@code report_endpoint}): each report is POSTed there as exactly the report
 * file's text, so a collector can store it as the file would be, with {@code Authorization: Bearer <token>} when a
 * token is set. Named by scheme and host only: the path may be a capability URL's secret, and the full URL is shown
 * only in the settings form to whoever set it.
 */
public final class OwnEndpointDestination implements Destination {
    private final OwnEndpoint endpoint;

    public OwnEndpointDestination(OwnEndpoint endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    @Override
    public String id() {
        return LogText.address(endpoint.url());
    }

    @Override
    public String name() {
        return "your endpoint " + id();
    }

    @Override
    public List<String> secrets() {
        return endpoint.token().map(List::of).orElse(List.of());
    }

    @Override
    public List<Post> posts(Report report) {
        return List.of(new Post(endpoint.url(), ReportJson.toPrettyJson(report), headers(report)));
    }

    /** The one place this destination's request headers are made (a report's signature will be added here). */
    private Map<String, String> headers(Report report) {
        Map<String, String> headers = new HashMap<>();
        endpoint.token().ifPresent(token -> headers.put("Authorization", "Bearer " + token));
        return headers;
    }

    @Override
    public String toString() {
        return name();
    }
}
