package org.systemmetrics.core.report;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a collector may need to know about the service that asks for a report, handed over at assembly time
 * so that no collector has to reach back into the service that owns it.
 */
public final class ReportContext {
    /** For a report built outside the service (tests, benchmarks): the shipped default configuration. */
    public static final ReportContext DEFAULT = new ReportContext("default");

    private final String configType;
    private final Set<ReportCategory> categories;

    /** Every category chosen, as under the shipped default. */
    public ReportContext(String configType) {
        this(configType, ReportCategory.all());
    }

    public ReportContext(String configType, Set<ReportCategory> categories) {
        this.configType = Objects.requireNonNull(configType, "configType");
        this.categories = categories.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(categories));
    }

    /** Where the configuration in force came from ({@code yaml}, {@code erlang}, {@code default}, {@code +admin}). */
    public String configType() {
        return configType;
    }

    /**
     * The categories chosen for this report. A collector of one category that could also read what another
     * category covers (the custom-module count and the provider classes of {@code backends}) reads it only when
     * that category is chosen too.
     */
    public Set<ReportCategory> categories() {
        return categories;
    }
}
