package org.systemmetrics.core.config;

import java.util.Objects;
import org.systemmetrics.core.text.Texts;

/** Something wrong or odd in the configuration, worded for the administrator who has to fix it. */
public final class ConfigProblem {
    /** WARNING: accepted as written but worth a look. ERROR: that part was ignored and its default used. */
    public enum Severity { WARNING, ERROR }

    private static final Texts TEXTS = Texts.of(ConfigProblem.class);
    private final Severity severity;
    private final String message;
    /** The message once "Send reports" in the admin console overrides the file; null when it says nothing else. */
    private final String outweighed;

    private ConfigProblem(Severity severity, String message, String outweighed) {
        this.severity = Objects.requireNonNull(severity, "severity");
        this.message = Objects.requireNonNull(message, "message");
        this.outweighed = outweighed;
    }

    public static ConfigProblem warning(String message) {
        return new ConfigProblem(Severity.WARNING, message, null);
    }

    public static ConfigProblem error(String message) {
        return new ConfigProblem(Severity.ERROR, message, null);
    }

    static ConfigProblem switchingOff(String what, String off) {
        return switchingOff(what, off, what);
    }

    /**
     * An ERROR that switches reporting off, as {@code off} says after {@code what}; under "Send reports" in the admin
     * console, which overrides the file, it does not, and {@link #outweighed()} says so after {@code outweighedWhat}.
     */
    static ConfigProblem switchingOff(String what, String off, String outweighedWhat) {
        return new ConfigProblem(Severity.ERROR, what + off, outweighedWhat + TEXTS.get("optout.outweighed"));
    }

    /** As said while "Send reports" in the admin console overrides the file. */
    ConfigProblem outweighed() {
        return outweighed == null ? this : error(outweighed);
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
