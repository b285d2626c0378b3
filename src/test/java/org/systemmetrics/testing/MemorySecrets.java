package org.systemmetrics.testing;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.systemmetrics.core.identity.SecretStore;

/** Encrypted properties as the cluster shares them: a node may hold a row it cannot decrypt. */
public final class MemorySecrets implements SecretStore {
    public final Map<String, String> values = new ConcurrentHashMap<>();
    public final Set<String> unreadable = ConcurrentHashMap.newKeySet();
    public volatile boolean keeps = true;

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
