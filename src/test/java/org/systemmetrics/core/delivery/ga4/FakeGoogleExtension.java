package org.systemmetrics.core.delivery.ga4;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.systemmetrics.core.delivery.ga4.FakeGoogle.Behaviour;
import org.systemmetrics.core.delivery.ga4.FakeGoogle.Recorded;

/**
 * A fresh {@link FakeGoogle} on plain http for every test, the way OkHttp's MockWebServer extension gives each test
 * its own server: started before the test, stopped after it (also when it fails), and every delivery the test
 * {@linkplain #open opened} closed first. Register it as a field with {@code @RegisterExtension}.
 */
final class FakeGoogleExtension implements BeforeEachCallback, AfterEachCallback {
    private final List<TestDelivery> deliveries = new CopyOnWriteArrayList<>();
    private FakeGoogle google;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        google = FakeGoogle.http();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        deliveries.forEach(TestDelivery::close);
        deliveries.clear();
        if (google != null) {
            google.close();
        }
    }

    /** Builds the delivery and closes it after the test, so no thread of ours outlives it. */
    TestDelivery open(Fixtures.Builder builder) {
        TestDelivery delivery = builder.build();
        deliveries.add(delivery);
        return delivery;
    }

    URI collectUrl() {
        return google.collectUrl();
    }

    /** What the next requests for this measurement ID get, in order; afterwards the normal answers. */
    FakeGoogleExtension script(String measurementId, Behaviour... behaviours) {
        google.script(measurementId, behaviours);
        return this;
    }

    List<Recorded> requests() {
        return google.requests();
    }

    List<Recorded> requestsFor(String measurementId) {
        return google.requestsFor(measurementId);
    }

    void releaseHangs() {
        google.releaseHangs();
    }
}
