package org.systemmetrics.openfire;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** With Openfire's debug log switched on, HttpClient must still not print request lines carrying the secret. */
class HttpClientLoggersTest {
    private static final String REQUEST_LINE_LOGGER = "org.apache.hc.client5.http.impl.classic.MainClientExec";

    @AfterEach
    void restore() {
        Configurator.setRootLevel(Level.ERROR);
    }

    @Test
    void httpClientStaysAtInfoWhenEverythingElseGoesToDebug() {
        // As if Openfire's debug log were on and nothing had pinned HttpClient yet (other tests in this JVM may have).
        Configurator.setLevel("org.apache.hc", Level.DEBUG);
        Configurator.setRootLevel(Level.DEBUG);
        assertThat(LogManager.getLogger(REQUEST_LINE_LOGGER).isDebugEnabled()).isTrue();

        assertThat(SystemMetricsPlugin.pinHttpClientLoggersAtInfo(getClass().getClassLoader())).isTrue();
        Configurator.setRootLevel(Level.DEBUG);

        assertThat(LogManager.getLogger(REQUEST_LINE_LOGGER).isDebugEnabled()).isFalse();
        assertThat(LogManager.getLogger(REQUEST_LINE_LOGGER).isInfoEnabled()).isTrue();
        assertThat(LogManager.getLogger("org.jivesoftware.openfire").isDebugEnabled()).isTrue();
    }

    @Test
    void withoutLog4jNothingHappensAndNothingIsThrown() {
        ClassLoader withoutLog4j = new ClassLoader(null) {
        };
        assertThat(SystemMetricsPlugin.pinHttpClientLoggersAtInfo(withoutLog4j)).isFalse();
    }
}
