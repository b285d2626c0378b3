package org.systemmetrics.core.report;

import java.util.Objects;
import java.util.Set;

/** What a collector may need to know of the service that asks for a report, so none reaches back into it. */
public final class ReportContext {
    /** For a report built outside the service (tests, benchmarks): the shipped default configuration. */
    public static final ReportContext DEFAULT = new ReportContext("default", ReportCategory.all());

    private final String configType;
    private final Set<ReportCategory> categories;

    public ReportContext(String configType, Set<ReportCategory> categories) {
        this.configType = Objects.requireNonNull(configType, "configType");
        this.categories = Set.copyOf(categories);
    }

    /** Where the configuration in force came from ({@code yaml}, {@code erlang}, {@code default}, {@code +admin}). */
    public String configType() {
        return configType;
    }

    /** A collector that could also read what another category covers reads it only when that one is chosen too. */
    public Set<ReportCategory> categories() {
        return categories;
    }
}
