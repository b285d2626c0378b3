package org.systemmetrics.core.config;

import java.math.BigInteger;
import java.util.List;

/** A parsed Erlang term as it appears in MongooseIM-style configuration: only the kinds such files use. */
abstract class ErlangTerm {
    final int line;

    ErlangTerm(int line) {
        this.line = line;
    }

    static final class Atom extends ErlangTerm {
        final String name;

        Atom(String name, int line) {
            super(line);
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A "string" or a &lt;&lt;"binary"&gt;&gt;: configuration treats both as text. */
    static final class Text extends ErlangTerm {
        final String value;

        Text(String value, int line) {
            super(line);
            this.value = value;
        }

        /** Not the text itself: a stray API secret in the option list must not be echoed into openfire.log. */
        @Override
        public String toString() {
            return "a quoted text";
        }
    }

    /**
     * An unquoted word where Erlang needs a quoted text, such as {@code UA-XXXX-Y} in MongooseIM's announcement
     * ({@code {tracking_id, UA-XXXX-Y}}): accepted only as a tracking ID, so that the ID itself is refused with a
     * message naming {@code tracking_id}; the file is refused with one anywhere else.
     */
    static final class BareWord extends ErlangTerm {
        final String text;

        BareWord(String text, int line) {
            super(line);
            this.text = text;
        }

        /** Not the word itself: it may be a secret written without quotes. */
        @Override
        public String toString() {
            return "an unquoted word";
        }
    }

    /** An integer or a float, held as {@link ConfigValue#value()} holds numbers: Long, BigInteger or Double. */
    static final class Num extends ErlangTerm {
        final Object value;

        Num(Number value, int line) {
            super(line);
            this.value = value instanceof BigInteger && ((BigInteger) value).bitLength() < 64
                    ? (Object) value.longValue() : value;
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }

    /** A tuple or a list. */
    abstract static class Compound extends ErlangTerm {
        final List<ErlangTerm> elements;

        Compound(List<ErlangTerm> elements, int line) {
            super(line);
            this.elements = List.copyOf(elements);
        }
    }

    static final class Tuple extends Compound {
        Tuple(List<ErlangTerm> elements, int line) {
            super(elements, line);
        }

        @Override
        public String toString() {
            return "{...}";
        }
    }

    static final class ListTerm extends Compound {
        ListTerm(List<ErlangTerm> elements, int line) {
            super(elements, line);
        }

        @Override
        public String toString() {
            return "[...]";
        }
    }
}
