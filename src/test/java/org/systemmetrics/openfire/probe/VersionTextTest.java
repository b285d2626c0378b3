package org.systemmetrics.openfire.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionTextTest {
    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
        "1.12.0|1.12.0",
        "2.6.1 Beta|2.6.1-beta",
        "1.0.0-SNAPSHOT|1.0.0-snapshot",
        "4.9.0 Alpha 2|4.9.0-alpha2",
        "1.2.3 Release Candidate 1|1.2.3-rc1",
        "1.2.3-rc3|1.2.3-rc3",
        "1.2.3-acme-corp.internal|1.2.3",
        "1.2.3-betamax|1.2.3",
        "  3.0 |3.0",
        "build-by-jdoe|unknown",
        "''|unknown"})
    void keepsNumbersAndReleaseStatusOnly(String version, String reported) {
        assertThat(VersionText.sanitize(version)).isEqualTo(reported);
    }
}
