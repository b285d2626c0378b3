package org.systemmetrics.core.report;

import java.time.format.DateTimeFormatter;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/** The report file's format: the same events, in the same order, as are sent to Google Analytics. */
public final class ReportJson {
    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private ReportJson() {
    }

    public static String toPrettyJson(Report report) {
        JsonObject root = new JsonObject();
        root.addProperty("generated_at", DateTimeFormatter.ISO_INSTANT.format(report.generatedAt()));
        root.addProperty("client_id", report.clientId());
        JsonArray events = new JsonArray();
        for (Event event : report.events()) {
            events.add(toJson(event));
        }
        root.add("events", events);
        return PRETTY.toJson(root) + System.lineSeparator();
    }

    public static JsonObject toJson(Event event) {
        JsonObject params = new JsonObject();
        event.params().forEach((key, value) -> params.add(key, primitive(value)));
        JsonObject json = new JsonObject();
        json.addProperty("name", event.name());
        json.add("params", params);
        return json;
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
