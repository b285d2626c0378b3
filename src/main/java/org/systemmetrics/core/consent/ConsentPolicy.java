package org.systemmetrics.core.consent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.systemmetrics.core.config.ConfigOrigin;
import org.systemmetrics.core.config.Consent;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.delivery.Recipients;

/**
 * Decides from the configuration and the environment whether the service runs and what the administrator
 * is told. The rule: an administrator who said nothing is told, at every start, that metrics are gathered
 * and how to stop it; one who chose either way hears nothing more; {@code DO_NOT_TRACK=1} in the environment
 * switches everything off, whatever the configuration says.
 */
public final class ConsentPolicy {
    public static final String DO_NOT_TRACK = "DO_NOT_TRACK";
    private static final Map<Consent, ConsentDecision.State> STATES = Map.of(
            Consent.ON, ConsentDecision.State.RUNNING,
            Consent.ON_WITH_NOTICE, ConsentDecision.State.RUNNING_WITH_NOTICE,
            Consent.OFF, ConsentDecision.State.OFF_BY_NO_REPORT,
            Consent.NOT_CONFIGURED, ConsentDecision.State.NOT_CONFIGURED,
            Consent.CONFIG_UNREADABLE, ConsentDecision.State.OFF_CONFIG_UNREADABLE,
            Consent.OPT_OUT_UNCLEAR, ConsentDecision.State.OFF_OPT_OUT_UNCLEAR);

    private final boolean doNotTrack;
    private final Path reportFile;
    private final Optional<Path> confDirectory;
    private final Optional<Path> template;

    public ConsentPolicy(Map<String, String> environment, Path reportFile) {
        this(environment, reportFile, null, null);
    }

    /**
     * @param confDirectory Openfire's {@code conf} folder, where a configuration file goes
     * @param template the configuration template shipped in the plugin folder ({@code conf/system_metrics.yml}),
     *     which the notice names as the file to copy when there is none yet
     */
    public ConsentPolicy(Map<String, String> environment, Path reportFile, Path confDirectory, Path template) {
        this.doNotTrack = isSet(environment.get(DO_NOT_TRACK));
        this.reportFile = Objects.requireNonNull(reportFile, "reportFile");
        this.confDirectory = Optional.ofNullable(confDirectory);
        this.template = Optional.ofNullable(template);
    }

    /** DO_NOT_TRACK follows consoledonottrack.com: 1 (or true/yes) means do not track. */
    private static boolean isSet(String value) {
        return value != null && Set.of("1", "true", "yes").contains(value.trim().toLowerCase(Locale.ROOT));
    }

    /** @param recipients who receives reports, so that the notice names only receivers and purposes in force */
    public ConsentDecision decide(ServiceConfig config, Recipients recipients) {
        if (doNotTrack) {
            return new ConsentDecision(ConsentDecision.State.OFF_BY_DO_NOT_TRACK, "System metrics: the DO_NOT_TRACK "
                    + "environment variable is set, so the service_mongoose_system_metrics service is switched off: "
                    + "nothing is gathered, written or sent, whatever the configuration says.");
        }
        // A consent this table does not know yet is treated as unclear: when an opt-out is unclear, nothing is sent.
        ConsentDecision.State state = STATES.getOrDefault(config.consent(), ConsentDecision.State.OFF_OPT_OUT_UNCLEAR);
        return new ConsentDecision(state, state == ConsentDecision.State.NOT_CONFIGURED ? notConfigured(config.origin())
                : state == ConsentDecision.State.RUNNING_WITH_NOTICE ? notice(config.origin(), recipients) : null);
    }

    /**
     * The consent notice. Every claim follows from what is in force: who receives reports (and so why they are
     * sent), and where the opt-out goes: the console, and the file in use, or the template to copy when there is none.
     */
    private String notice(ConfigOrigin origin, Recipients recipients) {
        String purpose;
        if (recipients.project()) {
            purpose = " and sends them to the systemmetrics project, to show its developers how Openfire is used and "
                    + "where to focus their work" + (recipients.administrator() ? ", and to destinations of your own" : "");
        } else if (recipients.administrator()) {
            purpose = " and sends them only to destinations of your own (nothing goes to the systemmetrics project)";
        } else {
            purpose = " into a report file; no destination is set, so nothing is sent anywhere";
        }
        boolean erlang = origin.kind() == ConfigOrigin.Kind.ERLANG;
        return "System metrics: this server gathers anonymous usage metrics (Openfire and plugin versions, cluster "
                + "size, the kinds of listeners, backends and known plugins in use; never names, addresses or user "
                + "data)" + purpose + ". Destinations in force: " + recipients.words() + ". The last report is written "
                + "to " + reportFile.toAbsolutePath() + ". The full list of what is gathered is in the plugin's readme "
                + "(admin console > Plugins > System Metrics). To stop reporting, choose \"Do not send reports\" in "
                + "the admin console under Server > Server Settings > System Metrics, or " + fileOptOut(origin)
                + ". To keep reporting and silence this notice, choose \"Send reports\" there, or write "
                + (erlang ? "report instead of no_report." : "report: true instead of no_report: true.");
    }

    /**
     * The notice for a file without the service's entry: it names that file (not a file that may not be the one in
     * use) and the entry in its own syntax, and the console's choices, which work whatever the file says.
     */
    private static String notConfigured(ConfigOrigin origin) {
        boolean erlang = origin.kind() == ConfigOrigin.Kind.ERLANG;
        String file = origin.file().map(Path::toString).orElse("Openfire's conf/system_metrics.yml");
        String entry = erlang ? "{service_mongoose_system_metrics, []} to the services list in " + file
                : "service_mongoose_system_metrics: under services: in " + file;
        String silent = erlang ? "{service_mongoose_system_metrics, [no_report]}"
                : "the entry with no_report: true under it";
        return "System metrics: the service_mongoose_system_metrics service is not configured, so this feature is not "
                + "being used and no usage metrics are gathered. To enable it, choose \"Send reports\" in the admin "
                + "console under Server > Server Settings > System Metrics, or add " + entry + ". To silence this "
                + "message, choose \"Do not send reports\" there, or add " + silent + ".";
    }

    /** Where no_report goes: in the file in use, with its nesting, or in a copy of the shipped template. */
    private String fileOptOut(ConfigOrigin origin) {
        Optional<Path> file = origin.file();
        if (origin.kind() == ConfigOrigin.Kind.ERLANG && file.isPresent()) {
            return "add no_report to the options of service_mongoose_system_metrics in " + file.get()
                    + ", as in {services, [{service_mongoose_system_metrics, [no_report]}]}.";
        }
        if (file.isPresent()) {
            return "add no_report: true to " + file.get() + " " + YAML_NESTING;
        }
        String target = confDirectory.map(dir -> dir.resolve("system_metrics.yml").toAbsolutePath().toString())
                .orElse("Openfire's conf/system_metrics.yml");
        // Named only where it is: the plugin folder Openfire unpacked the jar into.
        String copy = template.filter(Files::isRegularFile).map(path -> "copy the template shipped in the plugin "
                + "folder, " + path.toAbsolutePath() + ", to " + target)
                .orElse("create " + target + " (the plugin folder, plugins/systemmetrics/conf/, holds a template to "
                        + "copy)");
        return copy + " and set no_report: true in it " + YAML_NESTING;
    }

    /** The nesting in words, since the log has one line: services: > service_mongoose_system_metrics: > no_report. */
    private static final String YAML_NESTING = "under services: > service_mongoose_system_metrics: (each key on a line "
            + "of its own, indented two spaces more than the one above it: services:, then "
            + "service_mongoose_system_metrics:, then no_report: true)";
}
