package org.systemmetrics.core.config;

import java.util.Objects;

/** Something wrong or odd in the configuration, worded for the administrator who has to fix it. */
public final class ConfigProblem {
    /** WARNING: accepted as written but worth a look. ERROR: that part was ignored and its default used. */
    public enum Severity { WARNING, ERROR }

    private final Severity severity;
    private final String message;

    private ConfigProblem(Severity severity, String message) {
        this.severity = Objects.requireNonNull(severity, "severity");
        this.message = Objects.requireNonNull(message, "message");
    }

    public static ConfigProblem warning(String message) {
        return new ConfigProblem(Severity.WARNING, message);
    }

    public static ConfigProblem error(String message) {
        return new ConfigProblem(Severity.ERROR, message);
    }

    public Severity severity() {
        return severity;
    }

    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return severity + ": " + message;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigProblem && ((ConfigProblem) o).severity == severity
                && ((ConfigProblem) o).message.equals(message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(severity, message);
    }
}
