package org.systemmetrics.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.cluster.SharedStore;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.core.report.ReportFields;
import org.systemmetrics.core.text.Texts;

/**
 * What a new plugin version reports that the installation was not shown before, in two values every node shares:
 * the record's version last <em>announced</em> in openfire.log and the one an administrator has <em>seen</em> on the
 * admin page. {@code report: true} covers the report the administrator was shown, so under it the fields added
 * since are left out until seen; under the consent notice they are sent. Runs under the service's lock.
 */
public final class NewFields {
    private static final Logger LOG = LoggerFactory.getLogger(NewFields.class);
    private static final Texts TEXTS = Texts.of(NewFields.class);

    private final ReportFields record;
    private final SharedStore store;
    private final String announced;
    private final String seen;
    private boolean recorded;

    /** @param announced the name of the shared value of the version last announced, {@code seen} of the one seen */
    public NewFields(ReportFields record, SharedStore store, String announced, String seen) {
        this.record = record;
        this.store = store;
        this.announced = announced;
        this.seen = seen;
    }

    /**
     * Once per start while reporting runs (again while the store cannot be reached); never throws. {@code sends}: a
     * destination is in force, so fields covered by the consent notice are sent, not only written to the file.
     */
    void announceOnce(ConsentDecision decision, boolean sends) {
        if (recorded || !decision.runs()) {
            return;
        }
        try {
            Optional<String> stored = store.get(announced);
            if (stored.isEmpty()) {
                // Nothing stored: a first installation, whose consent notice (or report: true) covers every field.
                store.compareAndSet(seen, Optional.empty(), record.latest());
                store.compareAndSet(announced, Optional.empty(), record.latest());
            } else {
                Map<String, String> added = record.newerThan(stored);
                // Another node may announce at the same moment: the compare-and-set lets one of them log it.
                if (!added.isEmpty() && store.compareAndSet(announced, stored, record.latest())) {
                    String list = added.entrySet().stream()
                            .map(field -> TEXTS.get("new_fields.item", field.getKey(), field.getValue()))
                            .collect(Collectors.joining(", "));
                    String count = added.size() == 1 ? TEXTS.get("new_fields.one", 1)
                            : TEXTS.get("new_fields.many", added.size());
                    String covered = decision.state() == ConsentDecision.State.RUNNING ? "new_fields.held_back"
                            : sends ? "new_fields.sent" : "new_fields.written";
                    String why = TEXTS.get(covered, TEXTS.get("new_fields.stop"));
                    LOG.warn(TEXTS.get("new_fields.added", count, list, why));
                }
            }
            recorded = true;
        } catch (RuntimeException | LinkageError e) {
            LOG.warn(TEXTS.get("new_fields.announce_failed", e));
        }
    }

    /** The fields added since an administrator confirmed them; all added since the first version when unreadable. */
    public Map<String, String> unseen() {
        Optional<String> confirmed;
        try {
            confirmed = store.get(seen);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn(TEXTS.get("new_fields.seen_unreadable", e));
            confirmed = Optional.empty();
        }
        return record.newerThan(confirmed);
    }

    /** Records for the whole cluster that an administrator has seen every field; throws when it cannot be written. */
    public boolean markSeen() {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<String> stored = store.get(seen);
            if (record.newerThan(stored).isEmpty() || store.compareAndSet(seen, stored, record.latest())) {
                return true;
            }
        }
        return record.newerThan(store.get(seen)).isEmpty();
    }

    /** What may be written and sent under this decision: without the unseen fields when consent is report: true. */
    Report forSending(Report report, ConsentDecision decision) {
        return decision.state() == ConsentDecision.State.RUNNING ? without(report, unseen().keySet()) : report;
    }

    /** The report without {@code fields}: a named event whole, an {@code event.param} from each such event. */
    static Report without(Report report, Collection<String> fields) {
        if (fields.isEmpty()) {
            return report;
        }
        Set<String> left = Set.copyOf(fields);
        List<Event> kept = new ArrayList<>(report.events().size());
        for (Event event : report.events()) {
            if (left.contains(event.name())) {
                continue;
            }
            Map<String, Object> params = new LinkedHashMap<>(event.params());
            params.keySet().removeIf(param -> left.contains(ReportFields.field(event.name(), param)));
            kept.add(params.size() == event.params().size() ? event : Event.of(event.name(), params));
        }
        return new Report(report.generatedAt(), report.clientId(), kept);
    }
}
