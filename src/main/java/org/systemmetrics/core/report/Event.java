package org.systemmetrics.core.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One reported fact, as written to the report file and sent: a name and its string, number or boolean parameters,
 * in insertion order so the report file reads the same on every run.
 */
public final class Event {
    private final String name;
    private final Map<String, Object> params;

    private Event(String name, Map<String, Object> params) {
        this.name = Objects.requireNonNull(name, "name");
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static Event of(String name, Map<String, ?> params) {
        Builder event = named(name);
        params.forEach(event::param);
        return event.build();
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public Map<String, Object> params() {
        return params;
    }

    private static Object checkedValue(String key, Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        throw new IllegalArgumentException("param " + key + " must be a string, number or boolean, not "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Event && ((Event) o).name.equals(name) && ((Event) o).params.equals(params);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, params);
    }

    @Override
    public String toString() {
        return name + params;
    }

    /** Collects parameters in the order they should appear in the report. */
    public static final class Builder {
        private final String name;
        private final Map<String, Object> params = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder param(String key, Object value) {
            params.put(Objects.requireNonNull(key, "param name"), checkedValue(key, value));
            return this;
        }

        public Event build() {
            return new Event(name, params);
        }
    }
}
