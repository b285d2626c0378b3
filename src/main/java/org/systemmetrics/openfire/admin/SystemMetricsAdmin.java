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
 * The page's one way to the running plugin, asked afresh on every request (from several threads at once). A method
 * that cannot do its job throws a {@link RuntimeException} whose message the page shows instead of an error page.
 */
public interface SystemMetricsAdmin {

    ServiceStatus status();

    /** The cluster ID the reports carry; empty while it does not exist yet (the senior member creates it). */
    Optional<String> clusterId();

    NodeRole nodeRole();

    /** The senior member's host name, shown to the administrator only; empty when not clustered. */
    Optional<String> seniorMemberHostName();

    /** Where reports go under the current settings, masked (a measurement ID at most, never a secret). */
    List<String> destinations();

    Path reportFile();

    /** The report file's content exactly as written; empty when there is no file yet or it cannot be read. */
    Optional<String> lastReportFileJson();

    /** Writes nothing and sends nothing. */
    Report preview();

    /** One outcome per destination once delivery is over; empty when this node sent nothing. Only while running. */
    List<DeliveryOutcome> sendNow();

    /** One outcome per GA property from its validation server; throws when there is none. Only while running. */
    List<DeliveryOutcome> validate();

    /** The last deliveries (at most 20, newest first) per masked destination. */
    Map<String, List<DeliveryOutcome>> history();

    /** Stores checked console values and applies them as one change; an empty value lets the file's apply again. */
    void save(Map<String, String> consoleValues);

    /** Removes the admin-console value of one key (and the secrets that go with it), at once. */
    void resetToFile(String key);

    /** The report fields no administrator has confirmed yet, each with its version, in the dictionary's order. */
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
