package org.systemmetrics.realserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** {@code logs/system_metrics_report.json} of a real server, read as a test would check it. */
public final class ReportFile {
    public static final String NAME = "system_metrics_report.json";

    private final JsonObject json;
    private final String text;

    private ReportFile(String text) {
        this.text = text;
        this.json = JsonParser.parseString(text).getAsJsonObject();
    }

    public static Optional<ReportFile> read(RealOpenfire server) {
        Path file = server.logsDirectory().resolve(NAME);
        try {
            return Optional.of(new ReportFile(Files.readString(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls until a report generated after {@code after} (or any, when null) is written. */
    public static ReportFile awaitNewer(RealOpenfire server, ReportFile after, Duration timeout) {
        return await(server, r -> after == null || r.generatedAt().isAfter(after.generatedAt()), timeout);
    }

    public static ReportFile await(RealOpenfire server, Predicate<ReportFile> wanted, Duration timeout) {
        Path file = server.logsDirectory().resolve(NAME);
        return Poll.until("a matching report in " + file, timeout, () -> readLeniently(server),
                report -> report.isPresent() && wanted.test(report.get()),
                report -> report.map(ReportFile::text).orElse("(none)") + "\n" + server.logTail(40)).get();
    }

    private static Optional<ReportFile> readLeniently(RealOpenfire server) {
        try {
            return read(server);
        } catch (RuntimeException halfWritten) {
            return Optional.empty(); // written atomically by the plugin, but be lenient with a racing read
        }
    }

    public String text() {
        return text;
    }

    public JsonObject json() {
        return json;
    }

    public String clientId() {
        return json.get("client_id").getAsString();
    }

    public Instant generatedAt() {
        return Instant.parse(json.get("generated_at").getAsString());
    }

    /** The params of every event with this name, in order. */
    public List<JsonObject> events(String name) {
        return events(json, name);
    }

    public static List<JsonObject> events(JsonObject report, String name) {
        List<JsonObject> params = new ArrayList<>();
        for (JsonElement event : report.getAsJsonArray("events")) {
            if (name.equals(event.getAsJsonObject().get("name").getAsString())) {
                params.add(event.getAsJsonObject().getAsJsonObject("params"));
            }
        }
        return params;
    }

    public JsonObject only(String name) {
        List<JsonObject> events = events(name);
        if (events.size() != 1) {
            throw new AssertionError("expected one '" + name + "' event, found " + events.size() + " in " + text);
        }
        return events.get(0);
    }

    /** {@code total} or {@code increment} of one xmpp_stanza_count event. */
    public long stanzas(String stanzaType, String which) {
        return events("xmpp_stanza_count").stream()
                .filter(e -> stanzaType.equals(e.get("stanza_type").getAsString())).findFirst()
                .orElseThrow(() -> new AssertionError("no xmpp_stanza_count for " + stanzaType + " in " + text))
                .get(which).getAsLong();
    }

    @Override
    public String toString() {
        return text;
    }
}
