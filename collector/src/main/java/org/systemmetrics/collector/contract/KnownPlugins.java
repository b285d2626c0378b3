package org.systemmetrics.collector.contract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The plugin's allowlist of plugin names (known-plugins.txt, put into the jar by the build from the plugin's own
 * resources): a report naming any other plugin is refused, and aggregates only ever name these.
 */
public final class KnownPlugins {
    static final String RESOURCE = "/org/systemmetrics/collector/contract/known-plugins.txt";

    private final Set<String> names;

    private KnownPlugins(Set<String> names) {
        this.names = names;
    }

    public static KnownPlugins load() {
        try (InputStream in = KnownPlugins.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the collector jar: build it with Maven");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return of(reader.lines().map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(Collectors.toUnmodifiableSet()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static KnownPlugins of(Set<String> names) {
        return new KnownPlugins(Set.copyOf(names));
    }

    public boolean contains(String name) {
        return names.contains(name);
    }

    public int size() {
        return names.size();
    }
}
