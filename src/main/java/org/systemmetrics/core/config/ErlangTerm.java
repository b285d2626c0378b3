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

    /** An unquoted word such as UA-XXXX-Y, not Erlang; see {@link BareWord}. */
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

    static final class Int extends ErlangTerm {
        final BigInteger value;

        Int(BigInteger value, int line) {
            super(line);
            this.value = value;
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }

    static final class Float extends ErlangTerm {
        final double value;

        Float(double value, int line) {
            super(line);
            this.value = value;
        }

        @Override
        public String toString() {
            return Double.toString(value);
        }
    }

    static final class Tuple extends ErlangTerm {
        final List<ErlangTerm> elements;

        Tuple(List<ErlangTerm> elements, int line) {
            super(line);
            this.elements = List.copyOf(elements);
        }

        @Override
        public String toString() {
            return "{...}";
        }
    }

    static final class ListTerm extends ErlangTerm {
        final List<ErlangTerm> elements;

        ListTerm(List<ErlangTerm> elements, int line) {
            super(line);
            this.elements = List.copyOf(elements);
        }

        @Override
        public String toString() {
            return "[...]";
        }
    }
}
