package org.systemmetrics.core.identity;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Encrypted properties as the cluster shares them: a node may hold a row it cannot decrypt. */
final class MemorySecrets implements SecretStore {
    final Map<String, String> values = new ConcurrentHashMap<>();
    final Set<String> unreadable = ConcurrentHashMap.newKeySet();
    volatile boolean keeps = true;

    @Override
    public boolean put(String name, String secret) {
        if (keeps) {
            values.put(name, secret);
        }
        return keeps;
    }

    @Override
    public boolean holds(String name) {
        return values.containsKey(name);
    }

    @Override
    public Optional<String> get(String name) {
        return unreadable.contains(name) ? Optional.empty() : Optional.ofNullable(values.get(name));
    }

    @Override
    public void remove(String name) {
        values.remove(name);
    }
}
