package org.systemmetrics.core.config;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.systemmetrics.core.text.Texts;

/**
 * A value read from a configuration file, unchecked, with its line for messages: a {@code String}, an
 * {@link #integer}, {@code Double}, {@code Boolean}, {@code null}, {@code List<ConfigValue>},
 * {@code Map<String, ConfigValue>}, a {@link BareWord}, or a value the reader refused.
 */
public final class ConfigValue {
    private static final Texts TEXTS = Texts.of(ConfigValue.class);
    private final Object value;
    private final int line;

    /** Stands for a value the reader refused (a forbidden tag), so that its key is still seen. */
    private static final class Refused {
        private final String why;

        Refused(String why) {
            this.why = why;
        }

        @Override
        public String toString() {
            return why;
        }
    }

    /** An unquoted tracking ID such as {@code UA-XXXX-Y}, for the binder to refuse naming the key. */
    public static final class BareWord {
        public final String text;

        BareWord(String text) {
            this.text = text;
        }

        /** Not the word itself: it may be a secret written without quotes. */
        @Override
        public String toString() {
            return TEXTS.get("shown.unquoted_word");
        }
    }

    public ConfigValue(Object value, int line) {
        this.value = value;
        this.line = line;
    }

    /** @param why what the value is, as {@link #display()} names it */
    static ConfigValue refused(int line, String why) {
        return new ConfigValue(new Refused(why), line);
    }

    /** The reader refused this value and said why; only its key and line are known. */
    public boolean isRefused() {
        return value instanceof Refused;
    }

    /** An integer as a value holds it: a {@code Long}, or a {@code BigInteger} too large for one. */
    static Object integer(BigInteger value) {
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    public static ConfigValue of(Object value) {
        return new ConfigValue(value, 0);
    }

    public Object value() {
        return value;
    }

    /** 1-based line number, or 0 when unknown (console settings, defaults). */
    public int line() {
        return line;
    }

    public boolean isMap() {
        return value instanceof Map;
    }

    public boolean isList() {
        return value instanceof List;
    }

    @SuppressWarnings("unchecked")
    public Map<String, ConfigValue> asMap() {
        return (Map<String, ConfigValue>) value;
    }

    @SuppressWarnings("unchecked")
    public List<ConfigValue> asList() {
        return (List<ConfigValue>) value;
    }

    /** For error messages, on one line and shortened; never for values that may be secret ({@link LogText#shape}). */
    public String display() {
        if (value instanceof String || value instanceof Refused) {
            return value instanceof String ? LogText.quoted((String) value) : value.toString();
        }
        if (value instanceof BareWord) {
            return TEXTS.get("shown.the_unquoted_word", LogText.oneLine(((BareWord) value).text, LogText.MAX_CHARS));
        }
        if (value instanceof Map || value instanceof List) {
            return TEXTS.get(value instanceof Map ? "shown.map" : "shown.list");
        }
        return LogText.oneLine(String.valueOf(value), LogText.MAX_CHARS);
    }

    @Override
    public String toString() {
        return String.valueOf(value);
    }
}
