package org.systemmetrics.core.delivery.ga4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.systemmetrics.core.delivery.ga4.Fixtures.OTHER_SECRET;
import static org.systemmetrics.core.delivery.ga4.Fixtures.SECRET;
import static org.systemmetrics.core.delivery.ga4.Fixtures.delivery;
import static org.systemmetrics.core.delivery.ga4.Fixtures.reportOf;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.systemmetrics.core.config.ConfigProblem;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.config.TrackingId;
import org.systemmetrics.core.delivery.DeliveryOutcome;

/** Who receives reports, and how the consent notice says so. */
class ReportDestinationsTest {
    private static final TrackingId PROJECT = new TrackingId("G-PROJECT1", OTHER_SECRET);

    @RegisterExtension
    final FakeGoogleExtension google = new FakeGoogleExtension();
    private TestDelivery ga4;

    @Test
    void aUniversalAnalyticsIdNeverBecomesADestination() {
        ServiceConfig loaded = Fixtures.yaml("    tracking_id: UA-12345-1\n    google_analytics_url: \""
                + google.collectUrl() + "\"\n");
        ga4 = google.open(delivery());

        assertThat(loaded.problems()).extracting(ConfigProblem::message)
                .anySatisfy(m -> assertThat(m).contains("UA-12345-1", "Universal Analytics"));
        assertThat(ga4.deliver(reportOf(1), loaded)).isEmpty();
        assertThat(google.requests()).isEmpty();
        assertThat(ga4.recipients(loaded).words()).startsWith("nowhere");
    }

    @Test
    void withNoDestinationNothingIsSentAndTheNoticeSaysSo() {
        ga4 = google.open(delivery());
        ServiceConfig config = Fixtures.configWithoutTrackingId(google.collectUrl());

        assertThat(ga4.deliver(reportOf(3), config)).isEmpty();
        assertThat(google.requests()).isEmpty();
        assertThat(ga4.recipients(ServiceConfig.defaults()).words()).isEqualTo("nowhere: this build has no project "
                + "GA4 property and no tracking_id is configured, so reports are only written to the file");
    }

    @Test
    void theProjectPropertyAndTheAdministratorsBothReceiveEachReport() {
        ga4 = google.open(delivery().project(PROJECT));
        ServiceConfig config = Fixtures.configWith(google.collectUrl(), "G-MINE1234", SECRET);

        assertThat(ga4.deliver(reportOf(2), config)).hasSize(2).allSatisfy(o -> assertThat(o.succeeded()).isTrue());
        assertThat(google.requestsFor("G-PROJECT1")).singleElement()
                .satisfies(r -> assertThat(r.query()).containsEntry("api_secret", OTHER_SECRET));
        assertThat(google.requestsFor("G-MINE1234")).singleElement()
                .satisfies(r -> assertThat(r.query()).containsEntry("api_secret", SECRET));
    }

    @Test
    void aPropertyNamedTwiceGetsEachReportOnce() {
        ServiceConfig loaded = Fixtures.yaml("    tracking_id:\n      - {id: G-PROJECT1, secret: other}\n"
                + "      - {id: G-MINE1234, secret: mine}\n      - {id: G-MINE1234, secret: again}\n"
                + "    google_analytics_url: \"" + google.collectUrl() + "\"\n");
        ga4 = google.open(delivery().project(PROJECT));

        assertThat(ga4.deliver(reportOf(1), loaded)).extracting(o -> o.destination())
                .containsExactly("G-PROJECT1", "G-MINE1234");
        assertThat(google.requests()).hasSize(2);
        // The project's property stays the project's, with its own secret; the first secret named wins otherwise.
        assertThat(google.requestsFor("G-PROJECT1")).singleElement()
                .satisfies(r -> assertThat(r.query()).containsEntry("api_secret", OTHER_SECRET));
        assertThat(google.requestsFor("G-MINE1234")).singleElement()
                .satisfies(r -> assertThat(r.query()).containsEntry("api_secret", "mine"));
        assertThat(ga4.recipients(loaded).words()).startsWith(
                "the systemmetrics project's GA4 property G-PROJECT1 and your own GA4 property G-MINE1234");
    }

    @Test
    void theNoticeNamesEveryReceiverAndNoSecret() {
        TestDelivery none = google.open(delivery().projectOnlyToGoogle());
        TestDelivery project = google.open(delivery().project(PROJECT).projectOnlyToGoogle());
        URI eu = URI.create("https://region1.google-analytics.com/mp/collect");
        ServiceConfig one = Fixtures.configWith(ServiceConfig.DEFAULT_GOOGLE_ANALYTICS_URL, "G-ABC123", SECRET);
        ServiceConfig two = Fixtures.yaml("    tracking_id:\n      - {id: G-ABC123, secret: a}\n"
                + "      - {id: G-DEF456, secret: b}\n");

        assertThat(none.recipients(one).words())
                .isEqualTo("your own GA4 property G-ABC123 only (this build has no project property)");
        assertThat(none.recipients(two).words())
                .isEqualTo("your own GA4 properties G-ABC123, G-DEF456 only (this build has no project property)");
        assertThat(project.recipients(ServiceConfig.defaults()).words())
                .isEqualTo("the systemmetrics project's GA4 property G-PROJECT1 only");
        assertThat(project.recipients(one).words())
                .isEqualTo("the systemmetrics project's GA4 property G-PROJECT1 and your own GA4 property G-ABC123");
        assertThat(project.recipients(Fixtures.configWith(eu, "G-ABC123", SECRET)).words())
                .endsWith(", through https://region1.google-analytics.com");
        assertThat(project.recipients(one).words()).doesNotContain(SECRET, OTHER_SECRET);
    }

    @Test
    void theValidationServerIsOnTheSameHostUnderDebug() {
        TrackingId property = new TrackingId("G-ABC123", "s e/c&r=t");
        URI eu = URI.create("https://region1.google-analytics.com/mp/collect");
        Ga4Property destination = new Ga4Property(property, false, eu, new Ga4Encoding());
        Ga4Property local = new Ga4Property(property, false, URI.create("http://127.0.0.1:8080/collector"),
                new Ga4Encoding());

        assertThat(destination.posts(reportOf(1)).get(0).uri()).hasToString(
                "https://region1.google-analytics.com/mp/collect?measurement_id=G-ABC123&api_secret=s+e%2Fc%26r%3Dt");
        assertThat(destination.checkPosts(reportOf(1)).orElseThrow().get(0).uri().getPath())
                .isEqualTo("/debug/mp/collect");
        assertThat(destination.checkPosts(reportOf(1)).orElseThrow().get(0).uri().getHost())
                .isEqualTo("region1.google-analytics.com");
        assertThat(local.checkPosts(reportOf(1)).orElseThrow().get(0).uri().getPath()).isEqualTo("/debug/collector");
        assertThat(destination.toString()).doesNotContain("s e/c");
    }

    @Test
    void theProjectPropertyIsSentOnlyToGooglesOwnHostsAndAnOverrideGetsOnlyTheAdministratorsIds() {
        ga4 = google.open(delivery().project(PROJECT).projectOnlyToGoogle());
        ServiceConfig config = Fixtures.configWith(google.collectUrl(), "G-MINE1234", SECRET);

        assertThat(ga4.deliver(reportOf(1), config)).extracting(o -> o.destination()).containsExactly("G-MINE1234");
        assertThat(google.requestsFor("G-PROJECT1")).isEmpty();
        assertThat(google.requests()).allSatisfy(r -> assertThat(r.query().get("api_secret")).isNotEqualTo(OTHER_SECRET));
        assertThat(ga4.validate(reportOf(1), config)).extracting(DeliveryOutcome::destination).containsExactly("G-MINE1234");
        assertThat(ga4.recipients(config).words()).contains("G-MINE1234 only")
                .contains("the project's property receives reports only at Google's own endpoint");
        assertThat(ga4.recipients(Fixtures.configWithoutTrackingId(google.collectUrl())).words()).startsWith("nowhere");
        assertThat(ga4.recipients(ServiceConfig.defaults()).ids()).containsExactly("G-PROJECT1");
        assertThat(ga4.recipients(Fixtures.configWithoutTrackingId(
                URI.create("https://region1.google-analytics.com/mp/collect"))).ids()).containsExactly("G-PROJECT1");
        assertThat(ga4.recipients(Fixtures.configWithoutTrackingId(
                URI.create("https://www.google-analytics.com.evil.example/mp/collect"))).ids()).isEmpty();
    }

    @Test
    void aVeryLongEndpointIsNamedByItsSchemeAndHostOnlyInTheNotice() {
        ga4 = google.open(delivery());
        ServiceConfig config = Fixtures.configWith(URI.create("http://127.0.0.1:9/" + "p".repeat(5000)),
                "G-MINE1234", SECRET);

        assertThat(ga4.recipients(config).words()).contains("G-MINE1234").endsWith("through http://127.0.0.1")
                .doesNotContain("ppp").doesNotContain(":9").hasSizeLessThan(400);
    }
}
