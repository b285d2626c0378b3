package org.systemmetrics.openfire.admin;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.systemmetrics.core.ServiceStatus;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.report.Report;

/**
 * Everything the admin page needs from the running service. The page keeps no state of its own and asks
 * this facade on every request, so what the administrator sees is what the service does right now.
 *
 * <p>Implementations are called from admin-console request threads, possibly several at once. A method that
 * cannot do its job may throw a {@link RuntimeException}; the page shows its message (escaped) to the
 * administrator instead of an error page, so the message should say what went wrong in words.
 *
 * <p>Setting keys are the {@link org.systemmetrics.core.config.ConsoleSettings} names.
 */
public interface SystemMetricsAdmin {

    /** State, effective settings with their sources, when the next report is due, the last outcomes. */
    ServiceStatus status();

    /** The cluster ID the reports carry; empty while it does not exist yet (the senior member creates it). */
    Optional<String> clusterId();

    /** This node's part in the cluster: whether it sends, only writes its file, or waits to join. */
    default NodeRole nodeRole() {
        return NodeRole.ALONE;
    }

    /** The senior member's host name, shown to the administrator only; empty when not clustered. */
    default Optional<String> seniorMemberHostName() {
        return Optional.empty();
    }

    /**
     * Where reports go under the current settings, one entry per destination, as shown in the delivery
     * history (masked: a measurement ID at most, never an API secret). Empty when nothing is sent.
     */
    List<String> destinations();

    /** The report file this node writes ({@code system_metrics_report.json}). */
    Path reportFile();

    /** The report file's content exactly as written; empty when there is no file yet or it cannot be read. */
    Optional<String> lastReportFileJson();

    /** Builds a report now and returns it; writes nothing and sends nothing. */
    Report preview();

    /**
     * Builds, writes and sends a report now, and returns one outcome per destination once delivery is over
     * (within the delivery's own time budget). The periodic schedule is not disturbed. Only called while the
     * service runs; empty when no destination is configured.
     */
    List<DeliveryOutcome> sendNow();

    /**
     * Sends a freshly built report to Google Analytics' validation endpoint (which records nothing) and returns
     * one outcome per destination: the messages it gave, or why the check could not be made; no error and no
     * message anywhere means no destination found a problem. Only called while the service runs. Throws when no
     * Google Analytics property receives reports (for instance only an own endpoint is configured), since then
     * nothing could be checked.
     */
    List<DeliveryOutcome> validate();

    /** The last deliveries (at most 20, newest first) per masked destination. */
    Map<String, List<DeliveryOutcome>> history();

    /**
     * Stores admin-console values and applies them at once. Only the keys in the map change: a non-empty value
     * is stored and overrides the configuration file; an empty value removes the stored one, so the file's
     * value (or the default) applies again. Values are already checked: {@code report} is {@code true} or
     * {@code false}, timers are whole milliseconds, {@code tracking_id} is a GA4 measurement ID whose
     * {@code tracking_secret} is either in the same map or already stored.
     */
    void save(Map<String, String> consoleValues);

    /**
     * Removes the admin-console value of one key so the file's value (or the default) applies again, at once.
     * For {@code tracking_id} the stored {@code tracking_secret} goes too.
     */
    void resetToFile(String key);

    /**
     * The report fields a newer plugin version added that no administrator has confirmed yet, each with the plugin
     * version it came in, in the order the metrics dictionary lists them; read from the store every cluster node
     * shares. Under {@code report: true} they are left out of what is written and sent until confirmed.
     */
    default Map<String, String> unseenFields() {
        return Map.of();
    }

    /**
     * Records for the whole cluster that an administrator has seen every field of this version, so that from the
     * next report on they are sent under {@code report: true} too and the page stops marking them.
     */
    default void confirmNewFields() {
        throw new UnsupportedOperationException("this service has no record of new report fields");
    }
}
