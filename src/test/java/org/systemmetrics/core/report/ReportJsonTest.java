package org.systemmetrics.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report file's format read back: which fields a written report holds, for the page's marks of new fields. */
class ReportJsonTest {
    @Test
    void theFieldsAWrittenReportHoldsAreFoundInTheOrderAsked() {
        String json = ReportJson.toPrettyJson(new Report(Instant.EPOCH, "id", List.of(
                Event.named("cluster").param("uptime_h", 2).build(), Event.named("bosh_session").build())));

        assertThat(ReportJson.fieldsIn(json, List.of("bosh_session", "cluster.node_count", "cluster.uptime_h")))
                .containsExactly("bosh_session", "cluster.uptime_h");
    }

    @Test
    void aFileThatIsNoReportHoldsNoField() {
        assertThat(ReportJson.fieldsIn("{\"events\": 3}", List.of("cluster"))).isEmpty();
        assertThat(ReportJson.fieldsIn("not json {", List.of("cluster"))).isEmpty();
    }
}
