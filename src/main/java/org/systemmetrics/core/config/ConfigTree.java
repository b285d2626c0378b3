package org.systemmetrics.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.systemmetrics.core.text.Texts;

/**
 * A configuration file as one tree, whichever its syntax, and the one walk that finds the service entry and every
 * word outside it that may be meant as an opt-out. A YAML alias is the same node again: the tree may share nodes or
 * contain itself. Erlang's terms are in one root list.
 */
final class ConfigTree {
    private static final Texts TEXTS = Texts.of(ConfigTree.class);
    static final String SERVICES = "services";
    static final String ENTRY = "service_mongoose_system_metrics";
    static final String MERGE_TAG = "tag:yaml.org,2002:merge";
    /** Aliases can expand a small YAML file into a huge value; the entry's values are read within these bounds. */
    static final int MAX_VALUES = 10_000;
    static final int MAX_DEPTH = 32;
    /** In both syntaxes, a number with more digits than this is no number. */
    static final int MAX_DIGITS = 1000;
    /** Deeper than any Erlang term (64 below the root list's terms): only YAML aliases reach it. */
    private static final int MAX_WALK_DEPTH = 68;

    // WORD: a YAML scalar or an Erlang atom (a key or an option); TEXT: an Erlang "text" or binary, never an option;
    // OTHER: an Erlang number or unquoted word.
    enum Kind { WORD, TEXT, OTHER, MAP, PAIR, TUPLE, LIST }

    /** A scalar with its value, or a container with its key and value pairs (maps, pairs) or items. */
    static final class Node {
        final Kind kind;
        final int line;
        /** What the node says as a key or a word. */
        final String text;
        /** A scalar's value as {@link ConfigValue#value()} holds it. */
        final Object value;
        /** A YAML tag this file may not use, or null. */
        final String tag;
        final List<Pair> pairs = new ArrayList<>();
        final List<Node> items = new ArrayList<>();

        Node(Kind kind, int line, String text, Object value, String tag) {
            this.kind = kind;
            this.line = line;
            this.text = text;
            this.value = value;
            this.tag = tag;
        }

        boolean isWord() {
            return kind == Kind.WORD || kind == Kind.TEXT;
        }

        boolean isContainer() {
            return kind.compareTo(Kind.MAP) >= 0;
        }

        Node put(Node key, Node value) {
            pairs.add(new Pair(key, value));
            return this;
        }
    }

    /** A key and its value: a map's entry, Erlang's {key, Value}, or an entry found (its key and its settings). */
    static final class Pair {
        final Node key;
        final Node value;

        Pair(Node key, Node value) {
            this.key = key;
            this.value = value;
        }
    }

    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    private final Node root;
    private final String fileName;
    private final ConfigOrigin.Kind syntax;
    private final boolean yaml;
    /** Each entry as its key and its settings; a bare word in a list of services is an entry without settings. */
    final List<Pair> entries = new ArrayList<>();
    private final Map<String, ConfigValue> settings = new LinkedHashMap<>();
    /** Where each key was first written: its value may start on a later line (a YAML block list). */
    private final Map<String, Integer> keyLines = new HashMap<>();
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final List<ConfigProblem> doubts = new ArrayList<>();
    private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<ConfigProblem> strays = new ArrayList<>();
    private int unworded;
    private int valuesRead;

    ConfigTree(Node root, String fileName, ConfigOrigin.Kind syntax) {
        this.root = root;
        this.fileName = fileName;
        this.syntax = syntax;
        this.yaml = syntax == ConfigOrigin.Kind.YAML;
        findEntries(root, true);
    }

    /** Every entry (in YAML only in the services map), all collected: two make the opt-out unclear. */
    private void findEntries(Node node, boolean topLevel) {
        for (Pair pair : node.pairs) {
            if (ENTRY.equals(pair.key.text) && node != root) {
                entries.add(pair);
            } else if (topLevel && isServices(pair)) {
                findEntries(pair.value, false);
            }
        }
        for (Node item : node.kind == Kind.LIST ? node.items : List.<Node>of()) {
            if (item.kind == Kind.WORD && ENTRY.equals(item.text) && node != root) {
                entries.add(new Pair(item, new Node(Kind.LIST, item.line, "[...]", null, null)));
            } else {
                findEntries(item, topLevel);
            }
        }
    }

    private boolean isServices(Pair pair) {
        return SERVICES.equals(pair.key.text) && pair.value.kind == (yaml ? Kind.MAP : Kind.LIST);
    }

    /** The entry's settings, the doubts about them and the stray opt-outs, or unreadable when aliases explode. */
    ConfigFileContent content() {
        if (entries.isEmpty()) {
            return ConfigFileContent.withoutEntry(problems).withOptOutDoubts(strays());
        }
        try {
            readEntry();
        } catch (TooLarge e) {
            return ConfigFileContent.unreadable(fileName, root.line, e.getMessage());
        }
        doubts.addAll(strays());
        return ConfigFileContent.withEntry(settings, problems).withOptOutDoubts(doubts);
    }

    private void readEntry() {
        Node first = entries.get(0).value;
        if (entries.size() > 1) {
            // YAML names a repeated entry by its key, Erlang by its settings
            Pair second = entries.get(1);
            doubt(TEXTS.get("entry.twice", fileName, (yaml ? second.key : second.value).line, entries.size(),
                    (yaml ? entries.get(0).key : first).line));
        }
        if (first.kind == Kind.MAP) {
            first.pairs.forEach(pair -> option(pair, pair.key.line));
        } else if (first.kind == Kind.LIST) {
            for (Node item : first.items) {
                if (item.kind == Kind.PAIR) {
                    option(item.pairs.get(0), item.line);
                } else if (item.kind == Kind.WORD) {
                    put(item, item.line, new ConfigValue(Boolean.TRUE, item.line), true);
                } else if (yaml) {
                    doubt(TEXTS.get("entry.item_not_a_word", fileName, item.line));
                } else {
                    // Never a text itself, which may be a secret written in the wrong place
                    String shown = item.kind == Kind.TEXT ? TEXTS.get("shown.quoted_text")
                            : item.isContainer() ? item.text : String.valueOf(item.value);
                    doubt(TEXTS.get("entry.option_not_an_atom", fileName, item.line,
                            LogText.oneLine(shown, LogText.MAX_CHARS)));
                }
            }
        } else if (!yaml) {
            doubt(TEXTS.get("entry.not_a_list", fileName, first.line));
        } else if (first.value != null || first.tag != null) {
            boolean noSpaceAfterColon = first.text.matches("(?s)\\s*[^\\s:]+:\\S.*");
            doubt(noSpaceAfterColon ? TEXTS.get("entry.not_a_map_missing_space", fileName, first.line,
                    LogText.quoted(first.text)) : TEXTS.get("entry.not_a_map", fileName, first.line));
        }
    }

    /** @param line where a doubt points: the key in YAML, the {key, Value} pair in Erlang */
    private void option(Pair pair, int line) {
        Node key = pair.key;
        if (key.kind != Kind.WORD) {
            doubt(TEXTS.get("entry.key_not_a_word", fileName, key.line));
        } else if (MERGE_TAG.equals(key.tag)) {
            // What it brings in is not read as settings; an opt-out in it is a stray opt-out.
            problems.add(ConfigProblem.warning(TEXTS.get("entry.merge_key", fileName, key.line)));
        } else {
            int problemsBefore = problems.size();
            ConfigValue value = value(pair.value, 0);
            if (value == null) {
                // Said once, at the key, by the binder, which knows whether the key may be an opt-out.
                problems.subList(problemsBefore, problems.size()).clear();
                value = ConfigValue.refused(pair.value.line, TEXTS.get("shown.refused_tag",
                        LogText.oneLine(pair.value.tag, LogText.MAX_CHARS)));
            }
            put(key, line, value, false);
        }
    }

    /** @param listWord a bare word in the entry's list, which YAML names as a word, Erlang as a key */
    private void put(Node key, int line, ConfigValue value, boolean listWord) {
        settings.putIfAbsent(key.text, value);
        Integer earlier = keyLines.putIfAbsent(key.text, line);
        if (earlier != null) {
            String shown = LogText.oneLine(key.text, LogText.MAX_CHARS);
            doubt(yaml && listWord ? TEXTS.get("entry.word_twice", fileName, line, shown)
                    : TEXTS.get("entry.key_twice", fileName, line, shown, earlier));
        }
    }

    /** The value as the binder reads it, or null for one with a tag this file may not use. */
    private ConfigValue value(Node node, int depth) {
        if (yaml && ++valuesRead > MAX_VALUES) {
            throw new TooLarge(TEXTS.get("yaml.too_many_values", MAX_VALUES));
        }
        if (yaml && depth > MAX_DEPTH) {
            // Also the guard against an alias that contains itself (&a [*a]), which SnakeYAML composes.
            throw new TooLarge(TEXTS.get("yaml.too_deep", MAX_DEPTH));
        }
        Object value = node.value;
        boolean idAndSecret = node.kind == Kind.TUPLE && node.items.size() == 2
                && (node.items.get(0).kind == Kind.TEXT || node.items.get(0).value instanceof ConfigValue.BareWord);
        if (node.kind == Kind.MAP || idAndSecret || (node.kind == Kind.LIST && !node.items.isEmpty()
                && node.items.stream().allMatch(item -> item.kind == Kind.PAIR))) {
            // A YAML map; Erlang's {"G-XXXXXXX", "API_SECRET"}, or a proplist such as [{id, "G-..."}, {secret, "..."}]
            Map<String, ConfigValue> map = new LinkedHashMap<>();
            for (Node pairs : node.kind == Kind.MAP ? List.of(node) : node.items) {
                pairs.pairs.forEach(pair -> putValue(map, pair.key.text, pair.value, depth));
            }
            if (idAndSecret) {
                putValue(map, "id", node.items.get(0), depth);
                putValue(map, "secret", node.items.get(1), depth);
            }
            value = map;
        } else if (node.isContainer()) {
            List<Node> items = node.kind == Kind.PAIR ? List.of(node.pairs.get(0).key, node.pairs.get(0).value)
                    : node.items;
            value = items.stream().map(item -> value(item, depth + 1)).filter(Objects::nonNull)
                    .collect(Collectors.toList());
        }
        if (node.tag != null) {
            problems.add(ConfigProblem.error(TEXTS.get("entry.tag_refused", fileName, node.line,
                    LogText.oneLine(node.tag, LogText.MAX_CHARS))));
            return null;
        }
        return new ConfigValue(value, node.line);
    }

    private void putValue(Map<String, ConfigValue> map, String key, Node node, int depth) {
        ConfigValue value = value(node, depth + 1);
        if (value != null) {
            map.put(key, value);
        }
    }

    private void doubt(String problem) {
        doubts.add(OptOut.doubt(problem, syntax));
    }

    /**
     * Every word outside the entry's own keys that may be meant as an opt-out, each node once. The entries' values are
     * walked first, so what an alias brings into an entry is judged as part of it.
     */
    List<ConfigProblem> strays() {
        for (Pair entry : entries) {
            seen.add(entry.key);
            if (seen.add(entry.value)) {
                // A YAML map's settings, or the {key, Value} pairs of an Erlang list
                for (Node options : entry.value.kind == Kind.MAP ? List.of(entry.value) : entry.value.items) {
                    boolean hasPairs = options == entry.value || options.kind == Kind.PAIR;
                    for (Pair pair : hasPairs ? options.pairs : List.<Pair>of()) {
                        seen.add(pair.key);
                        if (!Setting.fileKeys().contains(pair.key.text)) {
                            spelled(pair.key, pair.value, OptOut.Place.IN_ENTRY_VALUE);
                        }
                        walk(pair.value, OptOut.Place.IN_ENTRY_VALUE, OptOut.Place.IN_ENTRY_VALUE, false, 0);
                    }
                }
            }
        }
        walk(root, OptOut.Place.TOP_LEVEL, OptOut.Place.NESTED, true, 0);
        if (unworded > 0) {
            strays.add(ConfigProblem.switchingOff(TEXTS.get("optout.more_strays", fileName, unworded),
                    TEXTS.get("optout.more_strays_off")));
        }
        return strays;
    }

    /**
     * A node's keys, and the words of a list, stand at {@code keyPlace}; what is under them, and a tuple's words, at
     * {@code valuePlace}. Under the top level's {@code services}, the keys stand beside the entry.
     */
    private void walk(Node node, OptOut.Place keyPlace, OptOut.Place valuePlace, boolean topLevel, int depth) {
        if (depth > MAX_WALK_DEPTH || !seen.add(node)) {
            return;
        }
        OptOut.Place itemPlace = node.kind == Kind.TUPLE ? valuePlace : keyPlace;
        for (Pair pair : node.pairs) {
            if (topLevel && isServices(pair)) {
                walk(pair.value, OptOut.Place.BESIDE_ENTRY, OptOut.Place.OTHER_SERVICE, false, depth + 1);
            } else {
                word(pair.key, pair.value, keyPlace);
                walk(pair.value, valuePlace, valuePlace, false, depth + 1);
            }
        }
        for (Node item : node.items) {
            if (item.kind == Kind.WORD || (item.kind == Kind.TEXT && node.kind == Kind.LIST)) {
                word(item, null, itemPlace); // a word in a list, as in [no_report], means "true"
            } else {
                walk(item, itemPlace, valuePlace, topLevel && node.kind == Kind.LIST, depth + 1);
            }
        }
    }

    /** @param value the node the word is the key of, or null for a word standing alone */
    private void word(Node word, Node value, OptOut.Place place) {
        if (!word.isWord() || !seen.add(word) || (!yaml && ENTRY.equals(word.text))) {
            return; // in Erlang, {service_mongoose_system_metrics, ...} anywhere is an entry, judged as one or not at all
        }
        // YAML names a number as it was written ('5'), Erlang as a number (5)
        Object plain = value == null ? Boolean.TRUE : value.isContainer() ? List.of()
                : yaml && value.value instanceof Number ? value.text : value.value;
        OptOut.strayMention(word.text, plain, place).ifPresent(mention -> stray(word.line, mention, place));
        if (value != null) {
            spelled(word, value, place);
        }
    }

    /** A value that spells no_report: {@code mode: no_report}. */
    private void spelled(Node key, Node value, OptOut.Place place) {
        if (key.isWord() && value.isWord() && value.tag == null && seen.add(value)) {
            OptOut.strayValue(key.text, value.text).ifPresent(mention -> stray(value.line, mention, place));
        }
    }

    /** Only what is shown is worded: a file of thousands of strays costs their count, not their texts. */
    private void stray(int line, Supplier<String> mention, OptOut.Place place) {
        if (strays.size() < OptOut.MAX_STRAY_ERRORS) {
            String where = TEXTS.get("place." + place.name().toLowerCase(Locale.ROOT));
            strays.add(OptOut.doubt(TEXTS.get("optout.stray", fileName, line, mention.get(), where), syntax));
        } else {
            unworded++;
        }
    }
}
