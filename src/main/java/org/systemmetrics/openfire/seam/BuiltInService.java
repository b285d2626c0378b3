package org.systemmetrics.openfire.seam;

/** Services that ship inside Openfire itself and can be switched off. */
public enum BuiltInService {
    MUC("muc"),
    PUBSUB("pubsub"),
    PROXY65("proxy65"),
    MEDIA_PROXY("media_proxy");

    private final String reportName;

    BuiltInService(String reportName) {
        this.reportName = reportName;
    }

    /** The {@code service} value of the {@code internal_service} event. */
    public String reportName() {
        return reportName;
    }
}
