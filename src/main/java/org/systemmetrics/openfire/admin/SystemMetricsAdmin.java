package org.systemmetrics.openfire.admin;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.systemmetrics.core.ServiceStatus;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.identity.Erasure;
import org.systemmetrics.core.report.Report;

/**
 * The page's one way to the running plugin, asked afresh on every request, so what the administrator sees is
 * what the service does right now. An interface here, implemented by the plugin, because the page imports only
 * {@code core} and its tests run it over a stand-in.
 *
 * <p>Called from admin-console request threads, possibly several at once. A method that cannot do its job throws a
 * {@link RuntimeException} whose message says what went wrong in words: the page shows it (escaped) instead of an
 * error page. Setting keys are the {@link org.systemmetrics.core.config.ConsoleSettings} names.
 */
public interface SystemMetricsAdmin {

    /** State, effective settings with their sources, when the next report is due, the last outcomes. */
    ServiceStatus status();

    /** The cluster ID the reports carry; empty while it does not exist yet (the senior member creates it). */
    Optional<String> clusterId();

    /** This node's part in the cluster: whether it sends, only writes its file, or waits to join. */
    NodeRole nodeRole();

    /** The senior member's host name, shown to the administrator only; empty when not clustered. */
    Optional<String> seniorMemberHostName();

    /** Where reports go under the current settings, masked (a measurement ID at most, never a secret). */
    List<String> destinations();

    /** The report file this node writes ({@code system_metrics_report.json}). */
    Path reportFile();

    /** The report file's content exactly as written; empty when there is no file yet or it cannot be read. */
    Optional<String> lastReportFileJson();

    /** Builds a report now and returns it; writes nothing and sends nothing. */
    Report preview();

    /**
     * Builds, writes and sends a report now without disturbing the schedule, and returns one outcome per
     * destination once delivery is over; empty when nothing was sent from this node. Only called while reporting runs.
     */
    List<DeliveryOutcome> sendNow();

    /**
     * Sends a freshly built report to GA's validation servers (which record nothing): one outcome per property, with
     * its messages or why it could not be checked. Throws when no GA property receives reports. Only called while
     * reporting runs.
     */
    List<DeliveryOutcome> validate();

    /** The last deliveries (at most 20, newest first) per masked destination. */
    Map<String, List<DeliveryOutcome>> history();

    /**
     * Stores admin-console values and applies them at once, as one change. A non-empty value overrides the file; an
     * empty one removes the stored value, so the file's (or the default) applies again. Values are already checked.
     */
    void save(Map<String, String> consoleValues);

    /** Removes the admin-console value of one key (and the secrets that go with it), at once. */
    void resetToFile(String key);

    /**
     * The report fields a newer plugin version added that no administrator has confirmed yet, each with the version
     * it came in, in the order of the metrics dictionary. Under {@code report: true} they are held back until then.
     */
    Map<String, String> unseenFields();

    /** Records for the whole cluster that an administrator has seen every field of this version. */
    void confirmNewFields();

    /**
     * <i>Forget this server</i>: asks the own endpoint (if one is configured) to erase what it holds on this
     * installation, then starts a new cluster ID and signing key, unless the endpoint could not be asked (then nothing
     * changes). Works whether or not reporting is on: an administrator who opted out may still want the data gone.
     */
    Erasure.Result forget();
}
