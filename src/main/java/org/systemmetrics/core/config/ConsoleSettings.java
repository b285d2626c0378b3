package org.systemmetrics.core.config;

import java.util.Map;
import java.util.Optional;

/**
 * Settings saved in the admin console under their {@link Setting#key()}, stored as Openfire system properties (so
 * cluster-wide). Each one that is present overrides the file's value. Values are stored as text: timers in ms,
 * {@code report} as {@code true}/{@code false}, categories as names separated by commas.
 */
public interface ConsoleSettings {
    /** The categories' value for none (an empty value means "use the file's"). */
    String NO_CATEGORIES = "none";

    ConsoleSettings NONE = key -> Optional.empty();

    Optional<String> get(String key);

    static ConsoleSettings of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return key -> Optional.ofNullable(copy.get(key));
    }
}
