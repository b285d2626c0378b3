package org.systemmetrics.openfire.seam.fakeopenfire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A stand-in with the shape of Openfire 4.4+'s {@code org.jivesoftware.util.SystemProperty} (only what the
 * registrar calls). Like the real class it keeps a static registry keyed by property name; tests clear it.
 */
public final class SystemProperty<T> {
    static final Map<String, SystemProperty<?>> REGISTRY = new ConcurrentHashMap<>();

    final String key;
    final String plugin;
    final boolean dynamic;
    final boolean encrypted;
    final Class<T> type;
    final List<Consumer<T>> listeners;

    private SystemProperty(Builder<T> builder) {
        this.key = builder.key;
        this.plugin = builder.plugin;
        this.dynamic = builder.dynamic;
        this.encrypted = builder.encrypted;
        this.type = builder.type;
        this.listeners = List.copyOf(builder.listeners);
    }

    public static void clear() {
        REGISTRY.clear();
    }

    public static SystemProperty<?> get(String key) {
        return REGISTRY.get(key);
    }

    public static int count() {
        return REGISTRY.size();
    }

    public String plugin() {
        return plugin;
    }

    public boolean dynamic() {
        return dynamic;
    }

    public boolean encrypted() {
        return encrypted;
    }

    public Class<T> type() {
        return type;
    }

    public int listenerCount() {
        return listeners.size();
    }

    public static void removePropertiesForPlugin(String plugin) {
        REGISTRY.values().removeIf(property -> property.plugin.equals(plugin));
    }

    public static final class Builder<T> {
        private final Class<T> type;
        private final List<Consumer<T>> listeners = new ArrayList<>();
        private String key;
        private String plugin;
        private boolean dynamic;
        private boolean encrypted;

        private Builder(Class<T> type) {
            this.type = type;
        }

        public static <T> Builder<T> ofType(Class<T> type) {
            return new Builder<>(type);
        }

        public Builder<T> setKey(String key) {
            this.key = key;
            return this;
        }

        public Builder<T> setDynamic(boolean dynamic) {
            this.dynamic = dynamic;
            return this;
        }

        public Builder<T> setPlugin(String plugin) {
            this.plugin = plugin;
            return this;
        }

        public Builder<T> setEncrypted(boolean encrypted) {
            this.encrypted = encrypted;
            return this;
        }

        public Builder<T> addListener(Consumer<T> listener) {
            listeners.add(listener);
            return this;
        }

        public SystemProperty<T> build() {
            if (plugin == null) {
                throw new IllegalArgumentException("The property plugin has not been set");
            }
            if (REGISTRY.containsKey(key)) {
                throw new IllegalArgumentException("A SystemProperty already exists with a key of " + key);
            }
            SystemProperty<T> property = new SystemProperty<>(this);
            REGISTRY.put(key, property);
            return property;
        }
    }
}
