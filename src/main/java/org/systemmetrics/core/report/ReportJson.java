package org.systemmetrics.core.report;

import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * The report file's format: the same events, in the same order, as are sent to Google Analytics; written here, and
 * read back here for the fields the admin page marks as new.
 */
public final class ReportJson {
    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    private static final String EVENTS = "events";
    private static final String NAME = "name";
    private static final String PARAMS = "params";

    private ReportJson() {
    }

    public static String toPrettyJson(Report report) {
        JsonObject root = new JsonObject();
        root.addProperty("generated_at", DateTimeFormatter.ISO_INSTANT.format(report.generatedAt()));
        root.addProperty("client_id", report.clientId());
        JsonArray events = new JsonArray();
        report.events().forEach(event -> events.add(toJson(event)));
        root.add(EVENTS, events);
        return PRETTY.toJson(root) + System.lineSeparator();
    }

    public static JsonObject toJson(Event event) {
        JsonObject params = new JsonObject();
        event.params().forEach((key, value) -> params.add(key, primitive(value)));
        JsonObject json = new JsonObject();
        json.addProperty(NAME, event.name());
        json.add(PARAMS, params);
        return json;
    }

    /**
     * Which of {@code fields} (events, or {@code event.param}) occur in a report's JSON, in the order given; none when
     * it is not such a report (a file edited by hand).
     */
    public static List<String> fieldsIn(String reportJson, Collection<String> fields) {
        if (fields.isEmpty()) {
            return List.of(); // nearly always: no field is new, so the page need not parse the report
        }
        Set<String> occurring = new HashSet<>();
        try {
            JsonElement root = JsonParser.parseString(reportJson);
            JsonElement list = root.isJsonObject() ? root.getAsJsonObject().get(EVENTS) : null;
            if (list == null || !list.isJsonArray()) {
                return List.of();
            }
            for (JsonElement element : list.getAsJsonArray()) {
                if (element.isJsonObject() && element.getAsJsonObject().has(NAME)) {
                    JsonObject event = element.getAsJsonObject();
                    JsonElement params = event.get(PARAMS);
                    String name = event.get(NAME).getAsString();
                    occurring.add(name);
                    if (params != null && params.isJsonObject()) {
                        params.getAsJsonObject().keySet().forEach(param -> occurring.add(ReportFields.field(name, param)));
                    }
                }
            }
        } catch (RuntimeException notAReport) {
            return List.of();
        }
        return fields.stream().filter(occurring::contains).collect(Collectors.toList());
    }

    private static JsonPrimitive primitive(Object value) {
        if (value instanceof Number) {
            return new JsonPrimitive((Number) value);
        }
        if (value instanceof Boolean) {
            return new JsonPrimitive((Boolean) value);
        }
        return new JsonPrimitive(String.valueOf(value));
    }
}
