package org.systemmetrics.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.core.cluster.SharedStore;
import org.systemmetrics.openfire.seam.OpenfireServer.StanzaSink.StanzaType;
import org.systemmetrics.openfire.seam.OpenfireServer.StanzaSink;
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
    private volatile boolean clustered;
    private volatile boolean joining;
    private final AtomicInteger storedReads = new AtomicInteger();
    private final AtomicInteger providerReads = new AtomicInteger();
    /** The shared database's clock; the plugin harness sets it to its own clock unless a test set another. */
    private volatile Supplier<Instant> databaseClock;
    private volatile boolean refusingSecrets;
    private volatile Instant lastStarted = Instant.parse("2026-01-01T00:00:00Z");
    private volatile int components;
    private volatile String databaseType = "hsqldb";
    private volatile Map<String, String> plugins = Map.of("admin", "", "systemmetrics", "0.1.0");
    private final Map<String, String> providers = orderedMap(
            "user", "org.jivesoftware.openfire.user.DefaultUserProvider",
            "auth", "org.jivesoftware.openfire.auth.DefaultAuthProvider",
            "group", "org.jivesoftware.openfire.group.DefaultGroupProvider",
            "vcard", "org.jivesoftware.openfire.vcard.DefaultVCardProvider",
            "lockout", "org.jivesoftware.openfire.lockout.DefaultLockOutProvider",
            "admin", "org.jivesoftware.openfire.admin.DefaultAdminProvider");
    private volatile Map<String, String> listenerPolicies = orderedMap(
            "c2s", "optional", "c2s_direct_tls", "directTLS", "s2s", "optional");
    private volatile Set<String> httpBind = Set.of("running", "http", "https");
    private volatile Set<String> services = Set.of("muc", "pubsub");
    private final List<StanzaSink> stanzaSinks = new CopyOnWriteArrayList<>();

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
        this.clustered = true;
        this.joining = false;
        return this;
    }

    /** Clustering is enabled but this node has not joined (or formed) the cluster yet. */
    public FakeOpenfireServer joiningCluster() {
        this.clustered = true;
        this.joining = true;
        return this;
    }

    public int listenerCount() {
        return listeners.size();
    }

    public FakeOpenfireServer lastStarted(Instant when) {
        this.lastStarted = when;
        return this;
    }

    public FakeOpenfireServer components(int count) {
        this.components = count;
        return this;
    }

    public FakeOpenfireServer database(String typeName) {
        this.databaseType = typeName;
        return this;
    }

    /** Installed plugins as canonical name, version, name, version, ... */
    public FakeOpenfireServer plugins(String... namesAndVersions) {
        this.plugins = orderedMap(namesAndVersions);
        return this;
    }

    public FakeOpenfireServer plugins(Map<String, String> installed) {
        this.plugins = new LinkedHashMap<>(installed);
        return this;
    }

    /** {@code className} null: the manager has no provider. */
    public FakeOpenfireServer provider(String kind, String className) {
        synchronized (providers) {
            if (className == null) {
                providers.remove(kind);
            } else {
                providers.put(kind, className);
            }
        }
        return this;
    }

    /** The enabled listeners as listener name, TLS policy, name, policy, ... (see {@link #enabledListeners()}). */
    public FakeOpenfireServer listeners(String... namesAndPolicies) {
        this.listenerPolicies = orderedMap(namesAndPolicies);
        return this;
    }

    /** The HTTP-bind server: off, or running with the connectors given ({@code http}, {@code https}). */
    public FakeOpenfireServer httpBind(boolean running, String... connectors) {
        Set<String> state = new LinkedHashSet<>();
        if (running) {
            state.add("running");
            state.addAll(List.of(connectors));
        }
        this.httpBind = state;
        return this;
    }

    public FakeOpenfireServer services(String... enabled) {
        this.services = new LinkedHashSet<>(List.of(enabled));
        return this;
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Routes one stanza past every registered stanza sink, as Openfire's interceptor chain would. */
    public void route(StanzaType type, boolean incoming) {
        for (StanzaSink sink : stanzaSinks) {
            sink.stanza(type, incoming);
        }
    }

    public int stanzaSinkCount() {
        return stanzaSinks.size();
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
    public NodeRole nodeRole() {
        if (joining) {
            return NodeRole.JOINING;
        }
        if (nodes == 1 && senior && !clustered) {
            return NodeRole.ALONE;
        }
        return senior ? NodeRole.SENIOR : NodeRole.MEMBER;
    }

    @Override
    public Optional<String> seniorMemberHostName() {
        return clustered || nodes > 1 ? Optional.of("senior.cluster.internal") : Optional.empty();
    }

    /** A property as the database holds it now; what the shared store reads. */
    public Optional<String> storedProperty(String name) {
        storedReads.incrementAndGet();
        return Optional.ofNullable(properties.get(name));
    }

    @Override
    public SharedStore sharedStore() {
        return new SharedStore() {
            @Override
            public Optional<String> get(String name) {
                return storedProperty(name);
            }

            @Override
            public boolean compareAndSet(String name, Optional<String> expected, String value) {
                synchronized (properties) {
                    if (!expected.equals(Optional.ofNullable(properties.get(name)))) {
                        return false;
                    }
                    properties.put(name, value);
                    return true;
                }
            }

            @Override
            public Instant now() {
                Supplier<Instant> clock = databaseClock;
                return clock == null ? Instant.now() : clock.get();
            }

            @Override
            public Map<String, Optional<String>> entries(String base) {
                storedReads.incrementAndGet();
                Map<String, Optional<String>> found = new TreeMap<>();
                properties.forEach((name, value) -> {
                    if (name.equals(base) || name.startsWith(base + ".")) {
                        found.put(name, Optional.of(value));
                    }
                });
                return found;
            }

            @Override
            public void delete(String name) {
                properties.remove(name);
            }

            @Override
            public boolean putSecret(String name, String secret) {
                if (refusingSecrets) {
                    return false;
                }
                setProperty(name, secret, true);
                return entries(name).containsKey(name);
            }

            @Override
            public void removeSecret(String name) {
                deleteProperty(name);
            }
        };
    }

    /** How often a provider class was asked for (any kind): the calls the {@code backends} category covers. */
    public int providerReads() {
        return providerReads.get();
    }

    /** From now on the database keeps no new encrypted property (Openfire only logs the failed write). */
    public FakeOpenfireServer refusingSecrets() {
        this.refusingSecrets = true;
        return this;
    }

    public FakeOpenfireServer databaseClock(Supplier<Instant> clock) {
        this.databaseClock = clock;
        return this;
    }

    public boolean hasDatabaseClock() {
        return databaseClock != null;
    }

    /** Reads that went to the "database" itself rather than a property cache. */
    public int storedReads() {
        return storedReads.get();
    }

    @Override
    public Instant lastStarted() {
        return lastStarted;
    }

    @Override
    public int componentSessionCount() {
        return components;
    }

    @Override
    public String databaseTypeName() {
        return databaseType;
    }

    @Override
    public Map<String, String> installedPlugins() {
        return plugins;
    }

    @Override
    public Map<String, String> providerClassNames() {
        providerReads.incrementAndGet();
        synchronized (providers) {
            return new LinkedHashMap<>(providers);
        }
    }

    @Override
    public Map<String, String> enabledListeners() {
        return listenerPolicies;
    }

    @Override
    public Set<String> httpBind() {
        return httpBind;
    }

    @Override
    public Set<String> enabledServices() {
        return services;
    }

    @Override
    public Registration addPacketInterceptor(StanzaSink sink) {
        stanzaSinks.add(sink);
        return () -> stanzaSinks.remove(sink);
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
