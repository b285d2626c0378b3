package org.systemmetrics.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.systemmetrics.collector.testing.MutableClock;
import org.systemmetrics.collector.testing.Reports;
import org.systemmetrics.collector.testing.RunningCollector;
import org.systemmetrics.collector.testing.SigningClient;

/**
 * What a sender sees, the same on every database: reports taken or refused with a clear answer, nothing stored
 * from a refused one, signatures pinned on first sight, replays refused, erasure and retention. Subclasses say
 * where the data lives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IngestContract {
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T12:00:00Z"));
    private RunningCollector running;
    private Map<String, String> settings;

    /** Settings naming this class's own, fresh database. */
    protected abstract Map<String, String> database() throws Exception;

    protected void dropDatabase() throws Exception {
    }

    @BeforeAll
    void startCollector() throws Exception {
        settings = RunningCollector.merge(database(), "rate.address.burst", "100000", "rate.installation.burst", "5");
        running = RunningCollector.start(settings, clock);
    }

    @AfterAll
    void stopCollector() throws Exception {
        try {
            if (running != null) {
                running.close();
            }
        } finally {
            dropDatabase();
        }
    }

    private SigningClient client() {
        return running.newClient();
    }

    private boolean stored(String clientId) {
        return running.collector().store().holds(clientId);
    }

    private static JsonObject json(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private static void assertRefused(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(json(response).get("error").getAsString()).isEqualTo(code);
        assertThat(json(response).get("message").getAsString()).isNotBlank();
    }

    @Test
    void takesThePluginsReportFileAsItIsAndKeepsTheLatest() {
        SigningClient plugin = client();
        Reports report = Reports.any().plugin("restapi", "1.12.0");
        HttpResponse<String> first = plugin.report(report.json());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(json(first).get("status").getAsString()).isEqualTo("stored");

        clock.advance(Duration.ofHours(3));
        assertThat(plugin.report(report.version("5.1.2").json()).statusCode()).isEqualTo(200);

        var latest = running.collector().store().latest(report.clientId()).orElseThrow();
        assertThat(latest.reportCount()).isEqualTo(2);
        assertThat(latest.fleet()).isNull(); // open ingestion
        assertThat(JsonParser.parseString(latest.reportJson())).isEqualTo(JsonParser.parseString(report.json()));
        assertThat(latest.reportJson()).contains("\"version\":\"5.1.2\"").doesNotContain("5.1.1");
    }

    @Test
    void anUnsignedReportIsRefusedWhenSignaturesAreRequired() {
        Reports report = Reports.any();
        assertRefused(client().send(client().unsignedReport(report.json())), 401, "signature_required");
        assertThat(stored(report.clientId())).isFalse();
    }

    @Test
    void aForgedSignatureIsRefusedAndNothingIsStored() {
        SigningClient plugin = client();
        Reports report = Reports.any();
        long now = clock.millis();
        String forged = SigningClient.sign(SigningClient.newKeyPair(), "systemmetrics-report-v1", now,
                report.json().getBytes(StandardCharsets.UTF_8));
        HttpRequest request = plugin.unsignedReport(report.json()).header("Systemmetrics-Key", plugin.publicKey())
                .header("Systemmetrics-Timestamp", Long.toString(now)).header("Systemmetrics-Signature", forged).build();
        assertRefused(SigningClient.send(request), 403, "bad_signature");
        // A signature over another body (the report changed on the way) is refused the same way.
        HttpRequest tampered = plugin.unsignedReport(report.version("4.8.3").json())
                .header("Systemmetrics-Key", plugin.publicKey()).header("Systemmetrics-Timestamp", Long.toString(now))
                .header("Systemmetrics-Signature", SigningClient.sign(plugin.keys(), "systemmetrics-report-v1", now,
                        Reports.of(report.clientId()).json().getBytes(StandardCharsets.UTF_8))).build();
        assertRefused(SigningClient.send(tampered), 403, "bad_signature");
        assertThat(stored(report.clientId())).isFalse();
    }

    @Test
    void theFirstKeyAnInstallationSignsWithIsPinnedToItsId() {
        Reports report = Reports.any();
        SigningClient owner = client();
        assertThat(owner.report(report.json()).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(1));
        SigningClient impostor = client();
        assertRefused(impostor.report(report.version("4.8.3").json()), 403, "key_mismatch");
        assertRefused(impostor.send(impostor.unsignedReport(report.json())), 401, "signature_required");
        assertRefused(impostor.send(impostor.erase(report.clientId())), 403, "bad_signature");
        assertThat(stored(report.clientId())).isTrue();
        assertThat(owner.report(report.version("5.1.2").json()).statusCode()).isEqualTo(200);
    }

    @Test
    void anRsaKeyWorksLikeAP256KeyButAWeakOneIsRefused() {
        SigningClient plugin = SigningClient.withRsaKey(running.uri(), clock);
        Reports report = Reports.any();
        assertThat(plugin.report(report.json()).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        assertRefused(client().report(report.json()), 403, "key_mismatch");
        HttpResponse<String> erased = plugin.send(plugin.erase(report.clientId()));
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);

        Reports other = Reports.any();
        java.security.KeyPair weak = SigningClient.newRsaKeyPair(1024);
        long now = clock.millis();
        HttpRequest request = plugin.unsignedReport(other.json())
                .header("Systemmetrics-Key", java.util.Base64.getEncoder().encodeToString(weak.getPublic().getEncoded()))
                .header("Systemmetrics-Timestamp", Long.toString(now))
                .header("Systemmetrics-Signature", SigningClient.sign(weak, "systemmetrics-report-v1", now,
                        other.json().getBytes(StandardCharsets.UTF_8))).build();
        assertRefused(SigningClient.send(request), 400, "malformed_signature");
        assertThat(stored(other.clientId())).isFalse();
    }

    @Test
    void aReplayedReportIsRefusedButARetryOfTheLastIsAnsweredWithoutCountingTwice() {
        SigningClient plugin = client();
        Reports report = Reports.any();
        long signedAt = clock.millis();
        assertThat(plugin.send(plugin.signedReport(report.json(), signedAt)).statusCode()).isEqualTo(200);

        HttpResponse<String> retry = plugin.send(plugin.signedReport(report.json(), signedAt));
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(json(retry).get("status").getAsString()).isEqualTo("duplicate");

        assertRefused(plugin.send(plugin.signedReport(report.version("5.0.0").json(), signedAt)), 409, "replayed");
        assertRefused(plugin.send(plugin.signedReport(report.json(), signedAt - 1)), 409, "replayed");
        assertThat(plugin.send(plugin.signedReport(report.json(), signedAt + 1)).statusCode()).isEqualTo(200);
    }

    @Test
    void aTimestampFarFromTheCollectorsClockIsRefused() {
        SigningClient plugin = client();
        Reports report = Reports.any();
        long anHourAgo = clock.millis() - Duration.ofHours(1).toMillis();
        assertRefused(plugin.send(plugin.signedReport(report.json(), anHourAgo)), 400, "bad_timestamp");
        assertThat(stored(report.clientId())).isFalse();
    }

    @Test
    void aTimestampJustPastTheAllowedSkewIsNotSaidToBeWithinIt() {
        // 600.001 s off: cutting the milliseconds off would read "600 s from the clock; at most 600 s are accepted".
        SigningClient plugin = client();
        long justTooOld = clock.millis() - Duration.ofSeconds(600).toMillis() - 1;
        HttpResponse<String> refused = plugin.send(plugin.signedReport(Reports.any().json(), justTooOld));
        assertRefused(refused, 400, "bad_timestamp");
        assertThat(json(refused).get("message").getAsString())
                .contains("is 601 s from the collector's clock; at most 600 s are accepted");
    }

    @Test
    void whatIsNotAReportIsRefusedAsMalformed() {
        SigningClient plugin = client();
        assertRefused(plugin.report("{\"client_id\": "), 400, "malformed");
        assertRefused(plugin.report("[1, 2]"), 400, "malformed");
        assertRefused(plugin.report("{} {}"), 400, "malformed");
        assertRefused(plugin.send(plugin.unsignedReport(Reports.any().json()).header("Systemmetrics-Timestamp", "1")),
                400, "malformed_signature");
    }

    @Test
    void aTimestampHeaderIsDigitsOnlySoTheSignedTextIsExactlyTheHeader() {
        // The signed text holds the timestamp "as in the header": a header the collector would read as the same
        // number but that differs from the signed digits ("+…", "0…") is refused rather than quietly rewritten.
        SigningClient plugin = client();
        Reports report = Reports.any();
        long millis = clock.millis();
        byte[] body = report.json().getBytes(StandardCharsets.UTF_8);
        String signature = SigningClient.sign(plugin.keys(), "systemmetrics-report-v1", millis, body);
        for (String header : new String[] {"+" + millis, "0" + millis}) {
            assertRefused(plugin.send(plugin.unsignedReport(report.json()).header("Systemmetrics-Key", plugin.publicKey())
                    .header("Systemmetrics-Timestamp", header).header("Systemmetrics-Signature", signature)),
                    400, "malformed_signature");
        }
        assertThat(stored(report.clientId())).isFalse();
    }

    @Test
    void aReportOutsideTheDictionaryIsRefusedNamingWhatIsWrong() {
        SigningClient plugin = client();
        Reports report = Reports.any();
        String base = report.json();
        HttpResponse<String> unknownEvent = plugin.report(base.replace("\"name\": \"node\"", "\"name\": \"hostname\""));
        assertRefused(unknownEvent, 422, "unknown_schema");
        assertThat(json(unknownEvent).get("message").getAsString()).contains("unknown event 'hostname'");
        HttpResponse<String> unknownParam = plugin.report(base.replace("\"uptime_s\"", "\"domain\""));
        assertRefused(unknownParam, 422, "unknown_schema");
        assertThat(json(unknownParam).get("message").getAsString()).contains("unknown parameter 'domain'");
        assertRefused(plugin.report(Reports.of(report.clientId()).plugin("acme-secret-plugin", "1.0").json()), 422,
                "unknown_schema");
        assertRefused(plugin.report(base.replace("\"uptime_s\": 21600", "\"uptime_s\": \"a day\"")), 422, "unknown_schema");
        assertRefused(plugin.report(base.replace("\"database\": \"postgresql\"", "\"database\": \"db.example.org/Prod\"")),
                422, "unknown_schema");
        assertRefused(plugin.report(base.replace(report.clientId(), "my-server")), 422, "unknown_schema");
        assertThat(stored(report.clientId())).isFalse();
    }

    @Test
    void aMadeUpWordInAnyFixedListIsRefusedNamingTheParameterAndNothingIsStored() {
        SigningClient plugin = client();
        Reports report = Reports.any().backend("user", "ldap").transport("c2s_tcp", "optional");
        String base = report.json();
        String[][] fields = {{"\"config_type\": \"yaml\"", "config_type"}, {"\"database\": \"postgresql\"", "database"},
            {"\"kind\": \"user\"", "kind"}, {"\"backend\": \"ldap\"", "backend"},
            {"\"mechanism\": \"c2s_tcp\"", "mechanism"}, {"\"tls_policy\": \"optional\"", "tls_policy"},
            {"\"service\": \"muc\"", "service"}, {"\"stanza_type\": \"message_in\"", "stanza_type"},
            {"\"version\": \"5.1.1\"", "version"}};
        for (String[] field : fields) {
            assertThat(base).contains(field[0]);
            HttpResponse<String> answer = plugin.report(base.replace(field[0], "\"" + field[1] + "\": \"acmecorp\""));
            assertRefused(answer, 422, "unknown_schema");
            assertThat(json(answer).get("message").getAsString()).as(field[1]).contains(field[1]);
        }
        assertThat(stored(report.clientId())).isFalse();
    }

    @Test
    void aBodyThatBreaksOffIsTheSendersFaultNotTheCollectors() throws Exception {
        // A chunked body whose chunk size is not a number: the collector must say 400, not "the collector failed".
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", running.uri().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /v1/reports HTTP/1.1\r\nHost: collector\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("\"error\":\"malformed\"");
        }
        assertThat(client().get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void anOversizedBodyIsRefusedWith413WhetherItsLengthIsDeclaredOrNot() {
        SigningClient plugin = client();
        Reports report = Reports.any();
        String huge = report.json().replace("\"events\": [", "\"events\": [" + " ".repeat(70_000));
        assertRefused(plugin.report(huge), 413, "too_large");
        HttpRequest chunked = plugin.unsignedReport("").POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8)))).build();
        assertRefused(SigningClient.send(chunked), 413, "too_large");
        assertThat(stored(report.clientId())).isFalse();
    }

    @Test
    void anInstallationSendingTooOftenIsToldWhenToComeBack() {
        SigningClient plugin = client();
        Reports report = Reports.any();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMillis(1));
            assertThat(plugin.report(report.json()).statusCode()).isEqualTo(200);
        }
        clock.advance(Duration.ofMillis(1));
        HttpResponse<String> limited = plugin.report(report.json());
        assertRefused(limited, 429, "rate_limited");
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 3600L);

        clock.advance(Duration.ofSeconds(retryAfter));
        assertThat(plugin.report(report.json()).statusCode()).isEqualTo(200);
    }

    @Test
    void someoneReusingAnInstallationsIdCannotUseUpItsRateBudget() {
        SigningClient plugin = client();
        Reports report = Reports.any();
        assertThat(plugin.report(report.json()).statusCode()).isEqualTo(200);
        SigningClient impostor = client();
        for (int i = 0; i < 8; i++) {
            clock.advance(Duration.ofMillis(1));
            assertThat(impostor.report(report.json()).statusCode()).isIn(403, 429);
        }
        clock.advance(Duration.ofMillis(1));
        HttpResponse<String> own = plugin.report(report.json());
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    }

    @Test
    void aSignedEraseRequestRemovesEverythingOfThatInstallationOnly() {
        SigningClient plugin = client();
        Reports report = Reports.any();
        Reports neighbour = Reports.any();
        SigningClient other = client();
        assertThat(plugin.report(report.json()).statusCode()).isEqualTo(200);
        assertThat(other.report(neighbour.json()).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));

        assertRefused(plugin.send(plugin.erase(report.clientId()).header("X-Unused", "1")
                .setHeader("Systemmetrics-Signature", "AAAA")), 403, "bad_signature");
        HttpResponse<String> erased = plugin.send(plugin.erase(report.clientId()));
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(json(erased).get("status").getAsString()).isEqualTo("erased");
        assertThat(stored(report.clientId())).isFalse();
        assertThat(stored(neighbour.clientId())).isTrue();

        clock.advance(Duration.ofSeconds(1));
        assertRefused(plugin.send(plugin.erase(report.clientId())), 404, "unknown_installation");
        HttpRequest unsigned = HttpRequest.newBuilder(running.uri().resolve("/v1/reports/" + neighbour.clientId()))
                .DELETE().build();
        assertRefused(SigningClient.send(unsigned), 401, "signature_required");
        assertThat(stored(neighbour.clientId())).isTrue();
    }

    @Test
    void anEraseRequestSignedBeforeTheLastReportIsAReplay() {
        SigningClient plugin = client();
        Reports report = Reports.any();
        HttpRequest.Builder oldErase = plugin.erase(report.clientId());
        clock.advance(Duration.ofSeconds(1));
        assertThat(plugin.report(report.json()).statusCode()).isEqualTo(200);
        assertRefused(plugin.send(oldErase), 409, "replayed");
        assertThat(stored(report.clientId())).isTrue();
    }

    @Test
    void anEraseRequestSignedInTheSameMillisecondAsTheLastReportIsAReplayAndSaysSo() {
        SigningClient plugin = client();
        Reports report = Reports.any();
        assertThat(plugin.report(report.json()).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = plugin.send(plugin.erase(report.clientId()));
        assertRefused(refused, 409, "replayed");
        assertThat(json(refused).get("message").getAsString()).contains("signed at or before");
        assertThat(stored(report.clientId())).isTrue();
    }

    @Test
    void noAddressIsEverStored() throws Exception {
        assertThat(client().report(Reports.any().json()).statusCode()).isEqualTo(200);
        CollectorConfig config = CollectorConfig.of(settings);
        StringBuilder everything = new StringBuilder();
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(config.jdbcUrl(), config.jdbcUser(),
                config.jdbcPassword())) {
            for (String table : new String[] {"installation", "monthly_report_count"}) {
                try (var rows = connection.createStatement().executeQuery("SELECT * FROM " + table)) {
                    while (rows.next()) {
                        for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                            everything.append(rows.getString(column)).append('|');
                        }
                    }
                }
            }
        }
        assertThat(everything).contains("5.1.1").doesNotContain("127.0.0.1").doesNotContain("localhost");
    }

    @Test
    void aReportPostedBelowTheReportsPathIsToldWhereReportsGo() {
        // A report_endpoint written with a trailing slash: the answer must not send the administrator to DELETE.
        SigningClient plugin = client();
        HttpResponse<String> answer = plugin.send(plugin.signedReport(Reports.any().json())
                .uri(running.uri().resolve("/v1/reports/")));
        assertRefused(answer, 405, "method_not_allowed");
        assertThat(json(answer).get("message").getAsString()).contains("a report is POSTed to /v1/reports");
    }

    @Test
    void healthSaysTheDatabaseIsUp() {
        HttpResponse<String> health = client().get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("database").getAsString()).isEqualTo("up");
        assertRefused(client().get("/nothing-here"), 404, "not_found");
    }

    @Test
    void aNewInstallationIdNeverCollidesWithAnother() {
        // Two installations reporting at the same instant are two rows, each with its own key.
        Reports a = Reports.of(UUID.randomUUID().toString());
        Reports b = Reports.of(UUID.randomUUID().toString());
        assertThat(client().report(a.json()).statusCode()).isEqualTo(200);
        assertThat(client().report(b.json()).statusCode()).isEqualTo(200);
        assertThat(stored(a.clientId()) && stored(b.clientId())).isTrue();
    }
}
