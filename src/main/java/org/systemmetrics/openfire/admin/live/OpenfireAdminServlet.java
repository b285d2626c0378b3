package org.systemmetrics.openfire.admin.live;

import java.text.MessageFormat;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.auth.AuthToken;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.openfire.security.SecurityAuditManager;
import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.LocaleUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.PluginName;
import org.systemmetrics.core.text.Texts;
import org.systemmetrics.openfire.admin.Messages;
import org.systemmetrics.openfire.admin.SystemMetricsAdmin;
import org.systemmetrics.openfire.admin.SystemMetricsAdminHost;
import org.systemmetrics.openfire.admin.SystemMetricsAdminServlet;

/**
 * The admin page as Openfire creates it (named in {@code web/WEB-INF/web.xml}, before the plugin is initialised),
 * with Openfire's plugin manager, i18n, security audit log and time zone, so that the page itself, in {@code admin},
 * imports nothing that calls Openfire. Only calls stable from 4.8 to 5.1.x.
 */
public final class OpenfireAdminServlet extends SystemMetricsAdminServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(OpenfireAdminServlet.class);
    private static final Texts TEXTS = Texts.of(OpenfireAdminServlet.class);
    private static final String BUNDLE = PluginName.CANONICAL + "_i18n";
    /** Where the admin console keeps the logged-in administrator's token (AuthCheckFilter, 4.2.0 to 5.1.x). */
    static final String AUTH_TOKEN_ATTRIBUTE = "jive.admin.authToken";

    public OpenfireAdminServlet() {
        super(() -> find(() -> XMPPServer.getInstance().getPluginManager()), OpenfireAdminServlet::text,
                OpenfireAdminServlet::audit, OpenfireAdminServlet::clock);
    }

    /**
     * This plugin's facade, per request: Openfire creates the servlet first and may reload the plugin while the
     * servlet lives on. Found by canonical name, since {@code getPlugin(String)} is gone in 5.0.
     */
    static Optional<SystemMetricsAdmin> find(Supplier<PluginManager> pluginManager) {
        try {
            PluginManager manager = pluginManager.get();
            if (manager == null) {
                return Optional.empty();
            }
            for (Plugin plugin : manager.getPlugins()) {
                if (plugin instanceof SystemMetricsAdminHost
                        && PluginName.CANONICAL.equals(manager.getCanonicalName(plugin))) {
                    return ((SystemMetricsAdminHost) plugin).admin();
                }
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.debug(TEXTS.get("plugin.not_found", e));
        }
        return Optional.empty();
    }

    /**
     * The plugin's text in the server's locale. While the plugin is loaded or unloaded, Openfire 5's LocaleUtils
     * cannot find the bundle by name and throws: it is then read from the plugin's own class loader.
     */
    private static String text(String key, Object... args) {
        try {
            String written = LocaleUtils.getLocalizedString(key, PluginName.CANONICAL);
            // LocaleUtils may replace list entries while converting them, so it gets a list it can write to.
            return Messages.asWritten(written, args) ? written
                    : LocaleUtils.getLocalizedString(key, PluginName.CANONICAL, new ArrayList<>(Arrays.asList(args)));
        } catch (RuntimeException | LinkageError e) {
            try {
                ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, JiveGlobals.getLocale(),
                        OpenfireAdminServlet.class.getClassLoader());
                String pattern = bundle.getString(key);
                return Messages.asWritten(pattern, args) ? pattern
                        : new MessageFormat(pattern, bundle.getLocale()).format(args);
            } catch (RuntimeException | LinkageError missing) {
                return key; // as LocaleUtils does for a missing text: the page still renders
            }
        }
    }

    /** A failure to record is logged and never stops the action itself. */
    private static void audit(HttpServletRequest request, String summary, String details) {
        try {
            HttpSession session = request.getSession(false);
            Object token = session == null ? null : session.getAttribute(AUTH_TOKEN_ATTRIBUTE);
            String user = token instanceof AuthToken ? ((AuthToken) token).getUsername() : "admin console";
            SecurityAuditManager.getInstance().logEvent(user, summary, details);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn(TEXTS.get("audit.not_recorded", summary, e));
        }
    }

    /** In the time zone set in Openfire (Server Settings); asked per page so a change shows at once. */
    private static Clock clock() {
        try {
            return Clock.system(JiveGlobals.getTimeZone().toZoneId());
        } catch (RuntimeException | LinkageError e) {
            return Clock.systemDefaultZone();
        }
    }
}
