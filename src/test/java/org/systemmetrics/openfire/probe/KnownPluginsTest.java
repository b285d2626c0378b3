package org.systemmetrics.openfire.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class KnownPluginsTest {
    /** Loading fails on a duplicate or an upper-case name (the tests below): the shipped list loads. */
    @Test
    void theShippedListHasNoDuplicatesAndIsLowerCaseAsOpenfireReportsCanonicalNames() {
        assertThat(OpenfireProbes.knownPlugins()).allSatisfy(name -> assertThat(name).matches("[a-z0-9._-]+"));
    }

    @Test
    void theShippedListLoadsAndHoldsTheWellKnownPlugins() {
        Set<String> known = OpenfireProbes.knownPlugins();

        assertThat(known).contains("restapi", "monitoring", "hazelcast", "httpfileupload", "userservice",
                "s2sconformancetest", "pushnotification", "mucrtbl");
        assertThat(known).doesNotContain("admin", "systemmetrics");
        assertThat(known).hasSizeGreaterThan(60);
    }

    @Test
    void commentsAndBlankLinesAreIgnored() {
        Set<String> known = OpenfireProbes.knownPlugins("# heading\n\nrestapi   # the REST API\n  motd\n");

        assertThat(known).containsExactlyInAnyOrder("restapi", "motd");
    }

    @Test
    void aDuplicateIsRejectedWhenLoaded() {
        assertThatThrownBy(() -> OpenfireProbes.knownPlugins("motd\nrestapi\nmotd\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'motd' is listed twice");
    }

    @Test
    void anUpperCaseNameIsRejectedBecauseOpenfireWouldNeverMatchIt() {
        assertThatThrownBy(() -> OpenfireProbes.knownPlugins("restAPI\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not lower-case");
    }
}
