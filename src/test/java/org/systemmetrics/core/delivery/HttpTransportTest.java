package org.systemmetrics.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpTransportTest {
    @Test
    void theUserAgentNamesBothVersions() {
        assertThat(HttpTransport.userAgent("0.1.0", "4.9.2")).isEqualTo("systemmetrics/0.1.0 (Openfire/4.9.2)");
    }

    @Test
    void aVersionCannotBreakTheHeader() {
        assertThat(HttpTransport.userAgent("1.0\r\nX-Evil: 1", null))
                .isEqualTo("systemmetrics/1.0__X-Evil__1 (Openfire/unknown)");
    }
}
