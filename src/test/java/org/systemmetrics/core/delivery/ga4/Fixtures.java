package org.systemmetrics.core.delivery.ga4;

import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.systemmetrics.core.ReportDestinations;
import org.systemmetrics.core.config.AddressRule;
import org.systemmetrics.core.config.ConfigOrigin;
import org.systemmetrics.core.config.ConsoleSettings;
import org.systemmetrics.core.config.SecretBinding;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.config.TestConfigs;
import org.systemmetrics.core.config.TrackingId;
import org.systemmetrics.core.delivery.Delivery;
import org.systemmetrics.core.delivery.HttpTransport;
import org.systemmetrics.core.delivery.RetryPolicy;
import org.systemmetrics.core.delivery.endpoint.OwnEndpointDestination;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.Report;

/** Reports, configurations and deliveries as the tests need them. */
final class Fixtures {
    static final String CLIENT_ID = "4f1c2a7e-1b3d-4c5e-9f00-0123456789ab";
    static final String SECRET = "S3cr3t-Api-Key_xyz987";
    static final String OTHER_SECRET = "An0ther-Secret_Value42";

    private Fixtures() {
    }

    static Report report(Event... events) {
        return new Report(Instant.parse("2025-01-01T00:00:00Z"), CLIENT_ID, List.of(events));
    }

    static Report reportOf(int eventCount) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < eventCount; i++) {
            events.add(Event.named("metric_" + i).param("index", i).build());
        }
        return new Report(Instant.parse("2025-01-01T00:00:00Z"), CLIENT_ID, events);
    }

    /** The configuration an administrator gets by naming one property in the admin console. */
    static ServiceConfig configWith(URI endpoint, String measurementId, String secret) {
        return bind(ConsoleSettings.of(Map.of("tracking_id", measurementId,
                "tracking_secret", SecretBinding.seal(secret, endpoint), "google_analytics_url", endpoint.toString())));
    }

    static ServiceConfig configWithoutTrackingId(URI endpoint) {
        return bind(ConsoleSettings.of(Map.of("google_analytics_url", endpoint.toString())));
    }

    /** Parses YAML the way the plugin does, so tests see exactly what the config binder lets through. */
    static ServiceConfig yaml(String entry) {
        String text = "services:\n  service_mongoose_system_metrics:\n" + entry;
        return TestConfigs.read(text, ConfigOrigin.shippedDefault(), ConsoleSettings.NONE);
    }

    private static ServiceConfig bind(ConsoleSettings console) {
        return TestConfigs.console(console);
    }

    static Builder delivery() {
        return new Builder();
    }

    /** A {@link Delivery} with fake time, fixed jitter and short timeouts unless told otherwise. */
    static final class Builder {
        private Optional<TrackingId> project = Optional.empty();
        private boolean projectOnlyToGoogle;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration responseTimeout = Duration.ofSeconds(2);
        private Duration budget = Duration.ofSeconds(30);
        private SSLContext sslContext;
        private Callable<SSLContext> tls;
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private FakeTime time = new FakeTime();
        private double jitter = 0.0;
        private OwnEndpointDestination.Signer signer = OwnEndpointDestination.Signer.NONE;
        private DnsResolver resolver = SystemDefaultDnsResolver.INSTANCE;

        /** The local stand-in plays Google, so the project's property may go to this machine too. */
        Builder project(TrackingId property) {
            this.project = Optional.of(property);
            return this;
        }

        /** As in production: the project's property only to Google's own hosts, never to the local stand-in. */
        Builder projectOnlyToGoogle() {
            this.projectOnlyToGoogle = true;
            return this;
        }

        Builder responseTimeout(Duration timeout) {
            this.responseTimeout = timeout;
            return this;
        }

        Builder budget(Duration budget) {
            this.budget = budget;
            return this;
        }

        Builder trusting(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        /** Where the transport gets its TLS context; a double may fail as a JVM without one does. */
        Builder tls(Callable<SSLContext> tls) {
            this.tls = tls;
            return this;
        }

        Builder time(FakeTime time) {
            this.time = time;
            return this;
        }

        Builder jitter(double jitter) {
            this.jitter = jitter;
            return this;
        }

        /** The name service the transport asks; a double pretends a name resolves to a metadata address. */
        Builder resolver(DnsResolver resolver) {
            this.resolver = resolver;
            return this;
        }

        /** How reports to the own endpoint are signed; unsigned unless a test says so. */
        Builder signer(OwnEndpointDestination.Signer signer) {
            this.signer = signer;
            return this;
        }

        TestDelivery build() {
            try {
                SSLContext context = sslContext != null ? sslContext : SSLContext.getDefault();
                HttpTransport transport = new HttpTransport(HttpTransport.userAgent("1.2.3", "4.9.2"), connectTimeout,
                        responseTimeout, tls != null ? tls : () -> context, resolver);
                double fixedJitter = jitter;
                Predicate<URI> projectEndpoint = ServiceConfig::isGoogleMeasurementProtocol;
                if (!projectOnlyToGoogle) {
                    projectEndpoint = projectEndpoint.or(uri -> AddressRule.isLoopbackHost(uri.getHost()));
                }
                ReportDestinations destinations = new ReportDestinations(project, projectEndpoint, new Ga4Encoding(),
                        signer);
                return new TestDelivery(new Delivery(transport, retryPolicy, budget, time, time, () -> fixedJitter),
                        destinations);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
