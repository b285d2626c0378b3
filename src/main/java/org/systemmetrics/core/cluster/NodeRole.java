package org.systemmetrics.core.cluster;

/**
 * What this node may do for the cluster's report, read afresh at every run because nodes join, leave and
 * change seniority while the plugin runs.
 */
public enum NodeRole {
    /** Clustering is off: a lone server, which writes its file and sends. */
    ALONE,
    /**
     * Clustering is enabled but this node has not joined or formed the cluster yet. It does nothing for the
     * report: until it is in the cluster it cannot know who sends, and a file written now could carry an ID
     * the cluster does not use.
     */
    JOINING,
    /** The senior member: writes its file and sends for the whole cluster, once per period. */
    SENIOR,
    /** Any other member: writes its own file; the senior member sends. */
    MEMBER;

    /** Whether this node builds and writes reports (and so may create the cluster ID in the shared store). */
    public boolean writesReports() {
        return this != JOINING;
    }

    /** Whether this node sends reports for the cluster. */
    public boolean sends() {
        return this == ALONE || this == SENIOR;
    }
}
