package org.systemmetrics.core.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the Erlang terms of a MongooseIM-style configuration file: atoms, quoted atoms, strings, binaries,
 * integers (with {@code _} separators and {@code Base#Digits}), floats, tuples and lists, {@code %} comments,
 * terms separated by {@code .}. Nothing is evaluated. Input that is cut short (a snippet copied without its
 * closing brackets) is refused: what was cut off may have been an opt-out. Numbers are ASCII digits only. An
 * unquoted word that looks like a tracking ID ({@code UA-XXXX-Y}, {@code G-XXXXXXX}) is read as a
 * {@link ErlangTerm.BareWord}, for the reader to accept where a tracking ID is expected and refuse elsewhere.
 */
final class ErlangTermParser {
    static final int MAX_DEPTH = 64;
    static final int MAX_TERMS = 100_000;
    private static final Pattern TRACKING_ID_WORD = Pattern.compile("(UA|G)-[A-Za-z0-9-]+");
    private static final Pattern NUMBER = Pattern.compile(
            "[+-]?([0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?|[0-9]{1,2}#[0-9A-Za-z]+)");

    /** Thrown for input that is not Erlang terms; the message names the line. */
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        SyntaxError(int line, String message) {
            super("line " + line + ": " + message);
            this.line = line;
        }
    }

    private final String text;
    private final List<String> warnings = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int termCount;

    private ErlangTermParser(String text) {
        this.text = text;
    }

    /** The top-level terms and any warnings about the input. */
    static final class Result {
        final List<ErlangTerm> terms;
        final List<String> warnings;

        Result(List<ErlangTerm> terms, List<String> warnings) {
            this.terms = terms;
            this.warnings = warnings;
        }
    }

    static Result parse(String text) throws SyntaxError {
        ErlangTermParser parser = new ErlangTermParser(text);
        List<ErlangTerm> terms = new ArrayList<>();
        parser.skipBlank();
        while (parser.pos < text.length()) {
            terms.add(parser.term(0));
            parser.skipBlank();
            if (parser.pos < text.length()) {
                char c = text.charAt(parser.pos);
                if (c == '.') {
                    parser.pos++;
                } else if (c == ',') {
                    parser.pos++; // a bare entry copied out of a list still has its trailing comma
                } else {
                    throw new SyntaxError(parser.line, "expected '.' after a term, found '" + c + "'");
                }
                parser.skipBlank();
            }
        }
        return new Result(terms, parser.warnings);
    }

    private ErlangTerm term(int depth) throws SyntaxError {
        if (depth > MAX_DEPTH) {
            throw new SyntaxError(line, "terms are nested more than " + MAX_DEPTH + " deep");
        }
        if (++termCount > MAX_TERMS) {
            throw new SyntaxError(line, "more than " + MAX_TERMS + " terms");
        }
        skipBlank();
        if (pos >= text.length()) {
            throw new SyntaxError(line, "the file ends where a value was expected");
        }
        char c = text.charAt(pos);
        int start = line;
        if (c == '{') {
            pos++;
            return new ErlangTerm.Tuple(sequence('}', depth, start), start);
        }
        if (c == '[') {
            pos++;
            return new ErlangTerm.ListTerm(sequence(']', depth, start), start);
        }
        if (c == '"') {
            return new ErlangTerm.Text(quoted('"'), start);
        }
        if (c == '\'') {
            return new ErlangTerm.Atom(quoted('\''), start);
        }
        if (c == '<' && text.startsWith("<<", pos)) {
            return binary(start);
        }
        if (c == '-' || c == '+' || isDigit(c)) {
            return number(start);
        }
        if (c >= 'A' && c <= 'Z') {
            int begin = pos;
            while (pos < text.length() && (isAtomChar(text.charAt(pos)) || text.charAt(pos) == '-')) {
                pos++;
            }
            String word = text.substring(begin, pos);
            if (TRACKING_ID_WORD.matcher(word).matches()) {
                return new ErlangTerm.BareWord(word, start);
            }
            throw new SyntaxError(line, "expected a value (an atom such as report, a number, a \"text\" in double "
                    + "quotes, {...} or [...]) but found an unquoted word starting with '" + c + "' (" + word.length()
                    + " characters); Erlang reads words starting with a capital letter as variables, which a "
                    + "configuration cannot have");
        }
        if (c >= 'a' && c <= 'z') {
            int begin = pos;
            while (pos < text.length() && isAtomChar(text.charAt(pos))) {
                pos++;
            }
            return new ErlangTerm.Atom(text.substring(begin, pos), start);
        }
        throw new SyntaxError(line, "expected a value (an atom such as report, a number, a \"text\" in double quotes, "
                + "{...} or [...]) but found '" + printable(c) + "'");
    }

    private List<ErlangTerm> sequence(char close, int depth, int openedAt) throws SyntaxError {
        List<ErlangTerm> elements = new ArrayList<>();
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
                throw notClosedAtEnd(close, openedAt);
            }
            char c = text.charAt(pos);
            if (c == ',') {
                pos++;
                skipBlank();
            } else if (c == close) {
                pos++;
                return elements;
            } else if (c == '.' && isTermEnd()) {
                throw new SyntaxError(line, "'" + (close == '}' ? '{' : '[') + "' opened on line " + openedAt
                        + " is not closed before the final '.'");
            } else {
                throw new SyntaxError(line, "expected ',' or '" + close + "', found '" + printable(c) + "'");
            }
        }
    }

    private static SyntaxError notClosedAtEnd(char close, int openedAt) {
        return new SyntaxError(openedAt, "'" + (close == '}' ? '{' : '[') + "' opened here is not closed before the "
                + "end of the file (expected '" + close + "'); whatever followed it, a no_report too, may be missing");
    }

    private boolean isTermEnd() {
        int next = pos + 1;
        return next >= text.length() || Character.isWhitespace(text.charAt(next)) || text.charAt(next) == '%';
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
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n': out.append('\n'); break;
                    case 't': out.append('\t'); break;
                    case 'r': out.append('\r'); break;
                    case 's': out.append(' '); break;
                    default: out.append(e);
                }
            } else {
                out.append(c);
            }
        }
        throw new SyntaxError(start, "text starting with " + quote + " is not closed");
    }

    private ErlangTerm binary(int start) throws SyntaxError {
        pos += 2;
        skipBlank();
        String value = "";
        if (pos < text.length() && text.charAt(pos) == '"') {
            value = quoted('"');
            skipBlank();
        }
        if (!text.startsWith(">>", pos)) {
            throw new SyntaxError(line, "only <<\"text\">> binaries are understood here");
        }
        pos += 2;
        return new ErlangTerm.Text(value, start);
    }

    private ErlangTerm number(int start) throws SyntaxError {
        int begin = pos;
        if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
            pos++;
        }
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                || text.charAt(pos) == '#'
                || (text.charAt(pos) == '.' && pos + 1 < text.length() && isDigit(text.charAt(pos + 1))))) {
            pos++;
        }
        String raw = text.substring(begin, pos).replace("_", "");
        if (raw.length() > 1000) {
            throw new SyntaxError(start, "number with more than 1000 digits");
        }
        // Only ASCII: Java would read other scripts' digits (\u0663\u0660\u0660 as 300), Erlang does not.
        if (!NUMBER.matcher(raw).matches()) {
            throw notANumber(start, raw);
        }
        try {
            if (raw.contains("#")) {
                int hash = raw.indexOf('#');
                boolean negative = raw.startsWith("-");
                int radix = Integer.parseInt(raw.substring(negative || raw.startsWith("+") ? 1 : 0, hash));
                BigInteger value = new BigInteger(raw.substring(hash + 1), radix);
                return new ErlangTerm.Num(negative ? value.negate() : value, start);
            }
            if (raw.contains(".") || raw.contains("e") || raw.contains("E")) {
                return new ErlangTerm.Num(Double.parseDouble(raw), start);
            }
            return new ErlangTerm.Num(new BigInteger(raw), start);
        } catch (NumberFormatException e) {
            throw notANumber(start, raw);
        }
    }

    /** Names the shape, never the word: an unquoted secret that starts with a digit lands here. */
    private static SyntaxError notANumber(int line, String raw) {
        return new SyntaxError(line, "expected a number (digits 0-9, such as 300000, 3_600_000 or 16#FFFF) but found "
                + "a word of " + raw.length() + " characters starting with a digit; a text must be in double quotes");
    }

    private void skipBlank() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '%') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
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
        return Character.isISOControl(c) || Character.isSurrogate(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
