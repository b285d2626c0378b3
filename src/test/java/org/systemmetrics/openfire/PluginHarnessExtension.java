package org.systemmetrics.openfire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.systemmetrics.testing.FakeOpenfireServer;

/**
 * A plugin on a fake Openfire for every test, with a fresh Openfire home and time under the test's control
 * ({@link PluginHarness}): the test writes the configuration and starts it; after the test, also when it fails,
 * every plugin the test made here is unloaded and the home deleted. Register it as a field with
 * {@code @RegisterExtension}.
 */
final class PluginHarnessExtension implements BeforeEachCallback, AfterEachCallback {
    private final List<PluginHarness> made = new ArrayList<>();
    private Path home;
    private PluginHarness current;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        home = Files.createTempDirectory("systemmetrics-home");
        current = track(new PluginHarness(home));
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        for (int i = made.size() - 1; i >= 0; i--) {
            made.get(i).close();
        }
        made.clear();
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }

    /** The test's plugin, on an Openfire of its own with an empty environment; not started until the test says. */
    PluginHarness harness() {
        return current;
    }

    /** Writes {@code system_metrics.yml} for the test's plugin. */
    PluginHarness yaml(String text) {
        return current.yaml(text);
    }

    /** Writes {@code system_metrics.config} for the test's plugin. */
    PluginHarness erlang(String text) {
        return current.erlang(text);
    }

    /** The folder the test's Openfire home is in; other homes of the test may go beside it. */
    Path home() {
        return home;
    }

    /** The test's plugin replaced, before it starts, by one whose Openfire process sees these variables. */
    PluginHarness withEnvironment(Map<String, String> environment) {
        current = track(new PluginHarness(current.server, environment));
        return current;
    }

    /** Unloads the test's plugin and loads a new one on the same Openfire, as a restart of Openfire does. */
    PluginHarness restart() {
        current.close();
        current = track(new PluginHarness(current.server, Map.of())).start();
        return current;
    }

    /** Unloads the test's plugin and gives a new one, not started, on another Openfire with a fresh home. */
    PluginHarness onAnotherServer(String name) {
        current.close();
        current = track(new PluginHarness(home.resolve(name)));
        return current;
    }

    /** Another plugin on the given Openfire (a cluster node, say), unloaded after the test; not started. */
    PluginHarness on(FakeOpenfireServer server, org.systemmetrics.testing.ManualScheduler scheduler) {
        return track(new PluginHarness(server, Map.of(), scheduler));
    }

    PluginHarness on(FakeOpenfireServer server) {
        return track(new PluginHarness(server, Map.of()));
    }

    private PluginHarness track(PluginHarness harness) {
        made.add(harness);
        return harness;
    }
}
