package org.systemmetrics.core.consent;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.systemmetrics.core.config.Consent;

/**
 * Decides from the configuration and the environment whether the service runs and what the administrator
 * is told. The rule: an administrator who said nothing is told, at every start, that metrics are gathered
 * and how to stop it; one who chose either way hears nothing more; {@code DO_NOT_TRACK=1} in the environment
 * switches everything off, whatever the configuration says.
 */
public final class ConsentPolicy {
    public static final String DO_NOT_TRACK = "DO_NOT_TRACK";

    private final boolean doNotTrack;
    private final Path reportFile;

    public ConsentPolicy(Map<String, String> environment, Path reportFile) {
        this.doNotTrack = isSet(environment.get(DO_NOT_TRACK));
        this.reportFile = Objects.requireNonNull(reportFile, "reportFile");
    }

    /** DO_NOT_TRACK follows consoledonottrack.com: 1 (or true/yes) means do not track. */
    private static boolean isSet(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return "1".equals(v) || "true".equals(v) || "yes".equals(v);
    }

    /**
     * @param destinations where reports go, in words (e.g. "the systemmetrics project's Google Analytics
     *     property and your own GA4 property G-XXXX"), so the notice says honestly who receives them
     */
    public ConsentDecision decide(Consent consent, String destinations) {
        if (doNotTrack) {
            return new ConsentDecision(ConsentDecision.State.OFF_BY_DO_NOT_TRACK, ConsentDecision.Level.INFO,
                    "System metrics: the DO_NOT_TRACK environment variable is set, so the "
                            + "service_mongoose_system_metrics service is switched off: nothing is gathered, written "
                            + "or sent, whatever the configuration says.");
        }
        switch (consent) {
            case ON:
                return new ConsentDecision(ConsentDecision.State.RUNNING, null, null);
            case OFF:
                return new ConsentDecision(ConsentDecision.State.OFF_BY_NO_REPORT, null, null);
            case CONFIG_UNREADABLE:
                // The ERROR that names the broken file has already been logged; nothing more to say.
                return new ConsentDecision(ConsentDecision.State.OFF_CONFIG_UNREADABLE, null, null);
            case OPT_OUT_UNCLEAR:
                // Each ERROR naming the file, line and key, and what to write instead, has already been logged.
                return new ConsentDecision(ConsentDecision.State.OFF_OPT_OUT_UNCLEAR, null, null);
            case NOT_CONFIGURED:
                return new ConsentDecision(ConsentDecision.State.NOT_CONFIGURED, ConsentDecision.Level.WARN,
                        "System metrics: the service_mongoose_system_metrics service is not configured, so this "
                                + "feature is not being used and no usage metrics are gathered. To enable it, add a "
                                + "service_mongoose_system_metrics entry under 'services' in conf/system_metrics.yml "
                                + "(or conf/system_metrics.config), or switch it on in the admin console under Server > "
                                + "Server Settings > System Metrics. To silence this message, add the entry with "
                                + "no_report: true.");
            case ON_WITH_NOTICE:
            default:
                return new ConsentDecision(ConsentDecision.State.RUNNING_WITH_NOTICE, ConsentDecision.Level.WARN,
                        "System metrics: this server gathers anonymous usage metrics (Openfire and plugin versions, "
                                + "cluster size, the kinds of listeners, backends and known plugins in use; never names, "
                                + "addresses or user data) to show its developers how Openfire is used and where to focus "
                                + "their work. Reports go to " + destinations + ". The last report is written to "
                                + reportFile.toAbsolutePath() + ". The full list of what is gathered is in the plugin's "
                                + "readme (admin console > Plugins > System Metrics). To stop reporting, add "
                                + "no_report: true to the service_mongoose_system_metrics entry in "
                                + "conf/system_metrics.yml (no_report in system_metrics.config); to keep reporting and "
                                + "silence this notice, add report: true.");
        }
    }
}
