package org.systemmetrics.openfire.admin;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.identity.Erasure;
import org.systemmetrics.core.report.Report;

/**
 * The real plugin's admin as the page meets it, where a test may replace an answer with a plain value the real
 * plugin cannot produce (markup in a cluster ID or a delivery failure, an exception's message, only some fields
 * new) or produces only slowly or elsewhere (a save past the action's wait, Forget this server's result, each made
 * for real in its own test), and count the previews the page asked for. Whatever a test does not replace is the
 * real plugin's.
 */
final class AdminWithValues implements SystemMetricsAdmin {
    private final Supplier<SystemMetricsAdmin> real;
    private volatile UnaryOperator<PageFacts> facts = UnaryOperator.identity();
    private volatile Report preview;
    private volatile Sent sent;
    private volatile Saved saved;
    private volatile Erasure.Result forgotten;
    private volatile RuntimeException failure;
    /** How many previews the page asked for. */
    final AtomicInteger previews = new AtomicInteger();

    AdminWithValues(Supplier<SystemMetricsAdmin> real) {
        this.real = real;
    }

    /** The page is shown {@code change} applied to the plugin's facts. */
    AdminWithValues showing(UnaryOperator<PageFacts> change) {
        this.facts = change;
        return this;
    }

    /** Preview shows {@code report}. */
    AdminWithValues previewing(Report report) {
        this.preview = report;
        return this;
    }

    /** Send now returns {@code outcomes} (a lone server's, its report file written) and sends nothing. */
    AdminWithValues sending(List<DeliveryOutcome> outcomes) {
        this.sent = Outcomes.sent(true, outcomes.toArray(new DeliveryOutcome[0]));
        return this;
    }

    /**
     * Saves are stored, but answered {@code answer}: as the plugin answers past its wait behind a long delivery
     * (PENDING, the save applied later) or when the service could not read the settings again (NOT_APPLIED).
     */
    AdminWithValues saving(Saved answer) {
        this.saved = answer;
        return this;
    }

    /** Forget this server returns {@code result} and changes nothing. */
    AdminWithValues forgetting(Erasure.Result result) {
        this.forgotten = result;
        return this;
    }

    /** Every button and change throws {@code e}, as a service failing underneath the page does. */
    AdminWithValues failingWith(RuntimeException e) {
        this.failure = e;
        return this;
    }

    @Override
    public PageFacts facts() {
        return facts.apply(real.get().facts());
    }

    @Override
    public Path reportFile() {
        return real.get().reportFile();
    }

    @Override
    public Optional<String> lastReportFileJson() {
        return real.get().lastReportFileJson();
    }

    @Override
    public Report preview() {
        previews.incrementAndGet();
        failIfAsked();
        Report chosen = preview;
        return chosen != null ? chosen : real.get().preview();
    }

    @Override
    public Sent sendNow() {
        failIfAsked();
        Sent chosen = sent;
        return chosen != null ? chosen : real.get().sendNow();
    }

    @Override
    public List<DeliveryOutcome> validate() {
        failIfAsked();
        return real.get().validate();
    }

    @Override
    public Saved save(Map<String, String> consoleValues) {
        failIfAsked();
        Saved answer = real.get().save(consoleValues);
        return saved != null ? saved : answer;
    }

    @Override
    public void confirmNewFields() {
        failIfAsked();
        real.get().confirmNewFields();
    }

    @Override
    public Erasure.Result forget() {
        failIfAsked();
        Erasure.Result chosen = forgotten;
        return chosen != null ? chosen : real.get().forget();
    }

    private void failIfAsked() {
        RuntimeException e = failure;
        if (e != null) {
            throw e;
        }
    }
}
