package org.systemmetrics.collector.contract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
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
 * so the collector accepts exactly the events, parameters and values the plugin documents and sends. Each event is
 * a {@code ## `name`} heading, its parameters the rows of the first {@code | param |} table under it, and a
 * parameter's kind (number or word) the row's type column. A word parameter's allowed values are read from
 * <ul>
 * <li>a later table of its section whose first heading cell is the parameter's name ({@code | mechanism | source |}):
 * the {@code `words`} of each row's first cell;</li>
 * <li>its row's source cell when that is nothing but a list of {@code `words`} ("one of `user`, `auth`, …");</li>
 * <li>a table before the first event whose heading is {@code | `param` | events |}: each row's words are allowed
 * for the events its second cell names (how {@code scope} is written).</li>
 * </ul>
 * Versions ({@code version}, {@code *_version}) have no list: digits and a release status, checked by pattern.
 */
public final class MetricsDictionary {
    static final String RESOURCE = "/org/systemmetrics/collector/contract/metrics.md";
    private static final Pattern EVENT_HEADING = Pattern.compile("^## `([a-z_]+)`");
    private static final Pattern PARAM_ROW = Pattern.compile("^\\| `([a-z_]+)` \\| ([^|]*)\\|");
    private static final Pattern WORD = Pattern.compile("`([a-z0-9][a-z0-9_+.-]*)`");
    private static final Pattern PURE_LIST = Pattern.compile("(?:one of )?`[a-z0-9_+.-]+`(?:(?:, | or |, or )`[a-z0-9_+.-]+`)+");

    /** What a parameter's value must be. */
    public enum ValueKind { INTEGER, VERSION, WORD }

    private final Map<String, Map<String, ValueKind>> paramsByEvent;
    private final Map<String, Map<String, Set<String>>> valuesByEvent;

    private MetricsDictionary(Map<String, Map<String, ValueKind>> paramsByEvent,
            Map<String, Map<String, Set<String>>> valuesByEvent) {
        this.paramsByEvent = paramsByEvent;
        this.valuesByEvent = valuesByEvent;
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
        Map<String, Map<String, Set<String>>> values = new LinkedHashMap<>();
        // From the tables before the first event: param -> event -> values.
        Map<String, Map<String, Set<String>>> valuesForEvents = new LinkedHashMap<>();
        String event = null;
        boolean beforeEvents = true;
        boolean inParamTable = false;
        boolean paramTableDone = false;
        String valueTableParam = null; // the parameter whose value table is being read
        String eventTableParam = null; // likewise, in a table before the first event
        for (String line : lines) {
            Matcher heading = EVENT_HEADING.matcher(line);
            if (heading.find()) {
                event = heading.group(1);
                beforeEvents = false;
                events.put(event, new LinkedHashMap<>());
                values.put(event, new LinkedHashMap<>());
                inParamTable = false;
                paramTableDone = false;
                valueTableParam = null;
                continue;
            }
            if (line.startsWith("## ")) {
                event = null;
                valueTableParam = null;
                continue;
            }
            if (!line.startsWith("|")) {
                if (inParamTable) {
                    inParamTable = false;
                    paramTableDone = true; // later tables of a section list values, not parameters
                }
                valueTableParam = null;
                eventTableParam = null;
                continue;
            }
            List<String> cells = cells(line);
            if (event == null) {
                if (beforeEvents && cells.size() >= 2 && cells.get(0).matches("`[a-z_]+`")
                        && cells.get(1).equals("events")) {
                    eventTableParam = cells.get(0).replace("`", "");
                } else if (eventTableParam != null && cells.size() >= 2) {
                    Map<String, Set<String>> byEvent = valuesForEvents.computeIfAbsent(eventTableParam,
                            p -> new LinkedHashMap<>());
                    for (String name : words(cells.get(1))) {
                        byEvent.computeIfAbsent(name, n -> new LinkedHashSet<>()).addAll(words(cells.get(0)));
                    }
                }
            } else if (!paramTableDone && !inParamTable && line.startsWith("| param |")) {
                inParamTable = true;
            } else if (inParamTable) {
                Matcher row = PARAM_ROW.matcher(line);
                if (row.find()) {
                    String param = row.group(1);
                    events.get(event).put(param, classify(param, row.group(2)));
                    if (cells.size() > 3 && PURE_LIST.matcher(cells.get(3)).matches()) {
                        values.get(event).computeIfAbsent(param, p -> new LinkedHashSet<>()).addAll(words(cells.get(3)));
                    }
                }
            } else if (paramTableDone && valueTableParam == null && events.get(event).containsKey(header(cells))
                    && !line.contains("`")) {
                valueTableParam = header(cells); // the heading row of a value table
            } else if (valueTableParam != null && !cells.isEmpty()) {
                values.get(event).computeIfAbsent(valueTableParam, p -> new LinkedHashSet<>()).addAll(words(cells.get(0)));
            }
        }
        if (events.isEmpty()) {
            throw new IllegalStateException("the metrics dictionary names no event");
        }
        valuesForEvents.forEach((param, byEvent) -> byEvent.forEach((name, allowed) -> {
            if (events.containsKey(name) && events.get(name).containsKey(param)) {
                values.get(name).computeIfAbsent(param, p -> new LinkedHashSet<>()).addAll(allowed);
            }
        }));
        events.replaceAll((name, params) -> Collections.unmodifiableMap(params));
        values.replaceAll((name, byParam) -> {
            byParam.replaceAll((param, allowed) -> Collections.unmodifiableSet(allowed));
            return Collections.unmodifiableMap(byParam);
        });
        return new MetricsDictionary(Collections.unmodifiableMap(events), Collections.unmodifiableMap(values));
    }

    private static ValueKind classify(String param, String type) {
        if (type.trim().startsWith("integer")) {
            return ValueKind.INTEGER;
        }
        return param.equals("version") || param.endsWith("_version") ? ValueKind.VERSION : ValueKind.WORD;
    }

    private static String header(List<String> cells) {
        return cells.isEmpty() ? "" : cells.get(0);
    }

    private static List<String> cells(String line) {
        String inner = line.trim();
        inner = inner.substring(1, inner.endsWith("|") && inner.length() > 1 ? inner.length() - 1 : inner.length());
        return Arrays.stream(inner.split("\\|", -1)).map(String::trim).collect(Collectors.toList());
    }

    private static List<String> words(String cell) {
        List<String> found = new ArrayList<>();
        Matcher word = WORD.matcher(cell);
        while (word.find()) {
            found.add(word.group(1));
        }
        return found;
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

    /** The values docs/metrics.md allows for a word parameter, or empty when it lists none for it. */
    public Optional<Set<String>> valuesOf(String event, String param) {
        return Optional.ofNullable(valuesByEvent.getOrDefault(event, Map.of()).get(param));
    }
}
