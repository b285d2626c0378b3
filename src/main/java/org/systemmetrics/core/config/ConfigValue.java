package org.systemmetrics.core.config;

import java.util.List;
import java.util.Map;

/**
 * A value read from a configuration file before it is checked, with the line it came from so that error
 * messages can point at it. The value is a {@code String}, {@code Long}, {@code java.math.BigInteger} (too
 * large for a long), {@code Double}, {@code Boolean}, {@code null}, a {@code List<ConfigValue>} or a
 * {@code Map<String, ConfigValue>}.
 */
public final class ConfigValue {
    private final Object value;
    private final int line;

    public ConfigValue(Object value, int line) {
        this.value = value;
        this.line = line;
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

    /** The value as an administrator would have written it, for error messages. Never used for secrets. */
    public String display() {
        if (value instanceof String) {
            return '"' + (String) value + '"';
        }
        if (value instanceof Map) {
            return "a map";
        }
        if (value instanceof List) {
            return "a list";
        }
        return String.valueOf(value);
    }

    @Override
    public String toString() {
        return String.valueOf(value);
    }
}
