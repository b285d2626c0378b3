package org.systemmetrics.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import com.google.gson.JsonElement;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.systemmetrics.core.delivery.ga4.FakeGoogle;
import org.systemmetrics.openfire.seam.SystemPropertyRegistrar;

/**
 * An administrator's choices inside a real Openfire: only some categories, an endpoint of their own with a token,
 * no Google Analytics property. The collector receives the report file itself, Google nothing, and the admin
 * console's category boxes narrow the report further; the page cannot be framed by other sites.
 */
@ParameterizedClass(name = "{0}", allowZeroInvocations = true)
@MethodSource("org.systemmetrics.realserver.OpenfireDistribution#found")
@ExtendWith(QuoteOpenfireLogOnFailure.class)
class ChoicesOnRealServerIT {
    private static final Duration REPORT_WAIT = Duration.ofSeconds(60);
    private static final String TOKEN = "fleet-token-1";

    private static FakeGoogle google;
    private static Collector collector;
    private static RealOpenfire server;

    @Parameter
    OpenfireDistribution distribution;

    @BeforeParameterizedClassInvocation
    static void startServer(OpenfireDistribution distribution) throws IOException {
        google = FakeGoogle.http();
        collector = new Collector();
        server = RealOpenfire.builder(distribution, "choices")
                .confFile("system_metrics.yml", "services:\n"
                        + "  service_mongoose_system_metrics:\n"
                        + "    report: true\n"
                        + "    initial_report: 1000\n"
                        + "    periodic_report: 3000\n"
                        + "    categories: [backends, transports]\n"
                        + "    google_analytics_url: \"" + google.collectUrl() + "\"\n"
                        + "    report_endpoint: \"" + collector.url() + "\"\n"
                        + "    report_endpoint_token: " + TOKEN + "\n")
                .start();
    }

    @AfterParameterizedClassInvocation
    static void stopServer() {
        RealOpenfire.closeAll(server, collector, google);
    }

    @Test
    void theOwnEndpointReceivesTheReportFileWithItsTokenAndGoogleNothing() {
        Collector.Received received = awaitPostOfTheCurrentReportFile();

        assertThat(received.contentType).startsWith("application/json");
        assertThat(received.authorization).isEqualTo("Bearer " + TOKEN);
        assertThat(google.requests()).isEmpty();
        assertThat(server.log()).doesNotContain(TOKEN);
    }

    @Test
    void onlyTheChosenCategoriesAndTheAlwaysSentEventsAreReported() {
        ReportFile report = ReportFile.awaitNewer(server, null, REPORT_WAIT);

        assertThat(eventNames(report)).containsExactlyInAnyOrder("cluster", "node", "backend", "transport");
    }

    @Test
    void theConsoleCategoryBoxesNarrowTheReportAndThePageCannotBeFramed() throws Exception {
        AdminConsoleSession console = AdminConsoleSession.login(server);
        HttpResponse<String> page = console.pluginPageResponse();
        assertThat(page.headers().allValues("Content-Security-Policy")).anySatisfy(
                policy -> assertThat(policy).contains("frame-ancestors 'self'"));

        console.saveSettings(Map.of(), Set.of("category_transports"));
        try {
            ReportFile narrowed = ReportFile.await(server, r -> !eventNames(r).contains("transport"), REPORT_WAIT);

            assertThat(eventNames(narrowed)).containsExactlyInAnyOrder("cluster", "node", "backend");
        } finally {
            console.resetToFile("categories"); // the server is shared with the other checks
        }
        ReportFile.await(server, r -> eventNames(r).contains("transport"), REPORT_WAIT);
    }

    /** The plugin's one property listener sees a change made outside its page, which no re-read of a file brings. */
    @Test
    void categoriesChangedOnOpenfiresSystemPropertiesPageApplyAtOnce() throws Exception {
        AdminConsoleSession console = AdminConsoleSession.login(server);
        String property = SystemPropertyRegistrar.propertyName("categories");

        console.setSystemProperty(property, "backends");
        try {
            ReportFile narrowed = ReportFile.await(server, r -> !eventNames(r).contains("transport"), REPORT_WAIT);

            assertThat(eventNames(narrowed)).containsExactlyInAnyOrder("cluster", "node", "backend");
        } finally {
            console.deleteSystemProperty(property); // the server is shared with the other checks
        }
        ReportFile.await(server, r -> eventNames(r).contains("transport"), REPORT_WAIT);
    }

    private static Set<String> eventNames(ReportFile report) {
        Set<String> names = new TreeSet<>();
        for (JsonElement event : report.json().getAsJsonArray("events")) {
            names.add(event.getAsJsonObject().get("name").getAsString());
        }
        return names;
    }

    /** Waits until a POST arrived whose body is, to the byte, the report file as it is on disk then. */
    private static Collector.Received awaitPostOfTheCurrentReportFile() {
        ReportFile posted = ReportFile.await(server, r -> collector.bodyEqualTo(r.text()).isPresent(), REPORT_WAIT);
        return collector.bodyEqualTo(posted.text()).orElseThrow();
    }

    /** An administrator's collector on loopback (plain http is accepted there): records every POST, answers 204. */
    private static final class Collector implements AutoCloseable {
        private final HttpServer http;
        final List<Received> received = new CopyOnWriteArrayList<>();

        Collector() throws IOException {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.createContext("/", this::handle);
            http.start();
        }

        Optional<Received> bodyEqualTo(String text) {
            return received.stream().filter(r -> r.body.equals(text)).findFirst();
        }

        String url() {
            return "http://127.0.0.1:" + http.getAddress().getPort() + "/fleet/reports";
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                received.add(new Received(exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(204, -1);
            }
        }

        @Override
        public void close() {
            http.stop(0);
        }

        static final class Received {
            final String contentType;
            final String authorization;
            final String body;

            Received(String contentType, String authorization, String body) {
                this.contentType = contentType;
                this.authorization = authorization;
                this.body = body;
            }
        }
    }
}
