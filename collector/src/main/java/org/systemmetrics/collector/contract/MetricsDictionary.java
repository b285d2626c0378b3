package org.systemmetrics.collector.contract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The plugin's metrics dictionary, docs/metrics.md, read from the jar: the build puts the plugin's own file there,
 * so the collector accepts exactly the events and parameters the plugin documents and sends. Each event is a
 * {@code ## `name`} heading, its parameters the rows of the first {@code | param |} table under it, and a
 * parameter's kind (number or word) the row's type column.
 */
public final class MetricsDictionary {
    static final String RESOURCE = "/org/systemmetrics/collector/contract/metrics.md";
    private static final Pattern EVENT_HEADING = Pattern.compile("^## `([a-z_]+)`");
    private static final Pattern PARAM_ROW = Pattern.compile("^\\| `([a-z_]+)` \\| ([^|]*)\\|");

    /** What a parameter's value must be. */
    public enum ValueKind { INTEGER, WORD }

    private final Map<String, Map<String, ValueKind>> paramsByEvent;

    private MetricsDictionary(Map<String, Map<String, ValueKind>> paramsByEvent) {
        this.paramsByEvent = paramsByEvent;
    }

    public static MetricsDictionary load() {
        try (InputStream in = MetricsDictionary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the collector jar: build it with Maven, "
                        + "which copies docs/metrics.md in");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return parse(reader.lines().collect(Collectors.toList()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MetricsDictionary parse(List<String> lines) {
        Map<String, Map<String, ValueKind>> events = new LinkedHashMap<>();
        String event = null;
        boolean inParamTable = false;
        boolean paramTableDone = false;
        for (String line : lines) {
            Matcher heading = EVENT_HEADING.matcher(line);
            if (heading.find()) {
                event = heading.group(1);
                events.put(event, new LinkedHashMap<>());
                inParamTable = false;
                paramTableDone = false;
            } else if (line.startsWith("## ")) {
                event = null;
            } else if (event != null && !paramTableDone && line.startsWith("| param |")) {
                inParamTable = true;
            } else if (inParamTable) {
                Matcher row = PARAM_ROW.matcher(line);
                if (row.find()) {
                    ValueKind kind = row.group(2).trim().startsWith("integer") ? ValueKind.INTEGER : ValueKind.WORD;
                    events.get(event).put(row.group(1), kind);
                } else if (!line.startsWith("|")) {
                    inParamTable = false;
                    paramTableDone = true; // later tables of a section list values, not parameters
                }
            }
        }
        if (events.isEmpty()) {
            throw new IllegalStateException("the metrics dictionary names no event");
        }
        events.replaceAll((name, params) -> Collections.unmodifiableMap(params));
        return new MetricsDictionary(Collections.unmodifiableMap(events));
    }

    public Set<String> events() {
        return paramsByEvent.keySet();
    }

    /** The parameter's kind, or empty when the event has no such parameter (or there is no such event). */
    public Optional<ValueKind> kindOf(String event, String param) {
        return Optional.ofNullable(paramsByEvent.getOrDefault(event, Map.of()).get(param));
    }

    public Set<String> paramsOf(String event) {
        return paramsByEvent.getOrDefault(event, Map.of()).keySet();
    }
}
