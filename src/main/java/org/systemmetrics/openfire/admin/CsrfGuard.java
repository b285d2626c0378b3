package org.systemmetrics.openfire.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;
import org.systemmetrics.core.PluginName;

/**
 * The page's own CSRF check, on top of Openfire's, which replaces the session's token <em>before</em> the servlet
 * runs: the page remembers the token of its forms under its own attribute, and makes one where Openfire issues none.
 */
final class CsrfGuard {
    /** The name Openfire checks, so one hidden field satisfies both checks. */
    static final String PARAMETER = "csrf";
    /** Where Openfire puts the token it issued for this request (request) and expects next time (session). */
    static final String OPENFIRE_ATTRIBUTE = "csrf";
    static final String PAGE_ATTRIBUTE = PluginName.CANONICAL + ".csrf";

    private final SecureRandom random = new SecureRandom();

    String issue(HttpServletRequest request) {
        Object fromOpenfire = request.getAttribute(OPENFIRE_ATTRIBUTE);
        String token = fromOpenfire instanceof String && !((String) fromOpenfire).isEmpty()
                ? (String) fromOpenfire : newToken();
        request.getSession(true).setAttribute(PAGE_ATTRIBUTE, token);
        return token;
    }

    boolean accepts(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String given = request.getParameter(PARAMETER);
        Object expected = session == null ? null : session.getAttribute(PAGE_ATTRIBUTE);
        return given != null && expected instanceof String && !((String) expected).isEmpty()
                && MessageDigest.isEqual(((String) expected).getBytes(StandardCharsets.UTF_8),
                        given.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * For a GET that shows no form (the download), after which the page still open would fail Openfire's check: puts
     * back the token it carries, issued to this same session, so nothing is weakened.
     */
    void keepPageTokenValid(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || request.getAttribute(OPENFIRE_ATTRIBUTE) == null) {
            return;
        }
        Object pageToken = session.getAttribute(PAGE_ATTRIBUTE);
        if (pageToken instanceof String) {
            session.setAttribute(OPENFIRE_ATTRIBUTE, pageToken);
        }
    }

    private String newToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
