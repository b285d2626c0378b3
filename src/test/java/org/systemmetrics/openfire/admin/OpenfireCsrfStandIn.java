package org.systemmetrics.openfire.admin;

import java.io.IOException;
import java.security.SecureRandom;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Does what Openfire's PluginServlet does for a plugin with {@code csrfProtectionEnabled}: a non-GET whose
 * {@code csrf} field differs from the session's token is redirected back with an error; then, before the
 * plugin's servlet runs, a fresh token replaces the session's and is put into the request. With
 * {@code enforcing} false it does nothing, like an Openfire that ignores the flag.
 */
final class OpenfireCsrfStandIn implements Filter {
    static final String FLASH_ATTRIBUTE = "openfire.flash";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final boolean enforcing;
    private final SecureRandom random = new SecureRandom();

    OpenfireCsrfStandIn(boolean enforcing) {
        this.enforcing = enforcing;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (enforcing) {
            if (!"GET".equals(request.getMethod())) {
                Object expected = request.getSession().getAttribute("csrf");
                if (expected == null || !expected.equals(request.getParameter("csrf"))) {
                    request.getSession().setAttribute(FLASH_ATTRIBUTE, "CSRF check failed");
                    ((HttpServletResponse) res).sendRedirect(request.getRequestURI());
                    return;
                }
            }
            String token = randomString(32);
            request.getSession().setAttribute("csrf", token);
            request.setAttribute("csrf", token);
        }
        chain.doFilter(req, res);
    }

    private String randomString(int length) {
        StringBuilder token = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return token.toString();
    }
}
