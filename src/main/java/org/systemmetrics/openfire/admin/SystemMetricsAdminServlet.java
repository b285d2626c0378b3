package org.systemmetrics.openfire.admin;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.config.LogText;
import org.systemmetrics.core.config.Setting;
import org.systemmetrics.core.identity.Erasure;
import org.systemmetrics.core.report.ReportFileWriter;
import org.systemmetrics.core.text.Texts;

/**
 * The admin console page, created by Openfire as {@code admin.live.OpenfireAdminServlet} with Openfire's adapters.
 * GET changes nothing; every POST must carry the page's CSRF token.
 */
public class SystemMetricsAdminServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SystemMetricsAdminServlet.class);
    private static final Texts TEXTS = Texts.of(SystemMetricsAdminServlet.class);
    static final String DOWNLOAD_PATH = "/report.json";
    private static final Set<String> RESETTABLE = Setting.console().stream().filter(Setting::resettable)
            .map(Setting::key).collect(Collectors.toUnmodifiableSet());

    // Servlets are Serializable in name only here: Openfire never serialises plugin servlets.
    private final transient Supplier<Optional<SystemMetricsAdmin>> locator;
    private final transient Messages messages;
    private final transient CsrfGuard csrf = new CsrfGuard();
    private final transient AdminPage page;
    private final transient AuditLog audit;

    /** @param locator the running plugin's facade, asked per request; empty while it starts or stops */
    protected SystemMetricsAdminServlet(Supplier<Optional<SystemMetricsAdmin>> locator, Messages messages,
            AuditLog audit, Supplier<Clock> clock) {
        this.locator = locator;
        this.messages = messages;
        this.audit = audit;
        this.page = new AdminPage(messages, clock);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        noCaching(response);
        String uri = path(request);
        boolean download = uri.endsWith(AdminPage.PAGE_URL + DOWNLOAD_PATH);
        if (!download && !uri.endsWith(AdminPage.PAGE_URL)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Optional<SystemMetricsAdmin> admin = locator.get();
        if (admin.isEmpty()) {
            message(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "jive-warning", "page.unavailable");
        } else if (download) {
            download(request, response, admin.get());
        } else {
            PageModel model = model(request, admin.get().facts());
            flashFromRedirect(request, model);
            html(response, HttpServletResponse.SC_OK, page.render(model));
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        noCaching(response);
        if (!csrf.accepts(request)) {
            LOG.warn(TEXTS.get("post.csrf_refused", request.getRemoteAddr()));
            message(response, HttpServletResponse.SC_FORBIDDEN, "jive-error", "page.csrf_refused");
            return;
        }
        Optional<SystemMetricsAdmin> found = locator.get();
        if (found.isEmpty()) {
            message(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "jive-warning", "page.unavailable");
            return;
        }
        SystemMetricsAdmin admin = found.get();
        String reset = request.getParameter("reset");
        String action = String.valueOf(request.getParameter("action"));
        if (reset != null) {
            reset(request, response, admin, reset);
        } else if (action.equals("save")) {
            save(request, response, admin);
        } else if (action.equals(NewFieldsSection.ACTION)) {
            confirmNewFields(request, response, admin);
        } else if (action.equals("preview")) {
            button(request, response, admin, "actions.pending.preview", () -> ActionResult.preview(admin.preview()));
        } else if (action.equals("validate")) {
            transmit(request, response, admin, "actions.pending.validate",
                    () -> ActionResult.validated(admin.validate()));
        } else if (action.equals("send")) {
            transmit(request, response, admin, "actions.pending.send", () -> sendNow(request, admin));
        } else if (action.equals(ActionsSection.FORGET)) {
            button(request, response, admin, "actions.pending.forget", () -> forget(request, admin));
        } else {
            message(response, HttpServletResponse.SC_BAD_REQUEST, "jive-error", "page.unknown_action");
        }
    }

    /** Audited as its own run went: a member, or a run with no destination in force, made a report but sent none. */
    private ActionResult sendNow(HttpServletRequest request, SystemMetricsAdmin admin) {
        SystemMetricsAdmin.Sent sent = auditedIfQueued(request, "audit.send.queued", admin::sendNow);
        // A sent report's entry names where it was delivered and where not, as the page's box does.
        audit.record(request, TEXTS.get(sent.went() == SystemMetricsAdmin.Went.MEMBER ? "audit.send.member"
                : sent.went() == SystemMetricsAdmin.Went.NOWHERE ? "audit.send.nowhere" : "audit.send"),
                sent.went() == SystemMetricsAdmin.Went.SENT ? TEXTS.get("audit.send.outcomes",
                        named(ActionResult.destinations(sent.outcomes, true)),
                        named(ActionResult.destinations(sent.outcomes, false))) : null);
        return ActionResult.sent(sent);
    }

    private static String named(List<String> destinations) {
        return destinations.isEmpty() ? TEXTS.get("audit.send.none") : String.join(", ", destinations);
    }

    private ActionResult forget(HttpServletRequest request, SystemMetricsAdmin admin) {
        Erasure.Result forgotten = auditedIfQueued(request, "audit.forget", admin::forget);
        // The outcome is the action's, not always the endpoint's: the endpoint's part is its status, where it answered.
        audit.record(request, TEXTS.get("audit.forget"), (forgotten.status() == 0 ? forgotten.outcome().name()
                : TEXTS.get("audit.forget.endpoint_http", forgotten.outcome(), forgotten.status()))
                + TEXTS.get(forgotten.idReplaced() ? "audit.forget.new_id"
                        : forgotten.outcome() == Erasure.Outcome.NOT_FINISHED ? "audit.forget.not_finished"
                        : "audit.forget.unchanged"));
        return ActionResult.forgotten(forgotten);
    }

    private void save(HttpServletRequest request, HttpServletResponse response, SystemMetricsAdmin admin)
            throws IOException {
        PageFacts facts = admin.facts();
        SettingsForm form = SettingsForm.read(request::getParameter, facts.status.config());
        if (!form.valid()) {
            html(response, HttpServletResponse.SC_OK, page.render(model(request, facts).rejectedForm(form)));
        } else if (form.changes().isEmpty()) {
            response.sendRedirect(AdminPage.PAGE_URL + "?unchanged=1");
        } else {
            change(request, response, admin, "save", "settings.save_failed", () -> admin.save(form.changes()),
                    auditDetails(form.changes()), "saved=1");
        }
    }

    private void confirmNewFields(HttpServletRequest request, HttpServletResponse response, SystemMetricsAdmin admin)
            throws IOException {
        String fields = String.join(", ", admin.facts().unseenFields.keySet());
        change(request, response, admin, "fields_seen", "newfields.confirm_failed", () -> {
            admin.confirmNewFields();
            return SystemMetricsAdmin.Saved.APPLIED;
        }, fields.isEmpty() ? TEXTS.get("audit.fields_seen.none") : fields, "fields_seen=1");
    }

    private void reset(HttpServletRequest request, HttpServletResponse response, SystemMetricsAdmin admin, String key)
            throws IOException {
        if (!RESETTABLE.contains(key)) {
            message(response, HttpServletResponse.SC_BAD_REQUEST, "jive-error", "page.unknown_action");
            return;
        }
        change(request, response, admin, "reset", "settings.save_failed", () -> admin.save(SettingsForm.cleared(key)),
                key, "reset=" + key);
    }

    /**
     * One change that redirects: on failure the page says why ({@code pageKey}), logged as
     * {@code change_failed.<name>}; else it is audit-logged ({@code audit.<name>}) and the redirect's query says so,
     * or, when {@code change} answers that the service has not applied it, that it is saved and applied later or not.
     */
    private void change(HttpServletRequest request, HttpServletResponse response, SystemMetricsAdmin admin,
            String name, String pageKey, Supplier<SystemMetricsAdmin.Saved> change, String details, String query)
            throws IOException {
        SystemMetricsAdmin.Saved saved;
        try {
            saved = change.get();
        } catch (RuntimeException e) {
            LOG.warn(TEXTS.get("change_failed." + name, details), e);
            html(response, HttpServletResponse.SC_OK, page.render(model(request, admin.facts())
                    .flash("jive-error", LocalizedText.of(pageKey, describe(e)))));
            return;
        }
        audit.record(request, TEXTS.get("audit." + name), details);
        response.sendRedirect(AdminPage.PAGE_URL + "?" + (saved == SystemMetricsAdmin.Saved.APPLIED ? query
                : "saved=" + word(saved)));
    }

    /** How the redirect after a save names a save not (yet) in force, and how the page then reads it back. */
    private static String word(SystemMetricsAdmin.Saved saved) {
        return saved.name().toLowerCase(Locale.ROOT);
    }

    /** Each page carries a fresh CSRF token for its forms. */
    private PageModel model(HttpServletRequest request, PageFacts facts) {
        return new PageModel(facts, csrf.issue(request));
    }

    /**
     * The action's answer. One still queued when the page stops waiting runs all the same once the service is free,
     * so the audit records it as requested under {@code summary}: its outcome reaches only the history and the log.
     */
    private <T> T auditedIfQueued(HttpServletRequest request, String summary, Supplier<T> action) {
        try {
            return action.get();
        } catch (SystemMetricsAdmin.StillQueued e) {
            audit.record(request, TEXTS.get(summary), TEXTS.get("audit.pending"));
            throw e;
        }
    }

    /** Send now and Validate transmit the report: the service's "off" (no_report, DO_NOT_TRACK) covers them too. */
    private void transmit(HttpServletRequest request, HttpServletResponse response, SystemMetricsAdmin admin,
            String pendingKey, Supplier<ActionResult> action) throws IOException {
        button(request, response, admin, pendingKey, admin.facts().status.runs() ? action
                : () -> ActionResult.failed(LocalizedText.of("actions.not_running")));
    }

    /**
     * A button's result, shown under the buttons; a failure becomes the page's message, never an error page, and an
     * action still queued when the wait ended says so ({@code pendingKey}): it has not failed.
     */
    private void button(HttpServletRequest request, HttpServletResponse response, SystemMetricsAdmin admin,
            String pendingKey, Supplier<ActionResult> action) throws IOException {
        ActionResult result;
        try {
            result = action.get();
        } catch (SystemMetricsAdmin.StillQueued e) {
            result = ActionResult.pending(pendingKey);
        } catch (RuntimeException e) {
            LOG.warn(TEXTS.get("action.failed"), e);
            result = ActionResult.failed(LocalizedText.of("actions.failed", describe(e)));
        }
        html(response, HttpServletResponse.SC_OK, page.render(model(request, admin.facts()).actionResult(result)));
    }

    private void download(HttpServletRequest request, HttpServletResponse response, SystemMetricsAdmin admin)
            throws IOException {
        csrf.keepPageTokenValid(request);
        Optional<String> json = admin.lastReportFileJson();
        if (json.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write(messages.get("report.none", admin.reportFile().toAbsolutePath().toString()));
            return;
        }
        byte[] body = json.get().getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + ReportFileWriter.FILE_NAME + "\"");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private void flashFromRedirect(HttpServletRequest request, PageModel model) {
        String reset = request.getParameter("reset");
        if (word(SystemMetricsAdmin.Saved.PENDING).equals(request.getParameter("saved"))) {
            // The page shows the settings in force, which are still the old ones.
            model.flash("jive-warning", LocalizedText.of("settings.saved_pending"));
        } else if (word(SystemMetricsAdmin.Saved.NOT_APPLIED).equals(request.getParameter("saved"))) {
            model.flash("jive-error", LocalizedText.of("settings.saved_not_applied"));
        } else if (request.getParameter("saved") != null) {
            model.flash("jive-success", LocalizedText.of("settings.saved"));
        } else if (reset != null && RESETTABLE.contains(reset)) {
            model.flash("jive-success", LocalizedText.of(resetDone(model.settings(), reset),
                    messages.get("settings." + reset + ".label")));
        } else if (request.getParameter("fields_seen") != null) {
            model.flash("jive-success", LocalizedText.of("newfields.confirmed"));
        } else if (request.getParameter("unchanged") != null) {
            model.flash("jive-info", LocalizedText.of("settings.unchanged"));
        }
    }

    /**
     * What applies once the console's value is gone: the file's, or the default where the file gives none it can use.
     * The choice of reporting is the file's either way: its entry, with or without report, decides.
     */
    private static String resetDone(SettingsForm settings, String key) {
        return settings.fromShippedDefault() ? "settings.reset.done_default"
                : settings.resetsToFile(Setting.byKey(key).orElseThrow()) ? "settings.reset.done"
                : "settings.reset.done_not_in_file";
    }

    /** The request path as Openfire matches it: lower case, without path parameters such as ;jsessionid. */
    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        int parameters = uri.indexOf(';');
        return (parameters < 0 ? uri : uri.substring(0, parameters)).toLowerCase(Locale.ROOT);
    }

    private void message(HttpServletResponse response, int status, String cssClass, String key) throws IOException {
        html(response, status, page.message(cssClass, LocalizedText.of(key)));
    }

    private static void html(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write(body);
    }

    /**
     * Besides Openfire's own headers (added, not set, so a policy of Openfire's stays in force): the page may be
     * framed only by the admin console itself, so another site cannot overlay it to trick a click on Send now.
     */
    private static void noCaching(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.addHeader("Content-Security-Policy", "frame-ancestors 'self'");
    }

    private static String describe(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** What changed, for the audit log; the secret itself never leaves the form. */
    static String auditDetails(Map<String, String> changes) {
        return changes.entrySet().stream()
                .map(e -> e.getKey() + " = " + auditValue(e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** A secret never; a URL by scheme and host only, since a capability URL carries its secret in the path. */
    private static String auditValue(String key, String value) {
        Setting<?> setting = Setting.byKey(key).orElseThrow();
        if (setting.secret()) {
            return TEXTS.get(value.isEmpty() ? "audit.value.removed" : "audit.value.changed");
        }
        if (value.isEmpty()) {
            return TEXTS.get("audit.value.file");
        }
        if (setting.kind() == Setting.Kind.URL) {
            try {
                return TEXTS.get("audit.value.address", LogText.address(new URI(value)));
            } catch (URISyntaxException e) {
                return TEXTS.get("audit.value.url");
            }
        }
        return value;
    }
}
