package org.systemmetrics.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report's public contract as docs/metrics.md writes it down: every event (a {@code ## `name`} heading) and
 * the parameters of its {@code | param |} table. Tests hold the code and the other documents to it, so the
 * dictionary an administrator reads is the one thing everything else must agree with.
 */
public final class MetricsDictionary {
    public static final Path METRICS_MD = Path.of("docs", "metrics.md");
    private static final Pattern EVENT_HEADING = Pattern.compile("^## `([a-z_]+)`");
    private static final Pattern TABLE_ROW_NAME = Pattern.compile("^\\| `([a-z_]+)` \\|");

    private final Map<String, Set<String>> paramsByEvent;

    private MetricsDictionary(Map<String, Set<String>> paramsByEvent) {
        this.paramsByEvent = paramsByEvent;
    }

    public static MetricsDictionary read() {
        try {
            return parse(Files.readAllLines(METRICS_MD, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MetricsDictionary parse(List<String> lines) {
        Map<String, Set<String>> events = new LinkedHashMap<>();
        String event = null;
        boolean inParamTable = false;
        boolean paramTableDone = false;
        for (String line : lines) {
            Matcher heading = EVENT_HEADING.matcher(line);
            if (heading.find()) {
                event = heading.group(1);
                events.put(event, new LinkedHashSet<>());
                inParamTable = false;
                paramTableDone = false;
            } else if (line.startsWith("## ")) {
                event = null;
            } else if (event != null && !paramTableDone && line.startsWith("| param |")) {
                inParamTable = true;
            } else if (inParamTable) {
                Matcher row = TABLE_ROW_NAME.matcher(line);
                if (row.find()) {
                    events.get(event).add(row.group(1));
                } else if (!line.startsWith("|")) {
                    inParamTable = false;
                    paramTableDone = true; // later tables of the section (value lists) are not parameters
                }
            }
        }
        return new MetricsDictionary(events);
    }

    public Set<String> events() {
        return paramsByEvent.keySet();
    }

    public Set<String> paramsOf(String event) {
        return paramsByEvent.getOrDefault(event, Set.of());
    }

    /** Every parameter name of every event, each once. */
    public Set<String> allParams() {
        Set<String> all = new LinkedHashSet<>();
        paramsByEvent.values().forEach(all::addAll);
        return all;
    }
}
