package org.systemmetrics.core.delivery.ga4;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.systemmetrics.core.delivery.ga4.FakeCollector.Answer;
import org.systemmetrics.core.delivery.ga4.FakeCollector.Installation;
import org.systemmetrics.core.delivery.ga4.FakeCollector.Received;

/**
 * A fresh {@link FakeCollector} for every test, as {@link FakeGoogleExtension} gives each test its Google: over HTTPS
 * with the shared test certificate, started before the test and stopped after it (also when it fails), answering
 * only the bearer token it was made with. Register it as a field with {@code @RegisterExtension}.
 */
final class FakeCollectorExtension implements BeforeEachCallback, AfterEachCallback {
    private final String token;
    private FakeCollector collector;

    FakeCollectorExtension(String token) {
        this.token = token;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        collector = new FakeCollector(TestCertificates.shared().serverContext(), token);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (collector != null) {
            collector.close();
            collector = null;
        }
    }

    URI url() {
        return collector.url();
    }

    /** What the next requests get, in order; afterwards the normal answers. */
    FakeCollectorExtension script(Answer... answers) {
        collector.script(answers);
        return this;
    }

    List<Received> received() {
        return collector.received();
    }

    /** What it holds under {@code clientId}; empty when nothing (never reported, or erased). */
    Optional<Installation> installation(String clientId) {
        return collector.installation(clientId);
    }
}
