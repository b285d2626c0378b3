package org.systemmetrics.core.delivery.ga4;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.systemmetrics.core.config.TrackingId;
import org.systemmetrics.core.delivery.Destination;
import org.systemmetrics.core.delivery.Post;
import org.systemmetrics.core.delivery.ValidationMessage;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.core.text.Texts;

/** A GA4 property at the configured endpoint, named by its measurement ID; the API secret goes in the URL only. */
public final class Ga4Property implements Destination {
    private static final Texts TEXTS = Texts.of(Ga4Property.class);
    private static final String COLLECT_PATH = "/mp/collect";
    private static final String DEBUG_PREFIX = "/debug";

    private final TrackingId property;
    private final boolean project;
    private final URI endpoint;
    private final String path;
    private final Ga4Encoding encoding;

    /** @param encoding shared by the properties of a report, which all get the same requests */
    public Ga4Property(TrackingId property, boolean project, URI endpoint, Ga4Encoding encoding) {
        this.property = Objects.requireNonNull(property, "property");
        this.project = project;
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.path = Objects.toString(endpoint.getRawPath(), "");
        this.encoding = Objects.requireNonNull(encoding, "encoding");
    }

    @Override
    public String id() {
        return property.measurementId();
    }

    @Override
    public String name() {
        return TEXTS.get("property.name", id());
    }

    @Override
    public List<String> secrets() {
        return List.of(property.apiSecret());
    }

    @Override
    public boolean project() {
        return project;
    }

    @Override
    public String sentAs(int posts) {
        return posts == 1 ? TEXTS.get("property.sent_as.one") : TEXTS.get("property.sent_as.many", posts);
    }

    @Override
    public List<Post> posts(Report report) {
        return posts(report, path);
    }

    /**
     * The validation server answers on the same host at {@code /debug/mp/collect}. An endpoint with some other path
     * (a local collector) gets {@code /debug} put in front of its path, the same rule.
     */
    @Override
    public Optional<List<Post>> checkPosts(Report report) {
        String debugPath = path.endsWith(COLLECT_PATH)
                ? path.substring(0, path.length() - COLLECT_PATH.length()) + DEBUG_PREFIX + COLLECT_PATH
                : DEBUG_PREFIX + (path.startsWith("/") ? path : "/" + path);
        return Optional.of(posts(report, debugPath));
    }

    /** The answer is {@code {"validationMessages": [{fieldPath, description, validationCode}]}}. */
    @Override
    public List<ValidationMessage> readCheck(String body, int request) {
        JsonElement root;
        try {
            root = JsonParser.parseString(body);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(TEXTS.get("answer.not_json"));
        }
        JsonElement list = root.isJsonObject() ? root.getAsJsonObject().get("validationMessages") : null;
        if (list == null || !list.isJsonArray()) {
            throw new IllegalArgumentException(TEXTS.get("answer.no_list"));
        }
        List<ValidationMessage> messages = new ArrayList<>();
        for (JsonElement item : list.getAsJsonArray()) {
            if (!item.isJsonObject()) {
                throw new IllegalArgumentException(TEXTS.get("answer.not_an_object"));
            }
            JsonObject message = item.getAsJsonObject();
            messages.add(new ValidationMessage(request, text(message, "fieldPath"), text(message, "description"),
                    text(message, "validationCode")));
        }
        return messages;
    }

    private static String text(JsonObject message, String key) {
        JsonElement value = message.get(key);
        return value == null || value.isJsonNull() ? ""
                : value.isJsonPrimitive() ? value.getAsString() : value.toString();
    }

    private List<Post> posts(Report report, String rawPath) {
        String base = endpoint.getScheme() + "://" + endpoint.getRawAuthority() + rawPath;
        URI uri = URI.create(base + "?measurement_id=" + encode(property.measurementId()) + "&api_secret="
                + encode(property.apiSecret()));
        return encoding.requests(report).stream().map(body -> new Post(uri, body, Map.of()))
                .collect(Collectors.toList());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
