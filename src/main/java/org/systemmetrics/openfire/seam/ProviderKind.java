package org.systemmetrics.openfire.seam;

/** The pluggable back ends Openfire lets an administrator replace, each behind its own manager. */
public enum ProviderKind {
    USER("user"),
    AUTH("auth"),
    GROUP("group"),
    VCARD("vcard"),
    LOCKOUT("lockout"),
    ADMIN("admin");

    private final String reportName;

    ProviderKind(String reportName) {
        this.reportName = reportName;
    }

    /** The {@code kind} value of the {@code backend} event. */
    public String reportName() {
        return reportName;
    }
}
