package org.systemmetrics.core.delivery.ga4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.systemmetrics.core.delivery.ga4.Fixtures.delivery;
import static org.systemmetrics.core.delivery.ga4.Fixtures.report;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.systemmetrics.core.config.ConsoleSettings;
import org.systemmetrics.core.config.LogText;
import org.systemmetrics.core.config.SecretBinding;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.config.TestConfigs;
import org.systemmetrics.core.delivery.DeliveryFailure;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.core.report.ReportJson;
import org.systemmetrics.testing.LogCapture;
import org.systemmetrics.testing.WallClock;

/** Reports POSTed to the administrator's own collector over HTTPS with a test certificate. */
class OwnEndpointDeliveryTest {
    private static final String TOKEN = "Fleet-Token_0123456789abcdef";
    private static final String MINE = "G-MINE1234";

    @RegisterExtension
    final FakeGoogleExtension google = new FakeGoogleExtension();
    @RegisterExtension
    final LogCapture log = new LogCapture();
    @RegisterExtension
    final FakeCollectorExtension collector = new FakeCollectorExtension(TOKEN);
    private final Report report = report(
            Event.named("cluster").param("version", "5.1.1").param("node_count", 1).build(),
            Event.named("backend").param("kind", "user").param("backend", "ldap").build());

    private TestDelivery open(Fixtures.Builder builder) throws Exception {
        return google.open(builder.trusting(TestCertificates.shared().clientContextTrustingIt()));
    }

    /** The endpoint and token as saved in the console; Google's endpoint is the local stand-in, with no property. */
    private ServiceConfig endpointOnly(String token) {
        Map<String, String> console = new HashMap<>();
        console.put("report_endpoint", collector.url().toString());
        console.put("report_endpoint_token", token.isEmpty() ? "" : SecretBinding.seal(token, collector.url()));
        console.put("google_analytics_url", google.collectUrl().toString());
        return bind(console);
    }

    private static ServiceConfig bind(Map<String, String> console) {
        return TestConfigs.console(ConsoleSettings.of(console));
    }

    /** The same sender serves every destination: what it says of being shut down names no GA4. */
    @Test
    void aDeliveryAfterTheUnloadSaysItIsShutDownWithoutNamingGa4() throws Exception {
        TestDelivery delivery = open(delivery());
        delivery.close();

        assertThat(delivery.deliver(report, endpointOnly(TOKEN))).singleElement()
                .satisfies(outcome -> assertThat(outcome.error()).get().asString()
                        .contains("shut down", "the plugin is unloading").doesNotContain("GA4"));
        assertThat(collector.received()).isEmpty();
    }

    @Test
    void theReportArrivesAsTheReportFilesJsonWithTheTokenAndNothingGoesToGoogle() throws Exception {
        TestDelivery delivery = open(delivery());

        List<DeliveryOutcome> outcomes = delivery.deliver(report, endpointOnly(TOKEN));

        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.succeeded()).isTrue();
            assertThat(outcome.httpStatus()).isEqualTo(204);
            assertThat(outcome.destination()).isEqualTo(LogText.address(collector.url()));
        });
        FakeCollector.Received received = collector.received().get(0);
        assertThat(collector.received()).hasSize(1);
        assertThat(received.method).isEqualTo("POST");
        assertThat(received.path).isEqualTo(FakeCollector.PATH);
        assertThat(received.contentType).startsWith("application/json");
        assertThat(received.authorization).isEqualTo("Bearer " + TOKEN);
        assertThat(received.body).isEqualTo(ReportJson.toPrettyJson(report));
        assertThat(google.requests()).isEmpty();
        assertThat(delivery.historyOf(LogText.address(collector.url()))).containsExactlyElementsOf(outcomes);
        assertThat(delivery.recipients(endpointOnly(TOKEN)).words()).contains(LogText.address(collector.url()))
                .contains("nothing is sent to Google Analytics").doesNotContain(TOKEN);
    }

    @Test
    void withoutATokenNoAuthorizationHeaderIsSent() throws Exception {
        TestDelivery delivery = open(delivery());

        DeliveryOutcome outcome = delivery.deliver(report, endpointOnly("")).get(0);

        assertThat(collector.received()).singleElement().satisfies(r -> assertThat(r.authorization).isNull());
        assertThat(outcome.httpStatus()).isEqualTo(401);
    }

    @Test
    void aWrongTokenShowsAs401InTheHistoryWithoutTheTokenAndIsNotRetried() throws Exception {
        TestDelivery delivery = open(delivery());
        String wrong = "Wrong-Token_zyxwvutsrq9876";

        DeliveryOutcome outcome = delivery.deliver(report, endpointOnly(wrong)).get(0);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.httpStatus()).isEqualTo(401);
        assertThat(outcome.requests()).isEqualTo(1);
        assertThat(delivery.historyOf(LogText.address(collector.url()))).singleElement().isEqualTo(outcome);
        // What the page and the log show of an outcome: its destination, its failure with the detail, GA's messages.
        assertThat(outcome.destination() + outcome.failure().map(DeliveryFailure::toString).orElse("")
                + outcome.validationMessages()).contains("401").doesNotContain(wrong);
        assertThat(log.at(Level.WARN)).singleElement().asString().contains("your endpoint").contains("HTTP 401")
                .doesNotContain(wrong);
        assertThat(log.all()).doesNotContain(wrong);
    }

    @Test
    void aTokenTheCollectorEchoesBackNeverReachesTheHistoryOrTheLog() throws Exception {
        collector.script(FakeCollector.Answer.echoingAuthorization(400));
        TestDelivery delivery = open(delivery());

        DeliveryOutcome outcome = delivery.deliver(report, endpointOnly(TOKEN)).get(0);

        // The whole text is the fixed one for its kind and status: nothing of the answer's body is in it.
        assertThat(outcome.error()).hasValue(DeliveryFailure.of(DeliveryFailure.Kind.REFUSED, collector.url().getHost(),
                "HTTP 400 Bad Request").text());
        assertThat(log.all()).contains("HTTP 400 Bad Request").doesNotContain(TOKEN).doesNotContain("collector-says-no");
    }

    /** Whatever encoding the endpoint echoes the header in, no part of its body is kept: only status and phrase. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"percent", "base64", "json-escaped", "plain"})
    void noPartOfAFailingEndpointsBodyReachesTheHistoryOrTheLogWhateverTheEncoding(String encoding) throws Exception {
        String slashToken = "Fleet/Token+0123456789=abc/def";
        java.util.function.UnaryOperator<String> encoder = "percent".equals(encoding)
                ? h -> java.net.URLEncoder.encode(h, java.nio.charset.StandardCharsets.UTF_8)
                : "base64".equals(encoding)
                ? h -> java.util.Base64.getEncoder().encodeToString(h.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                : "json-escaped".equals(encoding) ? h -> h.replace("/", "\\/") : h -> h;
        collector.script(FakeCollector.Answer.echoingAuthorization(403, encoder));
        TestDelivery delivery = open(delivery());

        DeliveryOutcome outcome = delivery.deliver(report, endpointOnly(slashToken)).get(0);

        String echoed = encoder.apply("Bearer " + slashToken);
        String fixed = DeliveryFailure.of(DeliveryFailure.Kind.CREDENTIALS_REFUSED, collector.url().getHost(),
                "HTTP 403 Forbidden").text();
        assertThat(outcome.error()).hasValue(fixed);
        assertThat(delivery.historyOf(LogText.address(collector.url()))).singleElement()
                .satisfies(o -> assertThat(o.error()).hasValue(fixed));
        assertThat(log.all()).contains("HTTP 403 Forbidden").doesNotContain(echoed).doesNotContain("seen")
                .doesNotContain("collector-says-no")
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(slashToken.getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)).substring(0, 12));
    }

    @Test
    void theEndpointsPathNeverReachesTheLogTheHistoryOrTheConsentLine() throws Exception {
        TestDelivery delivery = open(delivery());
        ServiceConfig config = endpointOnly(TOKEN);

        DeliveryOutcome outcome = delivery.deliver(report, config).get(0);

        assertThat(outcome.destination()).isEqualTo("https://127.0.0.1");
        assertThat(delivery.recipients(config).ids()).containsExactly("https://127.0.0.1");
        assertThat(delivery.recipients(config).words()).contains("https://127.0.0.1").doesNotContain(FakeCollector.PATH)
                .doesNotContain(":" + collector.url().getPort());
        assertThat(log.all()).contains("https://127.0.0.1").doesNotContain(FakeCollector.PATH);
    }

    @Test
    void aServerErrorIsRetriedWithinTheBudgetThenReported() throws Exception {
        collector.script(FakeCollector.Answer.status(500), FakeCollector.Answer.status(500),
                FakeCollector.Answer.status(500));
        FakeTime time = new FakeTime();
        TestDelivery delivery = open(delivery().time(time));

        DeliveryOutcome outcome = delivery.deliver(report, endpointOnly(TOKEN)).get(0);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.httpStatus()).isEqualTo(500);
        assertThat(outcome.requests()).isEqualTo(3);
        assertThat(outcome.error()).get().asString().contains("HTTP 500").contains("after 3 tries");
        assertThat(time.sleeps()).hasSize(2);
        assertThat(collector.received()).hasSize(3);
    }

    @Test
    void aServerErrorThenSuccessDelivers() throws Exception {
        collector.script(FakeCollector.Answer.status(503));
        TestDelivery delivery = open(delivery());

        DeliveryOutcome outcome = delivery.deliver(report, endpointOnly(TOKEN)).get(0);

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.requests()).isEqualTo(2);
    }

    @Test
    @WallClock
    void aHangingCollectorIsGivenUpOnAndNeverHoldsTheCallerPastItsBudget() throws Exception {
        collector.script(FakeCollector.Answer.hang(), FakeCollector.Answer.hang(), FakeCollector.Answer.hang());
        TestDelivery delivery = open(delivery().budget(Duration.ofMillis(400)));

        long started = System.nanoTime();
        DeliveryOutcome outcome = delivery.deliver(report, endpointOnly(TOKEN)).get(0);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.httpStatus()).isZero();
        assertThat(took).isLessThan(Duration.ofSeconds(3));
        assertThat(delivery.historyOf(LogText.address(collector.url()))).singleElement().isEqualTo(outcome);
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        collector.script(FakeCollector.Answer.redirectTo(google.collectUrl().toString()));
        TestDelivery delivery = open(delivery());

        DeliveryOutcome outcome = delivery.deliver(report, endpointOnly(TOKEN)).get(0);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.httpStatus()).isEqualTo(302);
        assertThat(outcome.requests()).isEqualTo(1);
        assertThat(google.requests()).isEmpty();
    }

    @Test
    void aCollectorWithACertificateTheJvmDoesNotTrustIsRefused() throws Exception {
        TestDelivery delivery = google.open(delivery()); // the JVM's own trust store, as in production

        DeliveryOutcome outcome = delivery.deliver(report, endpointOnly(TOKEN)).get(0);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.requests()).isEqualTo(1);
        assertThat(collector.received()).isEmpty();
    }

    @Test
    void withAGa4PropertyTooBothReceiveTheReport() throws Exception {
        TestDelivery delivery = open(delivery());
        Map<String, String> console = new HashMap<>();
        console.put("report_endpoint", collector.url().toString());
        console.put("report_endpoint_token", SecretBinding.seal(TOKEN, collector.url()));
        console.put("google_analytics_url", google.collectUrl().toString());
        console.put("tracking_id", MINE);
        console.put("tracking_secret", SecretBinding.seal(Fixtures.SECRET, google.collectUrl()));
        ServiceConfig both = bind(console);

        List<DeliveryOutcome> outcomes = delivery.deliver(report, both);

        assertThat(outcomes).extracting(DeliveryOutcome::destination).containsExactly(MINE, LogText.address(collector.url()));
        assertThat(outcomes).allMatch(DeliveryOutcome::succeeded);
        assertThat(google.requestsFor(MINE)).hasSize(1);
        assertThat(collector.received()).hasSize(1);
        assertThat(delivery.recipients(both).ids()).containsExactly(MINE, LogText.address(collector.url()));
    }
}
