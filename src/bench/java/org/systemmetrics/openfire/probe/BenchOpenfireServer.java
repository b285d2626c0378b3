package org.systemmetrics.openfire.probe;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.openfire.seam.BuiltInService;
import org.systemmetrics.openfire.seam.HttpBindState;
import org.systemmetrics.openfire.seam.InstalledPlugin;
import org.systemmetrics.openfire.seam.ListenerKind;
import org.systemmetrics.openfire.seam.ListenerState;
import org.systemmetrics.openfire.seam.OpenfireServer;
import org.systemmetrics.openfire.seam.ProviderKind;
import org.systemmetrics.openfire.seam.StanzaSink;

/**
 * A server of a given size for the assembly benchmark: a real list of installed plugins (the known ones
 * first, then in-house ones) and a real collection of component sessions whose size the seam reports, as
 * {@code SessionManager.getComponentSessions().size()} does.
 */
final class BenchOpenfireServer implements OpenfireServer {
    private final List<InstalledPlugin> plugins;
    private final List<Object> componentSessions;

    BenchOpenfireServer(int pluginCount, int componentCount) {
        List<String> known = new ArrayList<>(KnownPlugins.bundled().names());
        plugins = new ArrayList<>();
        for (int i = 0; i < pluginCount; i++) {
            plugins.add(i < known.size() / 2 ? new InstalledPlugin(known.get(i), "1." + i + ".0")
                    : new InstalledPlugin("inhouse-" + i, "0.9"));
        }
        componentSessions = new ArrayList<>();
        for (int i = 0; i < componentCount; i++) {
            componentSessions.add(new Object());
        }
    }

    @Override
    public String openfireVersion() {
        return "5.1.1";
    }

    @Override
    public int clusterNodeCount() {
        return 3;
    }

    @Override
    public NodeRole nodeRole() {
        return NodeRole.SENIOR;
    }

    @Override
    public Optional<String> seniorMemberHostName() {
        return Optional.empty();
    }

    @Override
    public Instant lastStarted() {
        return Instant.parse("2026-01-01T00:00:00Z");
    }

    @Override
    public int componentSessionCount() {
        return componentSessions.size();
    }

    @Override
    public String databaseTypeName() {
        return "postgresql";
    }

    @Override
    public List<InstalledPlugin> installedPlugins() {
        return List.copyOf(plugins);
    }

    @Override
    public Optional<String> providerClassName(ProviderKind kind) {
        return Optional.of(kind == ProviderKind.USER ? "org.jivesoftware.openfire.ldap.LdapUserProvider"
                : "com.example.CustomProvider" + kind);
    }

    @Override
    public List<ListenerState> socketListeners() {
        List<ListenerState> states = new ArrayList<>();
        for (ListenerKind kind : ListenerKind.values()) {
            states.add(new ListenerState(kind, false, true, "optional"));
            states.add(new ListenerState(kind, true, true, "directTLS"));
        }
        return states;
    }

    @Override
    public HttpBindState httpBind() {
        return new HttpBindState(true, true, true);
    }

    @Override
    public Set<BuiltInService> enabledBuiltInServices() {
        return EnumSet.allOf(BuiltInService.class);
    }

    @Override
    public Registration addPacketInterceptor(StanzaSink sink) {
        return () -> { };
    }

    @Override
    public Path logsDirectory() {
        throw new UnsupportedOperationException("not needed to assemble a report");
    }

    @Override
    public Path confDirectory() {
        throw new UnsupportedOperationException("not needed to assemble a report");
    }

    @Override
    public Optional<String> storedProperty(String name) {
        return Optional.empty();
    }

    @Override
    public boolean compareAndSetStoredProperty(String name, Optional<String> expected, String value) {
        return true;
    }

    @Override
    public boolean insertStoredProperty(String name, String value) {
        return true;
    }

    @Override
    public java.util.Map<String, Optional<String>> storedProperties(String base) {
        return java.util.Map.of();
    }

    @Override
    public void deleteStoredProperty(String name) {
    }

    @Override
    public java.time.Instant databaseTime() {
        return java.time.Instant.now();
    }

    @Override
    public Optional<String> property(String name) {
        return Optional.of("true");
    }

    @Override
    public void setProperty(String name, String value, boolean encrypt) {
    }

    @Override
    public void deleteProperty(String name) {
    }

    @Override
    public Registration onPropertyChange(String prefix, Runnable listener) {
        return () -> { };
    }
}
