package org.systemmetrics.openfire.admin;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.identity.Erasure;
import org.systemmetrics.core.report.Report;

/**
 * The page's one way to the running plugin, asked afresh on every request (from several threads at once). A method
 * that cannot do its job throws a {@link RuntimeException} whose message the page shows instead of an error page.
 * An interface because the plugin's package, where its one implementation lives, sits above the page's (the page
 * may import only the core); the page's tests drive that implementation, through a wrapper that may replace an
 * answer with a value the plugin cannot produce.
 */
public interface SystemMetricsAdmin {

    /** Everything the page shows, as it is right now (reads the database: the cluster ID). */
    PageFacts facts();

    /** Where the report file is written; the download reads only this and the next, never the database. */
    Path reportFile();

    Optional<String> lastReportFileJson();

    /** Writes nothing and sends nothing. */
    Report preview();

    /** What its own run did, whatever run follows it before the page is drawn. Only while running. */
    Sent sendNow();

    /** One outcome per GA property from its validation server; throws when there is none. Only while running. */
    List<DeliveryOutcome> validate();

    /** Whether a save is in force: now, once the service is free (a delivery held it), or not (the log says why). */
    enum Saved { APPLIED, PENDING, NOT_APPLIED }

    /** Stores checked console values and applies them as one change; an empty value lets the file's apply again. */
    Saved save(Map<String, String> consoleValues);

    /** Records for the whole cluster that an administrator has seen every field of this version. */
    void confirmNewFields();

    /** {@link Erasure}, whether or not reporting is on: an administrator who opted out may still want the data gone. */
    Erasure.Result forget();

    /**
     * An action the service had not run when the page's wait ran out (a delivery held the service): not a failure,
     * since it stays queued on the service thread and runs once the service is free.
     */
    final class StillQueued extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public StillQueued(Throwable cause) {
            super(cause);
        }
    }

    /** What a Send now's run did with its report: the page's box and the security audit entry both say this. */
    enum Went { SENT, NOWHERE, MEMBER }

    /** What a Send now did, as its run knew it (on the service thread), whatever changed before the page is drawn. */
    final class Sent {
        /** One outcome per destination in force once delivery is over; empty when this node sent nothing. */
        public final List<DeliveryOutcome> outcomes;
        /** A logs folder may refuse the report file; the sending goes on all the same. */
        public final boolean fileWritten;
        /** This node's role at the run: one that does not send sent nothing. */
        public final NodeRole role;

        public Sent(List<DeliveryOutcome> outcomes, boolean fileWritten, NodeRole role) {
            this.outcomes = List.copyOf(outcomes);
            this.fileWritten = fileWritten;
            this.role = role;
        }

        /** A member leaves sending to the senior; a sender has an outcome per destination in force, used or not. */
        public Went went() {
            return role == NodeRole.MEMBER ? Went.MEMBER : outcomes.isEmpty() ? Went.NOWHERE : Went.SENT;
        }
    }
}
