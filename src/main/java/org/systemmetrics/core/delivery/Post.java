package org.systemmetrics.core.delivery;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.systemmetrics.core.config.LogText;

/** One HTTP POST of a JSON body, with the headers its destination adds (a bearer token, a signature). Immutable. */
public final class Post {
    private final URI uri;
    private final byte[] body;
    private final Map<String, String> headers;

    public Post(URI uri, String json, Map<String, String> headers) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.body = json.getBytes(StandardCharsets.UTF_8);
        this.headers = Map.copyOf(headers);
    }

    public URI uri() {
        return uri;
    }

    public byte[] body() {
        return body.clone();
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The host as failure texts name it; never the path, where a capability URL keeps its secret. */
    String host() {
        return host(uri);
    }

    static String host(URI uri) {
        return uri.getHost() == null ? LogText.address(uri) : uri.getHost();
    }
}
