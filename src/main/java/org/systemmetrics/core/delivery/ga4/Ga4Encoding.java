package org.systemmetrics.core.delivery.ga4;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.report.Report;

/**
 * A report as GA4 takes it: its events made acceptable ({@link Ga4EventSanitizer}) and cut into requests GA takes
 * whole ({@link Ga4RequestSplitter}). Made once per report, however many properties receive it; one lives as long as
 * the plugin, so each problem of an event is logged once.
 */
public final class Ga4Encoding {
    private static final Logger LOG = LoggerFactory.getLogger(Ga4Encoding.class);

    private final Ga4EventSanitizer sanitizer = new Ga4EventSanitizer();
    private final Ga4RequestSplitter splitter;
    private Report last;
    private List<String> lastRequests = List.of();

    public Ga4Encoding() {
        this(new Ga4RequestSplitter());
    }

    // Visible for testing.
    Ga4Encoding(Ga4RequestSplitter splitter) {
        this.splitter = splitter;
    }

    synchronized List<String> requests(Report report) {
        if (report != last) {
            last = report;
            lastRequests = splitter.split(report.clientId(), sanitizer.sanitize(report.events()));
            if (lastRequests.isEmpty()) {
                LOG.info("System metrics: no event of this report is acceptable to Google Analytics; nothing is sent "
                        + "there.");
            }
        }
        return lastRequests;
    }
}
