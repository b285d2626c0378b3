package org.systemmetrics.openfire;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.NewFields;
import org.systemmetrics.core.ServiceStatus;
import org.systemmetrics.core.SystemMetricsService;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.core.config.ConsoleSettings;
import org.systemmetrics.core.config.OwnEndpoint;
import org.systemmetrics.core.config.SecretBinding;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.config.Setting;
import org.systemmetrics.core.delivery.Delivery;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.identity.ClusterIdentity;
import org.systemmetrics.core.identity.Erasure;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.core.report.ReportFileWriter;
import org.systemmetrics.core.text.Texts;
import org.systemmetrics.openfire.admin.PageFacts;
import org.systemmetrics.openfire.admin.SystemMetricsAdmin;
import org.systemmetrics.openfire.seam.OpenfireServer;

/**
 * The admin page's facade: each answer comes from its owner as it is right now, and each action waits for the
 * service thread within one bound, {@link #ACTION_TIMEOUT} in Openfire.
 */
final class PluginAdmin implements SystemMetricsAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(PluginAdmin.class);
    private static final Texts TEXTS = Texts.of(PluginAdmin.class);
    /** Longer than a whole delivery may take, so the page never waits forever on the service thread. */
    static final Duration ACTION_TIMEOUT = Delivery.DEFAULT_BUDGET.plusSeconds(15);

    private final SystemMetricsService service;
    private final PropertyConsoleSettings settings;
    private final OpenfireServer server;
    private final ReportFileWriter reportFile;
    private final ClusterIdentity identity;
    private final NewFields newFields;
    private final Function<ConsoleSettings, ServiceConfig> configWith;
    private final boolean projectProperty;
    private final Function<ServiceConfig, Erasure.Result> forgetting;
    private final Duration actionWait;

    /**
     * @param configWith the configuration (file and defaults) as it is in force with the given console settings
     * @param projectProperty this build has the project's own GA4 property
     * @param forgetting <i>Forget this server</i> under a configuration (which names the own endpoint, if any)
     * @param actionWait how long an action waits for the service thread
     */
    PluginAdmin(SystemMetricsService service, PropertyConsoleSettings settings, OpenfireServer server,
            ReportFileWriter reportFile, ClusterIdentity identity, NewFields newFields,
            Function<ConsoleSettings, ServiceConfig> configWith, boolean projectProperty,
            Function<ServiceConfig, Erasure.Result> forgetting, Duration actionWait) {
        this.service = service;
        this.settings = settings;
        this.server = server;
        this.reportFile = reportFile;
        this.identity = identity;
        this.newFields = newFields;
        this.configWith = configWith;
        this.projectProperty = projectProperty;
        this.forgetting = forgetting;
        this.actionWait = actionWait;
    }

    @Override
    public PageFacts facts() {
        return new PageFacts(service.status(), identity.existing(), server.nodeRole(), server.seniorMemberHostName(),
                service.destinations(), reportFile(), lastReportFileJson(), service.deliveryHistory(),
                newFields.unseen(), projectProperty);
    }

    @Override
    public Path reportFile() {
        return reportFile.target();
    }

    @Override
    public Optional<String> lastReportFileJson() {
        return reportFile.readLast();
    }

    @Override
    public Report preview() {
        return await(service.preview(), "preview", () -> TEXTS.get("admin.preview.refused"));
    }

    @Override
    public Sent sendNow() {
        ServiceStatus ran = await(service.runNow(), "send", this::whyNothingWasSent);
        NodeRole role = ran.lastRole();
        // A node that is not the sender sent nothing; the outcomes kept are those of an earlier send.
        return new Sent(role.sends() ? ran.lastOutcomes() : List.of(), ran.reportFileWritten(), role);
    }

    private String whyNothingWasSent() {
        ServiceStatus status = service.status();
        if (!status.runs()) {
            // An opt-out that arrived between the click and the run wins (read again on the reporter thread).
            return TEXTS.get("admin.send.off", status.state());
        }
        return TEXTS.get(status.lastRole() == NodeRole.JOINING ? "admin.send.joining" : "admin.send.refused");
    }

    @Override
    public List<DeliveryOutcome> validate() {
        CompletableFuture<Optional<List<DeliveryOutcome>>> validated = service.validate();
        // An empty list would read as "Google found nothing wrong" although nothing was checked.
        return await(validated.thenApply(checked -> checked.filter(outcomes -> !outcomes.isEmpty())), "validate",
                () -> TEXTS.get(validated.join().isPresent() ? "admin.validate.no_property"
                        : "admin.validate.refused"));
    }

    /**
     * Writes the changes as one change for every node ({@link PropertyConsoleSettings#saveAsOneChange}), each secret
     * sealed to the address it is entered for ({@link SecretBinding}): the address in force once the save is written.
     * A node that sees a URL the secret was not entered for sends nothing there, so no order of the
     * writes can pair a secret with a destination it was not meant for.
     */
    @Override
    public Saved save(Map<String, String> consoleValues) {
        ServiceConfig current = service.status().config();
        Map<String, String> writes = new LinkedHashMap<>();
        consoleValues.forEach((key, value) -> {
            String text = value == null ? "" : value;
            Optional<Setting<?>> secret = Setting.byKey(key).filter(Setting::secret);
            if (secret.isPresent() && !text.isEmpty()) {
                text = SecretBinding.seal(text, addressAfterSave(secret.get(), consoleValues, current));
            }
            writes.put(key, text);
        });
        settings.saveAsOneChange(writes);
        return awaitApplied(service.reconfigure());
    }

    /**
     * Where a secret saved now will be sent: the address saved with it; when the save leaves the console's address
     * as it is, the one in use; when the save clears it, the one the file (or the default) puts in force then, since
     * the secret was typed for that one and the next load must accept it there.
     */
    private URI addressAfterSave(Setting<?> secret, Map<String, String> consoleValues, ServiceConfig current) {
        Setting<?> address = secret.address().orElseThrow();
        String saved = consoleValues.get(address.key());
        if (saved != null && !saved.trim().isEmpty()) {
            return URI.create(saved.trim());
        }
        ServiceConfig after = current;
        if (saved != null) {
            ConsoleSettings withoutIt = key -> key.equals(address.key()) ? Optional.empty() : settings.get(key);
            after = configWith.apply(withoutIt);
        }
        return address == Setting.REPORT_ENDPOINT
                ? after.get(Setting.REPORT_ENDPOINT).map(OwnEndpoint::url).orElse(URI.create(""))
                : after.get(Setting.GOOGLE_ANALYTICS_URL);
    }

    /**
     * The page that follows a save must show the saved settings, but the service applies them on its own thread,
     * possibly behind a report that is still being delivered (seen on a real Openfire: the page showed the old
     * tracking ID after "Settings saved and applied."). Bounded like the actions; past the bound the settings are
     * saved all the same and show once applied: the reconfiguration stays queued on the service thread (an unload
     * drops it, and the next start reads them). One the service could not read again, or that reaches it as the
     * plugin stops, is saved but not applied.
     */
    private Saved awaitApplied(CompletableFuture<Boolean> applied) {
        try {
            return applied.get(actionWait.toMillis(), TimeUnit.MILLISECONDS) ? Saved.APPLIED : Saved.NOT_APPLIED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // saved; applied later
        }
        return Saved.PENDING;
    }

    /**
     * The action's answer; an empty one (the service did not do it) throws with {@code whyNot}, one still queued when
     * the wait ends throws {@link SystemMetricsAdmin.StillQueued}.
     */
    private <T> T await(CompletableFuture<Optional<T>> future, String action, Supplier<String> whyNot) {
        try {
            return future.get(actionWait.toMillis(), TimeUnit.MILLISECONDS)
                    .orElseThrow(() -> new IllegalStateException(whyNot.get()));
        } catch (ExecutionException e) {
            throw new IllegalStateException(TEXTS.get("admin.failed." + action, e), e);
        } catch (InterruptedException | TimeoutException e) {
            // Like a save's: the action is not undone by the end of the wait; it runs once the service is free.
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // Nobody waits for its answer then, so a failure or why it was not done is told where the page said its
            // outcome shows.
            future.whenComplete((answer, failure) -> {
                if (failure != null) {
                    LOG.warn(TEXTS.get("admin.failed_later", TEXTS.get("admin.failed." + action, failure)), failure);
                } else if (answer.isEmpty()) {
                    LOG.warn(TEXTS.get("admin.not_done_later", whyNot.get()));
                }
            });
            throw new SystemMetricsAdmin.StillQueued(e);
        }
    }

    @Override
    public Erasure.Result forget() {
        return await(service.forget(forgetting), "forget", () -> TEXTS.get("admin.forget.refused"));
    }

    @Override
    public void confirmNewFields() {
        if (!newFields.markSeen()) {
            throw new IllegalStateException(TEXTS.get("admin.fields_seen.not_stored"));
        }
    }
}
