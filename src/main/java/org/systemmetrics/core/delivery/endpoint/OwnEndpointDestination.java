package org.systemmetrics.core.delivery.endpoint;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.systemmetrics.core.config.LogText;
import org.systemmetrics.core.config.OwnEndpoint;
import org.systemmetrics.core.delivery.Delivery;
import org.systemmetrics.core.delivery.Destination;
import org.systemmetrics.core.delivery.Post;
import org.systemmetrics.core.identity.Erasure;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.core.report.ReportJson;
import org.systemmetrics.core.text.Texts;

/**
 * The administrator's own endpoint ({@code report_endpoint}): each report is POSTed as exactly the report file's text,
 * with the bearer token when set and the installation key's signature (docs/collector.md). Named by scheme and host
 * only: the path may be a capability URL's secret.
 */
public final class OwnEndpointDestination implements Destination {
    private static final Texts TEXTS = Texts.of(OwnEndpointDestination.class);

    /** The signature headers of a report body; none when there is no key to sign with. */
    public interface Signer {
        Signer NONE = body -> Map.of();

        Map<String, String> headers(byte[] body);
    }

    private final OwnEndpoint endpoint;
    private final Signer signer;

    public OwnEndpointDestination(OwnEndpoint endpoint, Signer signer) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    @Override
    public String id() {
        return LogText.address(endpoint.url());
    }

    @Override
    public String name() {
        return TEXTS.get("endpoint.name", id());
    }

    @Override
    public List<String> secrets() {
        return endpoint.token().map(List::of).orElse(List.of());
    }

    /**
     * Signed here, once per report: the sender's retries reuse the same request, which a collector answers
     * {@code duplicate}, whereas a new signature of the same report would be refused as {@code replayed}.
     */
    @Override
    public List<Post> posts(Report report) {
        String json = ReportJson.toPrettyJson(report);
        Map<String, String> headers = tokenHeader(endpoint);
        headers.putAll(signer.headers(json.getBytes(StandardCharsets.UTF_8)));
        return List.of(new Post(endpoint.url(), json, headers));
    }

    /** <i>Forget this server</i>'s request, {@code DELETE {report_endpoint}/{client_id}} with the bearer token. */
    public static Erasure.Endpoint erasure(OwnEndpoint endpoint, Delivery delivery) {
        return (clientId, signature) -> {
            Map<String, String> headers = tokenHeader(endpoint);
            headers.putAll(signature);
            String url = endpoint.url().toString();
            return delivery.delete(URI.create((url.endsWith("/") ? url : url + "/") + clientId), headers,
                    endpoint.token().map(List::of).orElse(List.of()));
        };
    }

    private static Map<String, String> tokenHeader(OwnEndpoint endpoint) {
        Map<String, String> headers = new HashMap<>();
        endpoint.token().ifPresent(token -> headers.put("Authorization", "Bearer " + token));
        return headers;
    }
}
