package org.systemmetrics.core.consent;

import java.util.Objects;
import java.util.Optional;

/** Whether the service runs, and the one line (if any) the administrator is told about it. */
public final class ConsentDecision {
    /** The level of the line, mapped to the logger's level by whoever logs it. */
    public enum Level { INFO, WARN }

    /** The states an administrator can recognise, also shown in words on the admin page. */
    public enum State {
        RUNNING, RUNNING_WITH_NOTICE, OFF_BY_NO_REPORT, NOT_CONFIGURED, OFF_BY_DO_NOT_TRACK, OFF_CONFIG_UNREADABLE,
        OFF_OPT_OUT_UNCLEAR
    }

    private final State state;
    private final Level level;
    private final String message;

    ConsentDecision(State state, Level level, String message) {
        this.state = Objects.requireNonNull(state, "state");
        this.level = level;
        this.message = message;
    }

    public State state() {
        return state;
    }

    public boolean runs() {
        return state == State.RUNNING || state == State.RUNNING_WITH_NOTICE;
    }

    public Optional<Level> level() {
        return Optional.ofNullable(level);
    }

    public Optional<String> message() {
        return Optional.ofNullable(message);
    }

    @Override
    public String toString() {
        return state + (message == null ? "" : " [" + level + "] " + message);
    }
}
