package org.systemmetrics.core.config;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A configuration for a test, bound as {@link ConfigLoader} binds one: a file's text, or its entry, under the
 * console's settings. What a reader hands the binder stays inside this package.
 */
public final class TestConfigs {
    private TestConfigs() {
    }

    /** The text as a file of {@code origin}'s syntax says it (the shipped default is YAML). */
    public static LoadedConfig read(String text, ConfigOrigin origin, ConsoleSettings console) {
        return ServiceConfigBinder.bind(ConfigLoader.read(text, origin), origin, console);
    }

    /** A file whose service entry holds these settings, as a reader found them. */
    public static LoadedConfig entry(Map<String, ConfigValue> settings, ConfigOrigin origin,
            ConsoleSettings console) {
        return ServiceConfigBinder.bind(ConfigFileContent.withEntry(settings, List.of()), origin, console);
    }

    /** The console's settings over a file without the service's entry, which switches nothing on. */
    public static LoadedConfig console(ConsoleSettings console) {
        return withoutEntry(ConfigOrigin.shippedDefault(), console);
    }

    public static LoadedConfig withoutEntry(ConfigOrigin origin, ConsoleSettings console) {
        return ServiceConfigBinder.bind(ConfigFileContent.withoutEntry(List.of()), origin, console);
    }

    /** A file none of which can be trusted, for {@code why}. */
    public static LoadedConfig unreadable(ConfigProblem why, ConfigOrigin origin, ConsoleSettings console) {
        return ServiceConfigBinder.bind(ConfigFileContent.unreadable(why), origin, console);
    }

    /** What the administrator is told at ERROR, in order. */
    public static List<String> errors(LoadedConfig loaded) {
        return messages(loaded, ConfigProblem.Severity.ERROR);
    }

    public static List<String> messages(LoadedConfig loaded, ConfigProblem.Severity severity) {
        return loaded.problems().stream().filter(p -> p.severity() == severity).map(ConfigProblem::message)
                .collect(Collectors.toList());
    }
}
