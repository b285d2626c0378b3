package org.systemmetrics.core.config;

import java.math.BigInteger;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.systemmetrics.core.config.ConfigTree.Kind;
import org.systemmetrics.core.text.Texts;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads {@code system_metrics.yml} into a {@link ConfigTree}. The document is only composed into nodes, never
 * constructed into objects, so no tag can make SnakeYAML instantiate a class; aliases, nesting and size are bounded
 * so that a hostile file (a "billion laughs") ends in an error instead of exhausting memory.
 */
final class YamlConfigReader {
    private static final Texts TEXTS = Texts.of(YamlConfigReader.class);
    private static final Map<String, Object> BOOLEANS = Map.of("true", true, "yes", true, "on", true, "y", true,
            "false", false, "no", false, "off", false, "n", false);
    private static final Set<Tag> CONTAINER_TAGS = Set.of(Tag.SEQ, Tag.MAP, Tag.STR);
    /** A scalar's value by its tag, as {@link ConfigValue#value()} holds it; any other tag is refused. */
    private static final Map<Tag, Function<String, Object>> SCALARS = Map.of(Tag.STR, text -> text,
            Tag.SEQ, text -> text, Tag.MAP, text -> text, Tag.NULL, text -> null, Tag.BOOL,
            text -> BOOLEANS.getOrDefault(text.toLowerCase(Locale.ROOT), text),
            Tag.INT, YamlConfigReader::integer, Tag.FLOAT, YamlConfigReader::decimal);

    private YamlConfigReader() {
    }

    static ConfigFileContent read(String text, String fileName) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(ConfigTree.MAX_DEPTH);
        options.setCodePointLimit(1024 * 1024);
        Node root;
        try {
            root = new Composer(new ParserImpl(new StreamReader(text), options), new Resolver(), options)
                    .getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            return ConfigFileContent.unreadable(fileName, mark == null ? 0 : mark.getLine() + 1,
                    firstLine(e.getProblem() != null ? e.getProblem() : e.getMessage()));
        } catch (YAMLException | StackOverflowError e) {
            return ConfigFileContent.unreadable(fileName, 0, firstLine(String.valueOf(e.getMessage())));
        }
        if (root == null) {
            return ConfigFileContent.withoutEntry(List.of());
        }
        if (!(root instanceof MappingNode)) {
            return ConfigFileContent.unreadable(fileName, line(root), TEXTS.get("yaml.not_a_map"));
        }
        ConfigTree tree = new ConfigTree(node(root, new IdentityHashMap<>()), fileName, ConfigOrigin.Kind.YAML);
        List<NodeTuple> services = ((MappingNode) root).getValue().stream()
                .filter(t -> ConfigTree.SERVICES.equals(keyText(t.getKeyNode()))).collect(Collectors.toList());
        if (services.size() > 1) {
            // SnakeYAML would let the last one win; which one the administrator meant is anyone's guess.
            ConfigProblem twice = OptOut.doubt(TEXTS.get("yaml.services_twice", fileName,
                    line(services.get(1).getKeyNode()), services.size(), line(services.get(0).getKeyNode())),
                    ConfigOrigin.Kind.YAML);
            return ConfigFileContent.withEntry(Map.of(), List.of()).withOptOutDoubts(List.of(twice))
                    .withOptOutDoubts(tree.strays());
        }
        Node value = services.isEmpty() ? null : services.get(0).getValueNode();
        if (value != null && !(value instanceof MappingNode) && !value.getTag().equals(Tag.NULL)) {
            return ConfigFileContent.unreadable(fileName, line(value), TEXTS.get("yaml.services_not_a_map"));
        }
        return tree.content();
    }

    /** The node as the tree holds it; an alias is the node it names, converted once. */
    private static ConfigTree.Node node(Node node, Map<Node, ConfigTree.Node> converted) {
        ConfigTree.Node done = converted.get(node);
        if (done != null) {
            return done;
        }
        Tag tag = node.getTag();
        String text = keyText(node);
        Function<String, Object> scalar = SCALARS.get(tag);
        done = node instanceof ScalarNode
                ? new ConfigTree.Node(Kind.WORD, line(node), text, scalar == null ? text : scalar.apply(text),
                        scalar == null ? tag.getValue() : null)
                : new ConfigTree.Node(node instanceof SequenceNode ? Kind.LIST : Kind.MAP, line(node), text, null,
                        CONTAINER_TAGS.contains(tag) ? null : tag.getValue());
        converted.put(node, done);
        if (node instanceof SequenceNode) {
            for (Node item : ((SequenceNode) node).getValue()) {
                done.items.add(node(item, converted));
            }
        } else if (node instanceof MappingNode) {
            for (NodeTuple tuple : ((MappingNode) node).getValue()) {
                done.put(node(tuple.getKeyNode(), converted), node(tuple.getValueNode(), converted));
            }
        }
        return done;
    }

    /** Decimal, 0x, 0o or 0b, with _ separators; a number too long or malformed stays text. */
    private static Object integer(String text) {
        String digits = text.replace("_", "");
        boolean negative = digits.startsWith("-");
        if (digits.length() <= ConfigTree.MAX_DIGITS) {
            digits = negative || digits.startsWith("+") ? digits.substring(1) : digits;
            int radix = digits.startsWith("0x") ? 16 : digits.startsWith("0o") ? 8 : digits.startsWith("0b") ? 2 : 10;
            try {
                BigInteger value = new BigInteger(radix == 10 ? digits : digits.substring(2), radix);
                return ConfigValue.integer(negative ? value.negate() : value);
            } catch (NumberFormatException e) {
                // stays text, which the binder refuses as no number
            }
        }
        return text;
    }

    private static Object decimal(String text) {
        try {
            return Double.parseDouble(text.replace("_", ""));
        } catch (NumberFormatException e) {
            return text;
        }
    }

    /** A scalar's text; a map or list, which as a key is no name the tree looks for, by its kind. */
    private static String keyText(Node key) {
        return key instanceof ScalarNode ? ((ScalarNode) key).getValue() : "(a " + key.getNodeId() + " key)";
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** SnakeYAML's words may quote the document: one line, shortened, like every value we log. */
    private static String firstLine(String message) {
        String m = message == null ? TEXTS.get("yaml.malformed") : message.trim();
        return LogText.oneLine(m.split("\n", 2)[0], 200);
    }
}
