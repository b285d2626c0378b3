package org.systemmetrics.core.consent;

import java.util.Objects;
import java.util.Optional;

/** Whether the service runs, and the one line (if any) the administrator is told about it. */
public final class ConsentDecision {
    /** The level of the line, mapped to the logger's level by whoever logs it. */
    public enum Level { INFO, WARN }

    /** The states an administrator can recognise, also shown in words on the admin page, with the level of their line. */
    public enum State {
        RUNNING(true, null),
        RUNNING_WITH_NOTICE(true, Level.WARN),
        OFF_BY_NO_REPORT(false, null),
        NOT_CONFIGURED(false, Level.WARN),
        OFF_BY_DO_NOT_TRACK(false, Level.INFO),
        /** The ERROR that names the broken file has already been logged; nothing more to say. */
        OFF_CONFIG_UNREADABLE(false, null),
        /** Each ERROR naming the file, line and key, and what to write instead, has already been logged. */
        OFF_OPT_OUT_UNCLEAR(false, null);

        private final boolean runs;
        private final Level level;

        State(boolean runs, Level level) {
            this.runs = runs;
            this.level = level;
        }

        public boolean runs() {
            return runs;
        }
    }

    private final State state;
    private final String message;

    ConsentDecision(State state, String message) {
        this.state = Objects.requireNonNull(state, "state");
        this.message = message;
    }

    public State state() {
        return state;
    }

    public boolean runs() {
        return state.runs;
    }

    /** Whether the line is a WARN rather than an INFO. */
    public boolean warns() {
        return state.level == Level.WARN;
    }

    public Optional<String> message() {
        return Optional.ofNullable(message);
    }

    @Override
    public String toString() {
        return state + (message == null ? "" : " [" + state.level + "] " + message);
    }
}
