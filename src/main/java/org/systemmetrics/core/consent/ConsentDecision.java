package org.systemmetrics.core.consent;

import java.util.Objects;
import java.util.Optional;
import org.systemmetrics.core.config.ServiceConfig;

/** Whether the service runs, and the one line (if any) the administrator is told about it. */
public final class ConsentDecision {
    /** The states an administrator can recognise, also shown in words on the admin page; whether their line warns. */
    public enum State {
        // (runs, its line warns)
        RUNNING(true, false),
        RUNNING_WITH_NOTICE(true, true),
        OFF_BY_NO_REPORT(false, false),
        NOT_CONFIGURED(false, true),
        OFF_BY_DO_NOT_TRACK(false, false),
        /** The ERROR that names the broken file has already been logged; nothing more to say. */
        OFF_CONFIG_UNREADABLE(false, false),
        /** Each ERROR naming the file, line and key, and what to write instead, has already been logged. */
        OFF_OPT_OUT_UNCLEAR(false, false);

        private final boolean runs;
        private final boolean warns;

        State(boolean runs, boolean warns) {
            this.runs = runs;
            this.warns = warns;
        }

        public boolean runs() {
            return runs;
        }

        /** That the console's "Send reports" outweighs the file's opt-out is said only while reporting runs. */
        public boolean consoleOverrides(ServiceConfig config) {
            return runs && config.consoleOverridesFileOptOut();
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
        return state.warns;
    }

    public Optional<String> message() {
        return Optional.ofNullable(message);
    }

    @Override
    public String toString() {
        return state + (message == null ? "" : (state.warns ? " [WARN] " : " [INFO] ") + message);
    }
}
