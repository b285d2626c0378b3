package org.systemmetrics.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.systemmetrics.collector.testing.MutableClock;
import org.systemmetrics.collector.testing.Reports;
import org.systemmetrics.collector.testing.RunningCollector;
import org.systemmetrics.collector.testing.SigningClient;
import org.systemmetrics.collector.testing.TestDatabases;

/** A private collector: fleet tokens, unsigned reports from today's plugin, a flood from one address. */
class FleetTest {
    private static final String BLUE = "blue-token-0123456789abcdef";
    private static final String GREEN = "green-token-0123456789abcdef";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T12:00:00Z"));
    @TempDir
    Path dataDir;
    private RunningCollector running;

    private RunningCollector start(String... settings) throws Exception {
        running = RunningCollector.start(RunningCollector.merge(TestDatabases.h2(dataDir), settings), clock);
        return running;
    }

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aPrivateCollectorTakesReportsOnlyWithAFleetTokenAndListsEachFleetsOwnServers() throws Exception {
        start("fleet_tokens", "blue:" + BLUE + ",green:" + GREEN, "require_signature", "false");
        Reports blueServer = Reports.any().version("4.8.3").transport("c2s_tcp", "optional").plugin("restapi", "1.12.0");
        Reports greenServer = Reports.any().version("5.1.1").transport("c2s_tcp", "required");

        HttpResponse<String> noToken = running.newClient().send(running.newClient().unsignedReport(blueServer.json()));
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(running.newClient().withToken("wrong-token-0123456789").report(blueServer.json()).statusCode())
                .isEqualTo(401);
        assertThat(running.collector().store().holds(blueServer.clientId())).isFalse();

        // Today's plugin sends the token and no signature: taken, as this collector allows it.
        SigningClient blue = running.newClient().withToken(BLUE);
        assertThat(blue.send(blue.unsignedReport(blueServer.json())).statusCode()).isEqualTo(200);
        SigningClient green = running.newClient().withToken(GREEN);
        assertThat(green.report(greenServer.json()).statusCode()).isEqualTo(200);
        // Another fleet's token cannot overwrite the installation.
        clock.advance(Duration.ofSeconds(1));
        assertThat(green.send(green.unsignedReport(blueServer.json())).statusCode()).isEqualTo(403);

        JsonObject blueFleet = fleet(BLUE);
        assertThat(blueFleet.get("fleet").getAsString()).isEqualTo("blue");
        assertThat(blueFleet.getAsJsonArray("servers")).hasSize(1);
        JsonObject server = blueFleet.getAsJsonArray("servers").get(0).getAsJsonObject();
        assertThat(server.get("client_id").getAsString()).isEqualTo(blueServer.clientId());
        assertThat(server.get("openfire_version").getAsString()).isEqualTo("4.8.3");
        assertThat(server.get("plain_text_client_connections").getAsBoolean()).isTrue();
        assertThat(server.getAsJsonArray("plugins").toString()).contains("restapi");
        assertThat(fleet(GREEN).getAsJsonArray("servers").get(0).getAsJsonObject()
                .get("plain_text_client_connections").getAsBoolean()).isFalse();

        HttpResponse<String> anonymous = running.newClient().get("/v1/fleet");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    private JsonObject fleet(String token) {
        HttpResponse<String> response = SigningClient.send(HttpRequest.newBuilder(running.uri().resolve("/v1/fleet"))
                .header("Authorization", "Bearer " + token).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    @Test
    void anInstallationThatReportedBeforeFleetTokensWereSetIsNotToldItBelongsToAnotherFleet() throws Exception {
        start();
        Reports report = Reports.any();
        SigningClient plugin = running.newClient();
        assertThat(plugin.report(report.json()).statusCode()).isEqualTo(200);
        running.close();
        clock.advance(Duration.ofSeconds(1));
        start("fleet_tokens", "blue:" + BLUE);

        HttpResponse<String> refused = plugin.at(running.uri()).withToken(BLUE).report(report.json());
        assertThat(refused.statusCode()).isEqualTo(403);
        JsonObject answer = JsonParser.parseString(refused.body()).getAsJsonObject();
        assertThat(answer.get("error").getAsString()).isEqualTo("other_fleet");
        assertThat(answer.get("message").getAsString()).contains("without a fleet token")
                .doesNotContain("another fleet");
    }

    @Test
    void anInstallationKeptInAFleetIsToldWhyItIsRefusedWhateverTheCollectorAndTheRequestCarry() throws Exception {
        start("fleet_tokens", "blue:" + BLUE + ",green:" + GREEN);
        Reports report = Reports.any();
        SigningClient plugin = running.newClient().withToken(BLUE);
        assertThat(plugin.report(report.json()).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        SigningClient green = plugin.at(running.uri()).withToken(GREEN);
        assertOtherFleet(green.report(report.json()), "belongs to another fleet than the token's");
        assertOtherFleet(green.send(green.erase(report.clientId())), "belongs to another fleet than the token's");

        // The collector switched to open ingestion: it has no fleets, whatever token the request carries.
        running.close();
        start();
        SigningClient withToken = plugin.at(running.uri());
        SigningClient without = plugin.at(running.uri()).withToken(null);
        for (HttpResponse<String> refused : java.util.List.of(withToken.report(report.json()),
                without.report(report.json()), without.send(without.erase(report.clientId())))) {
            assertThat(assertOtherFleet(refused, "open ingestion")).doesNotContain("another fleet");
        }
    }

    private static String assertOtherFleet(HttpResponse<String> refused, String why) {
        assertThat(refused.statusCode()).isEqualTo(403);
        JsonObject answer = JsonParser.parseString(refused.body()).getAsJsonObject();
        assertThat(answer.get("error").getAsString()).isEqualTo("other_fleet");
        String message = answer.get("message").getAsString();
        assertThat(message).contains(why);
        return message;
    }

    @Test
    void anOpenCollectorsFleetPageSaysItHasNoFleetsWithoutAskingForAToken() throws Exception {
        start();
        HttpResponse<String> refused = SigningClient.send(HttpRequest.newBuilder(running.uri().resolve("/v1/fleet"))
                .header("Authorization", "Bearer " + BLUE).GET().build());
        // No fleet exists to authenticate for: a 401 with WWW-Authenticate would invite credentials that do not exist.
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).isEmpty();
        JsonObject answer = JsonParser.parseString(refused.body()).getAsJsonObject();
        assertThat(answer.get("error").getAsString()).isEqualTo("not_found");
        assertThat(answer.get("message").getAsString()).contains("open ingestion").doesNotContain("needs");
    }

    /** The data contract promises a quiet address is forgotten within a minute or two, with or without requests. */
    @Test
    void theRateLimitersForgetQuietSendersEveryMinuteWithoutWaitingForRequests() throws Exception {
        start();
        // The hourly purge is due at once, then in an hour; only the minute's sweep waits between.
        assertThat(running.collector().scheduled()).anySatisfy(task -> assertThat(((java.util.concurrent.Delayed) task)
                .getDelay(java.util.concurrent.TimeUnit.SECONDS)).isBetween(1L, 60L));
    }

    @Test
    void theFleetPageClaimsOnlyWhatItEnsuresAboutTheToken() throws Exception {
        // The page's script keeps the token in no cookie or web storage; but a browser's password manager may offer
        // to save a password field whatever autocomplete="off" asks, so the page cannot promise more than that.
        start("fleet_tokens", "blue:" + BLUE);
        String page = running.newClient().get("/fleet").body();
        assertThat(page).contains("keeps it in no cookie or storage").contains("may still offer to save it");
        assertThat(running.newClient().get("/static/fleet.js").body())
                .doesNotContain("localStorage", "sessionStorage", "document.cookie", "indexedDB");
    }

    @Test
    void anUnsignedInstallationIsPinnedByItsFirstSignedReport() throws Exception {
        start("require_signature", "false");
        Reports report = Reports.any();
        SigningClient plugin = running.newClient();
        assertThat(plugin.send(plugin.unsignedReport(report.json())).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        assertThat(plugin.report(report.json()).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        assertThat(plugin.send(plugin.unsignedReport(report.json())).statusCode()).isEqualTo(401);
        assertThat(running.newClient().report(report.json()).statusCode()).isEqualTo(403);
    }

    @Test
    void aFloodFromOneAddressIsToldToWaitWhileTheCollectorKeepsServing() throws Exception {
        start("rate.address.burst", "20", "rate.address.per_minute", "20");
        SigningClient flooder = running.newClient();
        int limited = 0;
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> answer = flooder.send(flooder.unsignedReport("{}"));
            if (answer.statusCode() == 429) {
                limited++;
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
            }
        }
        assertThat(limited).isEqualTo(20);
        assertThat(running.newClient().get("/health").statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(1));
        Reports report = Reports.any();
        assertThat(running.newClient().report(report.json()).statusCode()).isEqualTo(200);
    }

    @Test
    void behindAProxyTheAddressItAppendedCountsNotOneTheSenderMadeUp() throws Exception {
        // The proxy appends the peer's address to X-Forwarded-For; whatever comes before it is the sender's own text.
        start("client_address_header", "X-Forwarded-For", "rate.address.burst", "2", "rate.address.per_minute", "1",
                "require_signature", "false");
        SigningClient flooder = running.newClient();
        int limited = 0;
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> answer = flooder.send(flooder.unsignedReport(Reports.any().json())
                    .header("X-Forwarded-For", "10.0.0." + i + ", 198.51.100.7"));
            if (answer.statusCode() == 429) {
                limited++;
            }
        }
        assertThat(limited).isEqualTo(4);
        // Another client behind the same proxy keeps its own budget.
        assertThat(flooder.send(flooder.unsignedReport(Reports.any().json())
                .header("X-Forwarded-For", "198.51.100.8")).statusCode()).isEqualTo(200);
    }

    @Test
    void aServerWhoseReportHasASecondClusterEventWithoutAVersionStillShowsOnTheFleetPage() throws Exception {
        start("fleet_tokens", "blue:" + BLUE, "require_signature", "false");
        Reports server = Reports.any().version("4.8.3");
        String odd = server.json().replace("\"events\": [", "\"events\": [\n    {\"name\": \"cluster\", \"params\": "
                + "{\"scope\": \"cluster\"}},");
        SigningClient blue = running.newClient().withToken(BLUE);
        assertThat(blue.send(blue.unsignedReport(odd)).statusCode()).isEqualTo(200);

        JsonObject listed = fleet(BLUE).getAsJsonArray("servers").get(0).getAsJsonObject();
        assertThat(listed.get("openfire_version").getAsString()).isEqualTo("4.8.3");
    }

    @Test
    void aFloodOfOversizedUploadsIsRateLimitedLikeAnyOther() throws Exception {
        start("rate.address.burst", "3", "rate.address.per_minute", "1");
        String huge = Reports.any().json().replace("\"events\": [", "\"events\": [" + " ".repeat(70_000));
        SigningClient flooder = running.newClient();
        java.util.List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(flooder.send(flooder.unsignedReport(huge)).statusCode());
        }
        assertThat(statuses).containsExactly(413, 413, 413, 429, 429, 429);
    }
}
