package org.systemmetrics.collector.ingest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.systemmetrics.collector.contract.KnownPlugins;
import org.systemmetrics.collector.contract.MetricsDictionary;
import org.systemmetrics.collector.contract.MetricsDictionary.ValueKind;

/**
 * Holds a report to the plugin's dictionary: exactly {@code generated_at}, {@code client_id} and {@code events};
 * every event and parameter named in docs/metrics.md, numbers where it says integer, versions as digits and a
 * release status, every other value from the list docs/metrics.md gives for that parameter, and plugin names only
 * from the known list. Anything else is refused (HTTP 400 for what is not a
 * report at all, 422 for a report that does not match the schema), naming what is wrong.
 */
public final class ReportValidator {
    private static final Set<String> TOP_LEVEL = Set.of("generated_at", "client_id", "events");
    private static final Pattern CLIENT_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    // Digits and a release status only: a plugin's version as the plugin cuts it down (2.6.1-beta2, unknown), and
    // Openfire's and the plugin's own as they print them (5.1.1, 5.2.0 Beta, 5.2.0 RC 2, 0.1.0-SNAPSHOT).
    private static final Pattern VERSION = Pattern.compile("\\d{1,9}(?:\\.\\d{1,9}){0,3}"
            + "(?:[- ](?i:alpha|beta|rc|snapshot) ?\\d{0,4})?(?:-(?i:snapshot))?|unknown");
    private static final int MAX_EVENTS = 500;
    // Gson's JsonParser reads leniently whatever the reader says; the adapter keeps the reader strict.
    private static final TypeAdapter<JsonElement> ELEMENTS = new Gson().getAdapter(JsonElement.class);

    private final MetricsDictionary dictionary;
    private final KnownPlugins knownPlugins;

    public ReportValidator(MetricsDictionary dictionary, KnownPlugins knownPlugins) {
        this.dictionary = dictionary;
        this.knownPlugins = knownPlugins;
    }

    public ValidReport validate(String body) throws Rejection {
        JsonObject root = parseObject(body);
        for (String key : root.keySet()) {
            if (!TOP_LEVEL.contains(key)) {
                throw schema("unknown top-level field '" + cut(key) + "'");
            }
        }
        String clientId = string(root, "client_id");
        if (!CLIENT_ID.matcher(clientId).matches()) {
            throw schema("client_id must be a lower-case UUID");
        }
        Instant generatedAt;
        try {
            generatedAt = Instant.parse(string(root, "generated_at"));
        } catch (DateTimeParseException e) {
            throw schema("generated_at must be an ISO-8601 instant such as 2026-01-01T06:00:00Z");
        }
        JsonElement eventsElement = root.get("events");
        if (eventsElement == null || !eventsElement.isJsonArray()) {
            throw schema("events must be an array");
        }
        JsonArray events = eventsElement.getAsJsonArray();
        if (events.size() > MAX_EVENTS) {
            throw schema("a report has at most " + MAX_EVENTS + " events, this one " + events.size());
        }
        String version = null;
        for (int i = 0; i < events.size(); i++) {
            String found = checkEvent(events.get(i), i);
            if (found != null) {
                version = found;
            }
        }
        if (version == null) {
            throw schema("the report has no cluster event with a version");
        }
        return new ValidReport(clientId, generatedAt, version, root);
    }

    /** Checks one event; returns the Openfire version if this is the cluster event. */
    private String checkEvent(JsonElement element, int index) throws Rejection {
        if (!element.isJsonObject()) {
            throw schema("events[" + index + "] must be an object");
        }
        JsonObject event = element.getAsJsonObject();
        for (String key : event.keySet()) {
            if (!key.equals("name") && !key.equals("params")) {
                throw schema("events[" + index + "] has an unknown field '" + cut(key) + "'");
            }
        }
        String name = string(event, "name");
        if (!dictionary.events().contains(name)) {
            throw schema("events[" + index + "]: unknown event '" + cut(name) + "'");
        }
        JsonElement paramsElement = event.get("params");
        if (paramsElement == null || !paramsElement.isJsonObject()) {
            throw schema("events[" + index + "] (" + name + "): params must be an object");
        }
        for (Map.Entry<String, JsonElement> param : paramsElement.getAsJsonObject().entrySet()) {
            Optional<ValueKind> kind = dictionary.kindOf(name, param.getKey());
            if (kind.isEmpty()) {
                throw schema("events[" + index + "] (" + name + "): unknown parameter '" + cut(param.getKey()) + "'");
            }
            checkValue(name, param.getKey(), kind.get(), param.getValue(), index);
        }
        JsonObject params = paramsElement.getAsJsonObject();
        if (name.equals("module") && !params.has("module")) {
            throw schema("events[" + index + "] (module): module is missing");
        }
        if (name.equals("cluster") && params.has("version")) {
            return params.get("version").getAsString();
        }
        return null;
    }

    private void checkValue(String event, String param, ValueKind kind, JsonElement value, int index)
            throws Rejection {
        String where = "events[" + index + "] (" + event + "): " + param;
        if (!value.isJsonPrimitive()) {
            throw schema(where + " must be a " + (kind == ValueKind.INTEGER ? "number" : "word"));
        }
        JsonPrimitive primitive = value.getAsJsonPrimitive();
        if (kind == ValueKind.INTEGER) {
            if (!primitive.isNumber() || !isNonNegativeLong(primitive)) {
                throw schema(where + " must be a whole number ≥ 0");
            }
            return;
        }
        if (!primitive.isString()) {
            throw schema(where + " must be a string");
        }
        String text = primitive.getAsString();
        if (kind == ValueKind.VERSION) {
            if (!VERSION.matcher(text).matches()) {
                throw schema(where + " must be a version: digits and a release status, such as 5.1.1 or 2.6.1-beta");
            }
        } else if (event.equals("module") && param.equals("module")) {
            if (!knownPlugins.contains(text)) {
                throw schema(where + ": '" + cut(text) + "' is not on the known-plugin list");
            }
        } else {
            // A word parameter the dictionary lists no values for takes none: the plugin sends only listed words.
            Set<String> allowed = dictionary.valuesOf(event, param).orElse(Set.of());
            if (!allowed.contains(text)) {
                throw schema(where + ": '" + cut(text) + "' is not one of the values docs/metrics.md lists for "
                        + param);
            }
        }
    }

    private static boolean isNonNegativeLong(JsonPrimitive primitive) {
        try {
            return primitive.getAsBigDecimal().longValueExact() >= 0;
        } catch (ArithmeticException | NumberFormatException e) {
            return false;
        }
    }

    private static JsonObject parseObject(String body) throws Rejection {
        try {
            JsonReader reader = new JsonReader(new StringReader(body));
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = ELEMENTS.read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new Rejection(400, "malformed", "the body holds more than one JSON value");
            }
            if (element == null || !element.isJsonObject()) {
                throw new Rejection(400, "malformed", "the body must be one JSON object: the report file's JSON");
            }
            return element.getAsJsonObject();
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw new Rejection(400, "malformed", "the body is not valid JSON");
        } catch (StackOverflowError e) {
            throw new Rejection(400, "malformed", "the body nests too deeply");
        }
    }

    private static String string(JsonObject object, String key) throws Rejection {
        JsonElement value = object.get(key);
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw schema(key + " must be a string");
        }
        return value.getAsString();
    }

    private static Rejection schema(String message) {
        return new Rejection(422, "unknown_schema", message);
    }

    /** Names from the request are echoed only cut short, so an error answer never carries much of a bad body. */
    private static String cut(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…";
    }
}
