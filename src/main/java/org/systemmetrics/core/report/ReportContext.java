package org.systemmetrics.core.report;

import java.util.Objects;

/**
 * What a collector may need to know about the service that asks for a report, handed over at assembly time
 * so that no collector has to reach back into the service that owns it.
 */
public final class ReportContext {
    /** For a report built outside the service (tests, benchmarks): the shipped default configuration. */
    public static final ReportContext DEFAULT = new ReportContext("default");

    private final String configType;

    public ReportContext(String configType) {
        this.configType = Objects.requireNonNull(configType, "configType");
    }

    /** Where the configuration in force came from ({@code yaml}, {@code erlang}, {@code default}, {@code +admin}). */
    public String configType() {
        return configType;
    }
}
