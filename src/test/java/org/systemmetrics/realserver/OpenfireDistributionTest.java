package org.systemmetrics.realserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which Openfire tarballs the real-server suite runs against, and what happens when there are none. */
class OpenfireDistributionTest {
    @TempDir
    Path folder;

    @Test
    void everyOpenfireTarballInTheFolderOldestFirstAndNothingElse() throws IOException {
        for (String name : new String[] {"openfire-5.1.1.tar.gz", "openfire-4.10.0.tar.gz", "openfire-4.8.3.tar.gz",
                "hazelcast-5.5.0.2-for-openfire-5.x.jar", "openfire-5.1.1.tar.gz.sha256", "README.md"}) {
            Files.writeString(folder.resolve(name), "");
        }

        assertThat(OpenfireDistribution.found(folder.toString(), true)).extracting(OpenfireDistribution::version)
                .containsExactly("4.8.3", "4.10.0", "5.1.1");
    }

    @Test
    void noneFoundSkipsTheSuiteUnlessItIsRequired() {
        Path missing = folder.resolve("no-such-folder");

        assertThat(OpenfireDistribution.found(missing.toString(), false)).isEmpty();
        assertThat(OpenfireDistribution.found(folder.toString(), false)).isEmpty();
        assertThat(OpenfireDistribution.found("", false)).isEmpty();
        assertThatThrownBy(() -> OpenfireDistribution.found(folder.toString(), true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(folder.toString())
                .hasMessageContaining("-Dopenfire.distributions=").hasMessageContaining("-Dopenfire.require=true");
    }
}
