package org.systemmetrics.core.config;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads {@code system_metrics.yml}. The document is only composed into nodes, never constructed into
 * objects, so no tag can make SnakeYAML instantiate a class; aliases, nesting and size are bounded so that a
 * hostile file (a "billion laughs") ends in an error instead of exhausting memory.
 */
public final class YamlConfigReader {
    static final int MAX_CODE_POINTS = 1024 * 1024;
    static final int MAX_NODES = 10_000;
    static final int MAX_DEPTH = 32;
    private static final Set<String> TRUE = Set.of("true", "yes", "on", "y");
    private static final Set<String> FALSE = Set.of("false", "no", "off", "n");

    private final String fileName;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private int nodesSeen;

    private YamlConfigReader(String fileName) {
        this.fileName = fileName;
    }

    /** Raised when a document is too large or too deeply aliased to read. */
    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    public static ConfigFileContent read(String text, String fileName) {
        return new YamlConfigReader(fileName).readDocument(text);
    }

    private ConfigFileContent readDocument(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setAllowRecursiveKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options);
        Node root;
        try {
            root = yaml.compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark != null ? ", line " + (mark.getLine() + 1) : "";
            return unreadable(where, firstLine(e.getProblem() != null ? e.getProblem() : e.getMessage()));
        } catch (YAMLException | StackOverflowError e) {
            return unreadable("", firstLine(String.valueOf(e.getMessage())));
        }
        if (root == null) {
            return ConfigFileContent.withoutEntry(problems);
        }
        try {
            ConfigFileContent content = readRoot(root);
            return content.readable() && root instanceof MappingNode
                    ? content.withOptOutDoubts(OptOut.capped(strayOptOuts((MappingNode) root), fileName)) : content;
        } catch (TooLarge e) {
            return unreadable(", line " + line(root), e.getMessage());
        }
    }

    private ConfigFileContent readRoot(Node root) {
        if (!(root instanceof MappingNode)) {
            return unreadable(", line " + line(root), "the document must be a map with a 'services' key");
        }
        List<NodeTuple> allServices = children((MappingNode) root, ErlangConfigReader.SERVICES);
        if (allServices.isEmpty()) {
            return ConfigFileContent.withoutEntry(problems);
        }
        Node services = allServices.get(0).getValueNode();
        if (allServices.size() > 1) {
            // SnakeYAML would let the last one win; which one the administrator meant is anyone's guess.
            return ConfigFileContent.withEntry(Map.of(), problems).withOptOutDoubts(List.of(doubt(
                    allServices.get(1).getKeyNode(), "the key 'services' is written " + allServices.size() + " times (again "
                            + "here; first on line " + line(allServices.get(0).getKeyNode()) + "); write it once, with "
                            + "every service under it.")));
        }
        if (services instanceof ScalarNode && ((ScalarNode) services).getTag().equals(Tag.NULL)) {
            return ConfigFileContent.withoutEntry(problems);
        }
        if (!(services instanceof MappingNode)) {
            return unreadable(", line " + line(services), "'services' must be a map of service names to their settings");
        }
        List<NodeTuple> entries = children((MappingNode) services, ErlangConfigReader.ENTRY);
        if (entries.isEmpty()) {
            return ConfigFileContent.withoutEntry(problems);
        }
        Node entry = entries.get(0).getValueNode();
        Map<String, ConfigValue> settings = new LinkedHashMap<>();
        List<ConfigProblem> doubts = new ArrayList<>();
        if (entries.size() > 1) {
            doubts.add(doubt(entries.get(1).getKeyNode(), ErlangConfigReader.ENTRY + " is written " + entries.size()
                    + " times (again here; first on line " + line(entries.get(0).getKeyNode())
                    + "); keep one entry with all its settings."));
        }
        if (entry instanceof MappingNode) {
            for (NodeTuple tuple : ((MappingNode) entry).getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (!(keyNode instanceof ScalarNode)) {
                    doubts.add(doubt(keyNode, "a key of " + ErlangConfigReader.ENTRY + " is not a plain word."));
                    continue;
                }
                if (keyNode.getTag().equals(Tag.MERGE)) {
                    // What it brings in is not read as settings; an opt-out in it is an ERROR of strayOptOuts.
                    problems.add(ConfigProblem.warning(fileName + ", line " + line(keyNode) + ": the merge key << is not "
                            + "read in " + ErlangConfigReader.ENTRY + "; write its settings in the entry itself"));
                    continue;
                }
                String key = ((ScalarNode) keyNode).getValue();
                int problemsBefore = problems.size();
                ConfigValue value = value(tuple.getValueNode(), 0);
                if (value == null) {
                    // Said once, at the key, by the binder, which knows whether the key may be an opt-out.
                    problems.subList(problemsBefore, problems.size()).clear();
                    value = ConfigValue.refused(line(tuple.getValueNode()), "a value with the tag "
                            + LogText.oneLine(tuple.getValueNode().getTag().getValue(), LogText.MAX_CHARS)
                            + ", which is not allowed in this file (plain values only)");
                }
                if (settings.containsKey(key)) {
                    doubts.add(doubt(keyNode, "the key '" + LogText.oneLine(key, LogText.MAX_CHARS) + "' is written twice "
                            + "in " + ErlangConfigReader.ENTRY + " (first on line " + settings.get(key).line()
                            + "); keep one."));
                    continue;
                }
                settings.put(key, value);
            }
        } else if (entry instanceof SequenceNode) {
            // The Erlang habit carried over: a list of bare words such as [report].
            for (Node item : ((SequenceNode) entry).getValue()) {
                if (!(item instanceof ScalarNode)) {
                    doubts.add(doubt(item, "an item in the " + ErlangConfigReader.ENTRY + " list is not a plain word "
                            + "such as no_report."));
                    continue;
                }
                String word = ((ScalarNode) item).getValue();
                if (settings.containsKey(word)) {
                    doubts.add(doubt(item, "the word '" + LogText.oneLine(word, LogText.MAX_CHARS) + "' is written twice "
                            + "in the " + ErlangConfigReader.ENTRY + " list; keep one."));
                    continue;
                }
                settings.put(word, new ConfigValue(Boolean.TRUE, line(item)));
            }
        } else if (!(entry instanceof ScalarNode && ((ScalarNode) entry).getTag().equals(Tag.NULL))) {
            String written = entry instanceof ScalarNode ? ((ScalarNode) entry).getValue() : "";
            String hint = written.matches("(?s)\\s*[^\\s:]+:\\S.*")
                    ? " It reads as the single word " + LogText.quoted(written) + " because YAML needs a space after the "
                            + "colon of a key."
                    : "";
            doubts.add(doubt(entry, ErlangConfigReader.ENTRY + " must be a map of settings, not a single value." + hint));
        }
        return ConfigFileContent.withEntry(settings, problems).withOptOutDoubts(doubts);
    }

    /**
     * Every word outside the one place an opt-out is read (a key of the entry itself) that may be meant as one:
     * at the top level, beside the entry, nested at any depth, or brought in by an alias or merge key. The entries'
     * values are walked first, so what an alias brings into an entry is judged as part of it; each node once.
     */
    private List<ConfigProblem> strayOptOuts(MappingNode root) {
        List<ConfigProblem> found = new ArrayList<>();
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (NodeTuple top : root.getValue()) {
            if (isServices(top)) {
                for (NodeTuple service : ((MappingNode) top.getValueNode()).getValue()) {
                    if (ErlangConfigReader.ENTRY.equals(keyText(service.getKeyNode()))) {
                        seen.add(service.getKeyNode());
                        Node entry = service.getValueNode();
                        // A list or a single value in the entry's place is judged by readRoot.
                        if (seen.add(entry) && entry instanceof MappingNode) {
                            for (NodeTuple option : ((MappingNode) entry).getValue()) {
                                seen.add(option.getKeyNode());
                                if (!Setting.fileKeys().contains(keyText(option.getKeyNode()))) {
                                    value(option.getKeyNode(), option.getValueNode(), OptOut.Place.IN_ENTRY_VALUE, seen,
                                            found);
                                }
                                walk(option.getValueNode(), OptOut.Place.IN_ENTRY_VALUE, seen, found, 0);
                            }
                        }
                    }
                }
            }
        }
        for (NodeTuple top : root.getValue()) {
            if (isServices(top)) {
                if (seen.add(top.getValueNode())) {
                    for (NodeTuple service : ((MappingNode) top.getValueNode()).getValue()) {
                        word(service.getKeyNode(), service.getValueNode(), OptOut.Place.BESIDE_ENTRY, seen, found);
                        walk(service.getValueNode(), OptOut.Place.OTHER_SERVICE, seen, found, 0);
                    }
                }
            } else {
                word(top.getKeyNode(), top.getValueNode(), OptOut.Place.TOP_LEVEL, seen, found);
                walk(top.getValueNode(), OptOut.Place.NESTED, seen, found, 0);
            }
        }
        return found;
    }

    private static boolean isServices(NodeTuple top) {
        return ErlangConfigReader.SERVICES.equals(keyText(top.getKeyNode())) && top.getValueNode() instanceof MappingNode;
    }

    private void walk(Node node, OptOut.Place place, Set<Node> seen, List<ConfigProblem> found, int depth) {
        if (depth > MAX_DEPTH * 2 || !seen.add(node)) {
            return;
        }
        if (node instanceof MappingNode) {
            for (NodeTuple tuple : ((MappingNode) node).getValue()) {
                word(tuple.getKeyNode(), tuple.getValueNode(), place, seen, found);
                walk(tuple.getValueNode(), place, seen, found, depth + 1);
            }
        } else if (node instanceof SequenceNode) {
            for (Node item : ((SequenceNode) node).getValue()) {
                if (item instanceof ScalarNode) {
                    word(item, null, place, seen, found); // a word in a list, as in [no_report], means "true"
                } else {
                    walk(item, place, seen, found, depth + 1);
                }
            }
        }
    }

    /** @param value the node the word is the key of, or null for a word in a list */
    private void word(Node word, Node value, OptOut.Place place, Set<Node> seen, List<ConfigProblem> found) {
        if (!(word instanceof ScalarNode) || !seen.add(word)) {
            return;
        }
        OptOut.strayMention(((ScalarNode) word).getValue(), value == null ? Boolean.TRUE : plain(value), place)
                .ifPresent(mention -> found.add(OptOut.stray(fileName, line(word), mention, place, ConfigOrigin.Kind.YAML)));
        if (value != null) {
            value(word, value, place, seen, found);
        }
    }

    /** A plain value that spells no_report: {@code mode: no_report}. */
    private void value(Node key, Node value, OptOut.Place place, Set<Node> seen, List<ConfigProblem> found) {
        if (key instanceof ScalarNode && value instanceof ScalarNode && ((ScalarNode) value).getTag().equals(Tag.STR)
                && seen.add(value)) {
            OptOut.strayValue(((ScalarNode) key).getValue(), ((ScalarNode) value).getValue()).ifPresent(mention ->
                    found.add(OptOut.stray(fileName, line(value), mention, place, ConfigOrigin.Kind.YAML)));
        }
    }

    /** A value as {@link ConfigValue#value()} would hold it, enough to tell true from false from anything else. */
    private static Object plain(Node node) {
        if (node instanceof MappingNode) {
            return Map.of();
        }
        if (node instanceof SequenceNode) {
            return List.of();
        }
        ScalarNode scalar = (ScalarNode) node;
        Boolean bool = bool(scalar);
        if (bool != null) {
            return bool;
        }
        return scalar.getTag().equals(Tag.NULL) ? null : scalar.getValue();
    }

    /** A YAML 1.1 true or false (yes, off, ...), else null. */
    private static Boolean bool(ScalarNode scalar) {
        String lower = scalar.getValue().toLowerCase(Locale.ROOT);
        if (!scalar.getTag().equals(Tag.BOOL)) {
            return null;
        }
        return TRUE.contains(lower) ? Boolean.TRUE : FALSE.contains(lower) ? Boolean.FALSE : null;
    }

    private ConfigProblem doubt(Node at, String what) {
        return ConfigProblem.error(fileName + ", line " + line(at) + ": " + what + OptOut.advice(ConfigOrigin.Kind.YAML));
    }

    private ConfigValue value(Node node, int depth) {
        if (++nodesSeen > MAX_NODES) {
            throw new TooLarge("the document expands to more than " + MAX_NODES + " values (aliases?)");
        }
        if (depth > MAX_DEPTH) {
            // Also the guard against an alias that contains itself (&a [*a]), which SnakeYAML composes.
            throw new TooLarge("values are nested more than " + MAX_DEPTH + " deep (an alias inside itself?)");
        }
        if (node instanceof ScalarNode) {
            return scalar((ScalarNode) node);
        }
        if (node instanceof SequenceNode) {
            List<ConfigValue> items = new ArrayList<>();
            for (Node item : ((SequenceNode) node).getValue()) {
                ConfigValue value = value(item, depth + 1);
                if (value != null) {
                    items.add(value);
                }
            }
            return checkTag(node) ? new ConfigValue(items, line(node)) : null;
        }
        Map<String, ConfigValue> map = new LinkedHashMap<>();
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            ConfigValue value = value(tuple.getValueNode(), depth + 1);
            if (value != null) {
                map.put(keyText(tuple.getKeyNode()), value);
            }
        }
        return checkTag(node) ? new ConfigValue(map, line(node)) : null;
    }

    private ConfigValue scalar(ScalarNode node) {
        Tag tag = node.getTag();
        String text = node.getValue();
        int line = line(node);
        if (tag.equals(Tag.STR)) {
            return new ConfigValue(text, line);
        }
        if (tag.equals(Tag.NULL)) {
            return new ConfigValue(null, line);
        }
        if (tag.equals(Tag.BOOL)) {
            Boolean bool = bool(node);
            return new ConfigValue(bool != null ? bool : text, line);
        }
        if (tag.equals(Tag.INT)) {
            BigInteger number = integer(text);
            if (number != null) {
                return new ConfigValue(number.bitLength() < 64 ? (Object) number.longValue() : number, line);
            }
            return new ConfigValue(text, line);
        }
        if (tag.equals(Tag.FLOAT)) {
            try {
                return new ConfigValue(Double.parseDouble(text.replace("_", "")), line);
            } catch (NumberFormatException e) {
                return new ConfigValue(text, line);
            }
        }
        return checkTag(node) ? new ConfigValue(text, line) : null;
    }

    private boolean checkTag(Node node) {
        Tag tag = node.getTag();
        if (tag.equals(Tag.SEQ) || tag.equals(Tag.MAP) || tag.equals(Tag.STR)) {
            return true;
        }
        problems.add(ConfigProblem.error(fileName + ", line " + line(node) + ": the tag " + tag.getValue()
                + " is not allowed in this file (plain values only); that value is ignored"));
        return false;
    }

    private static BigInteger integer(String text) {
        String t = text.replace("_", "");
        if (t.length() > 1000) {
            return null;
        }
        boolean negative = t.startsWith("-");
        if (negative || t.startsWith("+")) {
            t = t.substring(1);
        }
        int radix = t.startsWith("0x") ? 16 : t.startsWith("0o") ? 8 : t.startsWith("0b") ? 2 : 10;
        try {
            BigInteger value = new BigInteger(radix == 10 ? t : t.substring(2), radix);
            return negative ? value.negate() : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<NodeTuple> children(MappingNode map, String key) {
        return map.getValue().stream().filter(t -> key.equals(keyText(t.getKeyNode()))).collect(Collectors.toList());
    }

    private static String keyText(Node key) {
        return key instanceof ScalarNode ? ((ScalarNode) key).getValue() : "(a " + key.getNodeId() + " key)";
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private ConfigFileContent unreadable(String where, String why) {
        return ConfigFileContent.unreadable(ConfigProblem.error(fileName + where + ": " + why
                + ". The file cannot be read, so reporting stays off until it is fixed."));
    }

    /** SnakeYAML's words may quote the document: one line, shortened, like every value we log. */
    private static String firstLine(String message) {
        String m = message == null ? "malformed YAML" : message.trim();
        int nl = m.indexOf('\n');
        return LogText.oneLine(nl < 0 ? m : m.substring(0, nl), 200);
    }
}
