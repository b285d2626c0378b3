package org.systemmetrics.core.config;

import java.util.List;
import java.util.Objects;

/** A checked configuration and everything that was wrong or odd on the way to it. */
public final class LoadedConfig {
    private final ServiceConfig config;
    private final List<ConfigProblem> problems;

    public LoadedConfig(ServiceConfig config, List<ConfigProblem> problems) {
        this.config = Objects.requireNonNull(config, "config");
        this.problems = List.copyOf(problems);
    }

    public ServiceConfig config() {
        return config;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
