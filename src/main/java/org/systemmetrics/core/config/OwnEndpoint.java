package org.systemmetrics.core.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.systemmetrics.core.text.Texts;

/**
 * The administrator's own collector ({@code report_endpoint}): every report is POSTed there as the report file's
 * JSON, with {@code Authorization: Bearer <token>} when a token is set. The token is never shown.
 */
public final class OwnEndpoint {
    private static final Texts TEXTS = Texts.of(OwnEndpoint.class);
    private final URI url;
    private final String token;

    public OwnEndpoint(URI url, String token) {
        this.url = Objects.requireNonNull(url, "url");
        this.token = Objects.requireNonNull(token, "token");
    }

    public URI url() {
        return url;
    }

    public Optional<String> token() {
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OwnEndpoint && ((OwnEndpoint) o).url.equals(url) && ((OwnEndpoint) o).token.equals(token);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, token);
    }

    /** Names scheme and host only (the path may be a capability URL's secret): this string may end up in logs. */
    @Override
    public String toString() {
        return token.isEmpty() ? LogText.address(url) : TEXTS.get("endpoint.shown_with_token", LogText.address(url));
    }
}
