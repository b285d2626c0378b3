package org.systemmetrics.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.systemmetrics.openfire.seam.OpenfireServer;

/**
 * An Openfire home folder on disk (conf/, logs/, plugins/systemmetrics/) and a property table, shared by
 * the "nodes" of a test cluster when one instance is given to several plugins.
 */
public class FakeOpenfireServer implements OpenfireServer {
    private final Path home;
    private final Map<String, String> properties;
    private final List<Map.Entry<String, Runnable>> listeners = new CopyOnWriteArrayList<>();
    private volatile String version = "5.1.1";
    private volatile int nodes = 1;
    private volatile boolean senior = true;

    public FakeOpenfireServer(Path home) {
        this(home, new ConcurrentHashMap<>());
    }

    /** A second node of the same cluster: same database properties, its own folders. */
    public FakeOpenfireServer(Path home, Map<String, String> sharedProperties) {
        this.home = home;
        this.properties = sharedProperties;
        try {
            Files.createDirectories(home.resolve("conf"));
            Files.createDirectories(home.resolve("logs"));
            Files.createDirectories(pluginDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path home() {
        return home;
    }

    public Path pluginDirectory() {
        return home.resolve("plugins").resolve("systemmetrics");
    }

    public Map<String, String> properties() {
        return properties;
    }

    public FakeOpenfireServer version(String v) {
        this.version = v;
        return this;
    }

    public FakeOpenfireServer cluster(int nodeCount, boolean seniorMember) {
        this.nodes = nodeCount;
        this.senior = seniorMember;
        return this;
    }

    public int listenerCount() {
        return listeners.size();
    }

    @Override
    public String openfireVersion() {
        return version;
    }

    @Override
    public int clusterNodeCount() {
        return nodes;
    }

    @Override
    public boolean isSeniorMember() {
        return senior;
    }

    @Override
    public Path logsDirectory() {
        return home.resolve("logs");
    }

    @Override
    public Path confDirectory() {
        return home.resolve("conf");
    }

    @Override
    public Optional<String> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    @Override
    public void setProperty(String name, String value, boolean encrypt) {
        properties.put(name, value);
        fire(name);
    }

    @Override
    public void deleteProperty(String name) {
        properties.remove(name);
        fire(name);
    }

    private void fire(String name) {
        for (Map.Entry<String, Runnable> listener : listeners) {
            if (name.startsWith(listener.getKey())) {
                listener.getValue().run();
            }
        }
    }

    @Override
    public Registration onPropertyChange(String prefix, Runnable listener) {
        Map.Entry<String, Runnable> entry = Map.entry(prefix, listener);
        listeners.add(entry);
        return () -> listeners.remove(entry);
    }
}
