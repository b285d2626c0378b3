package org.systemmetrics.core.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.systemmetrics.core.config.ConfigTree.Kind;
import org.systemmetrics.core.config.ConfigTree.Node;
import org.systemmetrics.core.text.Texts;

/**
 * Reads {@code system_metrics.config}, MongooseIM's {@code {services, [{service_mongoose_system_metrics, [...]}]}.}
 * or the bare entry, among any other terms, into a {@link ConfigTree}. Nothing is evaluated. Input cut short (a
 * snippet copied without its closing brackets) is refused: what was cut off may have been an opt-out.
 */
final class ErlangConfigReader {
    private static final Texts TEXTS = Texts.of(ErlangConfigReader.class);
    private static final int MAX_DEPTH = 64;
    private static final int MAX_TERMS = 100_000;
    /**
     * An unquoted ID as in MongooseIM's announcement ({@code {tracking_id, UA-XXXX-Y}}): read only as a tracking ID,
     * so that the binder refuses it naming {@code tracking_id}; anywhere else it makes the file unreadable.
     */
    private static final Pattern TRACKING_ID_WORD = Pattern.compile("(UA|G)-[A-Za-z0-9-]+");
    /** Sign, then Base#Digits, or digits with a fraction or an exponent (a float). */
    private static final Pattern NUMBER = Pattern.compile(
            "([+-]?)(?:([0-9]{1,2})#([0-9A-Za-z]+)|[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?)");
    private static final Map<String, Object> BOOLEANS = Map.of("true", Boolean.TRUE, "false", Boolean.FALSE);
    private static final Map<Character, Character> ESCAPES = Map.of('n', '\n', 't', '\t', 'r', '\r', 's', ' ');

    private static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxError(int line, String message) {
            super(TEXTS.get("erlang.at_line", line, message), null, false, false);
        }
    }

    private final String text;
    private final Set<Node> bareWords = new LinkedHashSet<>();
    private int pos;
    private int line = 1;
    private int termCount;

    private ErlangConfigReader(String text) {
        this.text = text;
    }

    static ConfigFileContent read(String text, String fileName) {
        ErlangConfigReader reader = new ErlangConfigReader(text);
        try {
            ConfigTree tree = new ConfigTree(reader.terms(), fileName, ConfigOrigin.Kind.ERLANG);
            reader.checkBareWords(tree);
            return tree.content();
        } catch (SyntaxError e) {
            return ConfigFileContent.unreadable(fileName, 0, e.getMessage());
        }
    }

    /** An unquoted word is allowed only in the value of the entry's tracking_id option. */
    private void checkBareWords(ConfigTree tree) throws SyntaxError {
        tree.entries.stream().filter(entry -> entry.value.kind == Kind.LIST)
                .flatMap(entry -> entry.value.items.stream()).filter(option -> option.kind == Kind.PAIR)
                .map(option -> option.pairs.get(0)).filter(pair -> Setting.TRACKING_ID.key().equals(pair.key.text))
                .forEach(pair -> allow(pair.value));
        if (!bareWords.isEmpty()) {
            Node word = bareWords.iterator().next();
            throw new SyntaxError(word.line, TEXTS.get("erlang.unquoted_word", word.text.charAt(0)));
        }
    }

    private void allow(Node node) {
        bareWords.remove(node);
        node.pairs.forEach(pair -> allow(pair.value));
        node.items.forEach(this::allow);
    }

    private Node terms() throws SyntaxError {
        Node terms = new Node(Kind.LIST, 1, "[...]", null, null);
        skipBlank();
        while (pos < text.length()) {
            terms.items.add(term(0));
            skipBlank();
            if (pos < text.length()) {
                // A bare entry copied out of a list still has its trailing comma.
                if (text.charAt(pos) != '.' && text.charAt(pos) != ',') {
                    throw new SyntaxError(line, TEXTS.get("erlang.no_term_end", printable(text.charAt(pos))));
                }
                pos++;
                skipBlank();
            }
        }
        return terms;
    }

    private Node term(int depth) throws SyntaxError {
        if (depth > MAX_DEPTH) {
            throw new SyntaxError(line, TEXTS.get("erlang.too_deep", MAX_DEPTH));
        }
        if (++termCount > MAX_TERMS) {
            throw new SyntaxError(line, TEXTS.get("erlang.too_many_terms", MAX_TERMS));
        }
        skipBlank();
        if (pos >= text.length()) {
            throw new SyntaxError(line, TEXTS.get("erlang.ends_early"));
        }
        char c = text.charAt(pos);
        int start = line;
        if (c == '{' || c == '[') {
            pos++;
            List<Node> elements = sequence(c, depth, start);
            if (c == '{' && elements.size() == 2 && elements.get(0).kind == Kind.WORD) {
                // {key, Value} with an atom for its key: a map of one entry
                return new Node(Kind.PAIR, start, "{...}", null, null).put(elements.get(0), elements.get(1));
            }
            Node container = new Node(c == '{' ? Kind.TUPLE : Kind.LIST, start, c == '{' ? "{...}" : "[...]", null, null);
            container.items.addAll(elements);
            return container;
        }
        if (c == '"') {
            String value = quoted('"');
            return new Node(Kind.TEXT, start, value, value, null);
        }
        if (c == '\'') {
            return atom(quoted('\''), start);
        }
        if (c == '<' && text.startsWith("<<", pos)) {
            return binary(start);
        }
        if (c == '-' || c == '+' || isDigit(c)) {
            return number(start);
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            boolean capital = c <= 'Z';
            int begin = pos;
            while (pos < text.length() && (isAtomChar(text.charAt(pos)) || (capital && text.charAt(pos) == '-'))) {
                pos++;
            }
            String word = text.substring(begin, pos);
            if (!capital) {
                return atom(word, start);
            }
            if (TRACKING_ID_WORD.matcher(word).matches()) {
                Node bare = new Node(Kind.OTHER, start, word, new ConfigValue.BareWord(word), null);
                bareWords.add(bare);
                return bare;
            }
            throw new SyntaxError(line, TEXTS.get("erlang.capital_word", c, word.length()));
        }
        throw new SyntaxError(line, TEXTS.get("erlang.no_value", printable(c)));
    }

    private List<Node> sequence(char open, int depth, int openedAt) throws SyntaxError {
        char close = open == '{' ? '}' : ']';
        List<Node> elements = new ArrayList<>();
        skipBlank();
        if (pos < text.length() && text.charAt(pos) == close) {
            pos++;
            return elements;
        }
        while (true) {
            if (pos < text.length()) {
                elements.add(term(depth + 1));
                skipBlank();
            }
            if (pos >= text.length()) {
                throw new SyntaxError(openedAt, TEXTS.get("erlang.open_at_end", open, close));
            }
            char c = text.charAt(pos++);
            if (c == close) {
                return elements;
            }
            boolean finalDot = c == '.' && (pos >= text.length() || Character.isWhitespace(text.charAt(pos))
                    || text.charAt(pos) == '%');
            if (c != ',') {
                throw new SyntaxError(line, finalDot ? TEXTS.get("erlang.open_at_final_dot", open, openedAt)
                        : TEXTS.get("erlang.no_separator", close, printable(c)));
            }
            skipBlank();
        }
    }

    private String quoted(char quote) throws SyntaxError {
        int start = line;
        pos++;
        StringBuilder out = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return out.toString();
            }
            if (c == '\n') {
                line++;
            }
            if (c == '\\' && pos < text.length()) {
                char escaped = text.charAt(pos++);
                out.append(ESCAPES.getOrDefault(escaped, escaped));
            } else {
                out.append(c);
            }
        }
        throw new SyntaxError(start, TEXTS.get("erlang.text_open", quote));
    }

    private Node binary(int start) throws SyntaxError {
        pos += 2;
        skipBlank();
        String value = "";
        if (pos < text.length() && text.charAt(pos) == '"') {
            value = quoted('"');
            skipBlank();
        }
        if (!text.startsWith(">>", pos)) {
            throw new SyntaxError(line, TEXTS.get("erlang.binary"));
        }
        pos += 2;
        return new Node(Kind.TEXT, start, value, value, null);
    }

    private Node number(int start) throws SyntaxError {
        int begin = pos++; // the sign or the first digit
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                || text.charAt(pos) == '#'
                || (text.charAt(pos) == '.' && pos + 1 < text.length() && isDigit(text.charAt(pos + 1))))) {
            pos++;
        }
        String raw = text.substring(begin, pos).replace("_", "");
        if (raw.length() > ConfigTree.MAX_DIGITS) {
            throw new SyntaxError(start, TEXTS.get("erlang.long_number", ConfigTree.MAX_DIGITS));
        }
        // Only ASCII: Java would read other scripts' digits (\u0663\u0660\u0660 as 300), Erlang does not.
        Matcher m = NUMBER.matcher(raw);
        try {
            if (m.matches()) {
                Object value = m.group(4) != null || m.group(5) != null ? (Object) Double.parseDouble(raw)
                        : ConfigValue.integer(m.group(2) == null ? new BigInteger(raw)
                                : new BigInteger(m.group(1) + m.group(3), Integer.parseInt(m.group(2))));
                return new Node(Kind.OTHER, start, raw, value, null);
            }
        } catch (NumberFormatException e) {
            // a radix or digit Java refuses: not a number either
        }
        // Names the shape, never the word: an unquoted secret that starts with a digit lands here.
        throw new SyntaxError(start, TEXTS.get("erlang.not_a_number", raw.length()));
    }

    private static Node atom(String name, int line) {
        return new Node(Kind.WORD, line, name, BOOLEANS.getOrDefault(name, name), null);
    }

    private void skipBlank() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '%') {
                int lineEnd = text.indexOf('\n', pos);
                pos = lineEnd < 0 ? text.length() : lineEnd;
            } else if (Character.isWhitespace(c)) {
                if (c == '\n') {
                    line++;
                }
                pos++;
            } else {
                return;
            }
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAtomChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '@';
    }

    private static String printable(char c) {
        return LogText.oneLine(String.valueOf(c), 1);
    }
}
