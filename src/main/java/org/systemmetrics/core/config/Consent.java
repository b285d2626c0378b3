package org.systemmetrics.core.config;

/** What the administrator said about reporting, which decides whether the service runs and what it logs. */
public enum Consent {
    /** Configuration exists but has no {@code service_mongoose_system_metrics} entry: off, with a hint. */
    NOT_CONFIGURED,
    /** The entry is there with neither {@code report} nor {@code no_report}: on, with the consent notice. */
    ON_WITH_NOTICE,
    /** {@code report} (true): on, silently. */
    ON,
    /** {@code no_report} or {@code report: false}: off, silently. */
    OFF,
    /**
     * Something that may be an opt-out cannot be read with certainty (an unreadable value of report or no_report,
     * a near miss of those keys, a duplicate key or entry, an entry of the wrong shape): off.
     */
    OPT_OUT_UNCLEAR,
    /** The configuration file is malformed as a whole: off, because an opt-out in it cannot be ruled out. */
    CONFIG_UNREADABLE
}
