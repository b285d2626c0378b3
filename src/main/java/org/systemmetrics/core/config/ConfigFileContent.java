package org.systemmetrics.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.systemmetrics.core.text.Texts;

/**
 * What a configuration file says about our service, whichever its syntax: the entry's keys as written, if it has the
 * entry, and what was wrong with the file; {@link #unreadable} when nothing in it can be trusted.
 */
final class ConfigFileContent {
    private static final Texts TEXTS = Texts.of(ConfigFileContent.class);
    private final boolean readable;
    private final boolean optOutUnclear;
    private final Map<String, ConfigValue> entry;
    private final List<ConfigProblem> problems;

    private ConfigFileContent(boolean readable, boolean optOutUnclear, Map<String, ConfigValue> entry,
            List<ConfigProblem> problems) {
        this.readable = readable;
        this.optOutUnclear = optOutUnclear;
        this.entry = entry == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(entry));
        this.problems = List.copyOf(problems);
    }

    static ConfigFileContent withEntry(Map<String, ConfigValue> entry, List<ConfigProblem> problems) {
        return new ConfigFileContent(true, false, entry, problems);
    }

    static ConfigFileContent withoutEntry(List<ConfigProblem> problems) {
        return new ConfigFileContent(true, false, null, problems);
    }

    /** @param why an ERROR: nothing in the file can be used, which keeps reporting off until it is fixed */
    static ConfigFileContent unreadable(String why) {
        return unreadable(why, TEXTS.get("file.stays_off"));
    }

    /** @param off what keeps reporting off, said after {@code why} */
    static ConfigFileContent unreadable(String why, String off) {
        return new ConfigFileContent(false, false, null, List.of(ConfigProblem.switchingOff(why, off)));
    }

    /** @param line where the file stops being readable, 0 when the reason names it or it is unknown */
    static ConfigFileContent unreadable(String fileName, int line, String why) {
        String where = line > 0 ? TEXTS.get("file.at_line", fileName, line) : fileName;
        return unreadable(TEXTS.get("file.unreadable", where, why));
    }

    /** False when the file is malformed as a whole, so nothing in it, not even an opt-out, can be trusted. */
    boolean readable() {
        return readable;
    }

    /** Something in the file may be an opt-out that cannot be read with certainty; an ERROR says what. */
    boolean optOutUnclear() {
        return optOutUnclear;
    }

    /** The same content with ERRORs that each make the opt-out unclear. */
    ConfigFileContent withOptOutDoubts(List<ConfigProblem> why) {
        List<ConfigProblem> all = new ArrayList<>(problems);
        all.addAll(why);
        return new ConfigFileContent(readable, optOutUnclear || !why.isEmpty(), entry, all);
    }

    Optional<Map<String, ConfigValue>> entry() {
        return Optional.ofNullable(entry);
    }

    List<ConfigProblem> problems() {
        return problems;
    }
}
