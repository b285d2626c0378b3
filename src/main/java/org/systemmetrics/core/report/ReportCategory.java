package org.systemmetrics.core.report;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an administrator can choose to report beyond the minimum (the {@code cluster} and {@code node} events,
 * always sent while reporting is on), by the names the {@code categories} setting uses. A category that is off is
 * not collected at all, so its collectors never run.
 */
public enum ReportCategory {
    /** Installed Ignite Realtime plugins and the count of custom ones. */
    MODULES("module", "custom_module_count"),
    /** Which provider serves users, auth, groups, vCards, lockout and admins. */
    BACKENDS("backend"),
    /** Enabled listeners and their TLS policies. */
    TRANSPORTS("transport"),
    /** HTTP APIs and internal services switched on. */
    APIS("http_api", "internal_service"),
    /** Stanza counts; while off, no packet interceptor is registered. */
    STANZAS("xmpp_stanza_count");

    /** The events sent whatever the categories say. */
    public static final List<String> ALWAYS_SENT_EVENTS = List.of("cluster", "node");

    private final List<String> events;

    ReportCategory(String... events) {
        this.events = List.of(events);
    }

    /** The name in configuration files and the admin console, e.g. {@code modules}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public List<String> events() {
        return events;
    }

    public static Set<ReportCategory> all() {
        return EnumSet.allOf(ReportCategory.class);
    }

    /** Whatever its case and surrounding spaces. */
    public static Optional<ReportCategory> fromConfigName(String name) {
        String normalised = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.configName().equals(normalised)).findFirst();
    }

    /** For messages: {@code modules, backends, transports, apis, stanzas}. */
    public static String validNames() {
        return Arrays.stream(values()).map(ReportCategory::configName).collect(Collectors.joining(", "));
    }

    /** The names of a selection in their order, comma-separated; the form the admin console stores. */
    public static String namesOf(Set<ReportCategory> categories) {
        return Arrays.stream(values()).filter(categories::contains).map(ReportCategory::configName)
                .collect(Collectors.joining(","));
    }
}
