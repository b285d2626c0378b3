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
import org.systemmetrics.core.text.Texts;

/**
 * Decides from the configuration and the environment whether the service runs and what the administrator
 * is told. The rule: an administrator who said nothing is told, at every start, that metrics are gathered
 * and how to stop it; one who chose either way hears nothing more; {@code DO_NOT_TRACK=1} in the environment
 * switches everything off, whatever the configuration says.
 */
public final class ConsentPolicy {
    public static final String DO_NOT_TRACK = "DO_NOT_TRACK";
    private static final Texts TEXTS = Texts.of(ConsentPolicy.class);
    private static final Map<Consent, ConsentDecision.State> STATES = Map.of(
            Consent.ON, ConsentDecision.State.RUNNING,
            Consent.ON_WITH_NOTICE, ConsentDecision.State.RUNNING_WITH_NOTICE,
            Consent.OFF, ConsentDecision.State.OFF_BY_NO_REPORT,
            Consent.NOT_CONFIGURED, ConsentDecision.State.NOT_CONFIGURED,
            Consent.CONFIG_UNREADABLE, ConsentDecision.State.OFF_CONFIG_UNREADABLE,
            Consent.OPT_OUT_UNCLEAR, ConsentDecision.State.OFF_OPT_OUT_UNCLEAR);

    private final boolean doNotTrack;
    private final Path reportFile;
    private final Path confDirectory;
    private final Path template;

    /**
     * @param confDirectory Openfire's {@code conf} folder, where a configuration file goes
     * @param template the configuration template shipped in the plugin folder ({@code conf/system_metrics.yml}),
     *     which the notice names as the file to copy when there is none yet
     */
    public ConsentPolicy(Map<String, String> environment, Path reportFile, Path confDirectory, Path template) {
        // DO_NOT_TRACK follows consoledonottrack.com: 1 (or true/yes) means do not track.
        String dnt = environment.getOrDefault(DO_NOT_TRACK, "").trim().toLowerCase(Locale.ROOT);
        this.doNotTrack = Set.of("1", "true", "yes").contains(dnt);
        this.reportFile = Objects.requireNonNull(reportFile, "reportFile");
        this.confDirectory = Objects.requireNonNull(confDirectory, "confDirectory");
        this.template = Objects.requireNonNull(template, "template");
    }

    /** @param recipients who receives reports, so that the notice names only receivers and purposes in force */
    public ConsentDecision decide(ServiceConfig config, Recipients recipients) {
        if (doNotTrack) {
            return new ConsentDecision(ConsentDecision.State.OFF_BY_DO_NOT_TRACK, TEXTS.get("do_not_track"));
        }
        // A consent this table does not know yet is treated as unclear: when an opt-out is unclear, nothing is sent.
        ConsentDecision.State state = STATES.getOrDefault(config.consent(), ConsentDecision.State.OFF_OPT_OUT_UNCLEAR);
        ConfigOrigin origin = config.origin();
        String syntax = origin.kind() == ConfigOrigin.Kind.ERLANG ? "erlang" : "yaml";
        if (state == ConsentDecision.State.NOT_CONFIGURED) {
            // Names the file in use, not a file that may not be the one in use, and the entry in its own syntax.
            return new ConsentDecision(state, TEXTS.get("not_configured." + syntax,
                    origin.file().map(Path::toString).orElseGet(() -> TEXTS.get("file.unnamed"))));
        }
        if (state != ConsentDecision.State.RUNNING_WITH_NOTICE) {
            return new ConsentDecision(state, null);
        }
        // Every claim of the notice follows from what is in force: who receives reports (and so why), and where the
        // opt-out goes: the console, and the file in use, or the template to copy when there is none.
        String purpose = recipients.project() && recipients.administrator() ? TEXTS.get("purpose.project_and_own")
                : recipients.project() ? TEXTS.get("purpose.project")
                : recipients.administrator() ? TEXTS.get("purpose.own") : TEXTS.get("purpose.none");
        return new ConsentDecision(state, TEXTS.get("notice", purpose, recipients.words(),
                reportFile.toAbsolutePath(), fileOptOut(origin), TEXTS.get("notice.keep." + syntax)));
    }

    /** Where no_report goes: in the file in use, with its nesting, or in a copy of the shipped template. */
    private String fileOptOut(ConfigOrigin origin) {
        Optional<Path> file = origin.file();
        // The log has one line, so the nesting services: > service_mongoose_system_metrics: > no_report is in words.
        String nesting = TEXTS.get("opt_out.yaml_nesting");
        if (file.isPresent()) {
            return origin.kind() == ConfigOrigin.Kind.ERLANG ? TEXTS.get("opt_out.erlang", file.get())
                    : TEXTS.get("opt_out.yaml", file.get(), nesting);
        }
        Path target = confDirectory.resolve("system_metrics.yml").toAbsolutePath();
        // Named only where it is: the plugin folder Openfire unpacked the jar into.
        return Files.isRegularFile(template)
                ? TEXTS.get("opt_out.copy_template", template.toAbsolutePath(), target, nesting)
                : TEXTS.get("opt_out.create", target, nesting);
    }
}
