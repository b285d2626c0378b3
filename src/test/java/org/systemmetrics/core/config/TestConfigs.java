package org.systemmetrics.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A configuration for a test, bound as {@link ConfigLoader} binds one: a file's text, or its entry, under the
 * console's settings. What a reader hands the binder stays inside this package.
 */
public final class TestConfigs {
    /** The files in conf/ of an Openfire installed in /opt/of. */
    public static final ConfigOrigin YAML = ConfigOrigin.file(ConfigOrigin.Kind.YAML,
            Path.of("/opt/of/conf/system_metrics.yml"));
    public static final ConfigOrigin ERLANG = ConfigOrigin.file(ConfigOrigin.Kind.ERLANG,
            Path.of("/opt/of/conf/system_metrics.config"));

    private TestConfigs() {
    }

    /** The text as {@link #YAML} says it, without console settings. */
    public static ServiceConfig yaml(String text) {
        return read(text, YAML, ConsoleSettings.NONE);
    }

    /** The text as {@link #ERLANG} says it, without console settings. */
    public static ServiceConfig erlang(String text) {
        return read(text, ERLANG, ConsoleSettings.NONE);
    }

    /** The text as a file of {@code origin}'s syntax says it (the shipped default is YAML). */
    public static ServiceConfig read(String text, ConfigOrigin origin, ConsoleSettings console) {
        return ServiceConfigBinder.bind(ConfigLoader.read(text, origin), origin, console);
    }

    /** A file whose service entry holds these settings, as a reader found them. */
    public static ServiceConfig entry(Map<String, ConfigValue> settings, ConfigOrigin origin,
            ConsoleSettings console) {
        return ServiceConfigBinder.bind(ConfigFileContent.withEntry(settings, List.of()), origin, console);
    }

    /** The console's settings over a file without the service's entry, which switches nothing on. */
    public static ServiceConfig console(ConsoleSettings console) {
        return withoutEntry(ConfigOrigin.shippedDefault(), console);
    }

    public static ServiceConfig withoutEntry(ConfigOrigin origin, ConsoleSettings console) {
        return ServiceConfigBinder.bind(ConfigFileContent.withoutEntry(List.of()), origin, console);
    }

    /** What the administrator is told at ERROR, in order. */
    public static List<String> errors(ServiceConfig config) {
        return messages(config, ConfigProblem.Severity.ERROR);
    }

    public static List<String> messages(ServiceConfig config, ConfigProblem.Severity severity) {
        return config.problems().stream().filter(p -> p.severity() == severity).map(ConfigProblem::message)
                .collect(Collectors.toList());
    }
}
