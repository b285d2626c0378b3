package org.systemmetrics.openfire.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.systemmetrics.core.text.Texts;

/**
 * The canonical names of the plugins Ignite Realtime publishes, read from {@code known-plugins.txt} in the
 * plugin jar. Only these names are ever reported; keeping them as data lets the list grow without code.
 */
final class KnownPlugins {
    static final String RESOURCE = "known-plugins.txt";
    private static final Texts TEXTS = Texts.of(KnownPlugins.class);

    private KnownPlugins() {
    }

    /** The list shipped in the jar; fails at once when the file is missing or malformed. */
    static Set<String> bundled() {
        try (InputStream in = KnownPlugins.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(TEXTS.get("known_plugins.missing", RESOURCE));
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(TEXTS.get("known_plugins.unreadable", RESOURCE), e);
        }
    }

    /**
     * One name per line; {@code #} starts a comment. A name that is not lower-case, or appears twice, is
     * rejected: PluginManager only ever reports lower-case names, so such an entry would be a silent typo.
     */
    static Set<String> parse(Reader text) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : new BufferedReader(text).lines().collect(Collectors.toList())) {
            String name = line.replaceFirst("#.*", "").trim();
            if (!name.equals(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(TEXTS.get("known_plugins.not_lower_case", RESOURCE, name));
            }
            if (!name.isEmpty() && !names.add(name)) {
                throw new IllegalArgumentException(TEXTS.get("known_plugins.listed_twice", RESOURCE, name));
            }
        }
        return Set.copyOf(names);
    }
}
