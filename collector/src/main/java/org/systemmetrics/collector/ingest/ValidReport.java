package org.systemmetrics.collector.ingest;

import com.google.gson.JsonObject;
import java.time.Instant;

/**
 * A report that matched the dictionary: its installation, when it was built, the Openfire version it names and
 * the report itself, compact, as it is stored.
 */
public record ValidReport(String clientId, Instant generatedAt, String openfireVersion, JsonObject json) {
}
