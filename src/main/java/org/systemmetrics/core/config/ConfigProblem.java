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
    /** The message's part before the console's tail once the admin console's choice decides; null: no other text. */
    private final String underConsole;

    private ConfigProblem(Severity severity, String message, String underConsole) {
        this.severity = Objects.requireNonNull(severity, "severity");
        this.message = Objects.requireNonNull(message, "message");
        this.underConsole = underConsole;
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
     * An ERROR that switches reporting off, as {@code off} says after {@code what}; under a choice in the admin
     * console, which overrides the file, it does not decide, as {@link #underConsole(boolean)} says after
     * {@code consoleWhat}.
     */
    static ConfigProblem switchingOff(String what, String off, String consoleWhat) {
        return new ConfigProblem(Severity.ERROR, what + off, consoleWhat);
    }

    /** As said while "Send reports" ({@code send}) or "Do not send reports" in the admin console overrides the file. */
    ConfigProblem underConsole(boolean send) {
        return underConsole == null ? this
                : error(underConsole + TEXTS.get(send ? "optout.outweighed" : "optout.console_off"));
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
