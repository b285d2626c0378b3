package org.systemmetrics.openfire.seam;

import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.text.Texts;

/**
 * Keeps Apache HttpClient 5's loggers at INFO: at DEBUG they print each request line, GA4's API secret in its query
 * included, into openfire.log once Openfire's debug log is on. Reached through log4j 2 (which Openfire ships) by
 * reflection, since the plugin must not bundle or compile against it; where it is absent nothing is done.
 */
public final class HttpClientLogGuard {
    static final String HTTP_CLIENT_LOGGERS = "org.apache.hc";
    private static final Logger LOG = LoggerFactory.getLogger(HttpClientLogGuard.class);
    private static final Texts TEXTS = Texts.of(HttpClientLogGuard.class);

    private HttpClientLogGuard() {
    }

    /** @return true when the level was pinned */
    public static boolean pinHttpClientLoggersAtInfo(ClassLoader loader) {
        try {
            Class<?> level = Class.forName("org.apache.logging.log4j.Level", false, loader);
            Class<?> configurator = Class.forName("org.apache.logging.log4j.core.config.Configurator", false, loader);
            Object info = level.getMethod("getLevel", String.class).invoke(null, "INFO");
            Method setLevel = configurator.getMethod("setLevel", String.class, level);
            setLevel.invoke(null, HTTP_CLIENT_LOGGERS, info);
            return true;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.debug(TEXTS.get("log4j.unavailable", HTTP_CLIENT_LOGGERS, e));
            return false;
        }
    }
}
