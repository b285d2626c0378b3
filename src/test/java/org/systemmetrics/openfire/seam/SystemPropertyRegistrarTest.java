package org.systemmetrics.openfire.seam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.systemmetrics.openfire.seam.fakeopenfire.SystemProperty;
import org.systemmetrics.testing.LogCapture;

class SystemPropertyRegistrarTest {
    private static final String PLUGIN = "System Metrics";
    private static final List<String> ALL = List.of("systemmetrics.report", "systemmetrics.initial_report",
            "systemmetrics.periodic_report", "systemmetrics.tracking_id", "systemmetrics.tracking_secret",
            "systemmetrics.google_analytics_url", "systemmetrics.report_endpoint", "systemmetrics.report_endpoint_token",
            "systemmetrics.categories");

    private final SystemPropertyRegistrar registrar =
            new SystemPropertyRegistrar(SystemProperty.class.getName(), getClass().getClassLoader());
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @BeforeEach
    @AfterEach
    void clearRegistry() {
        SystemProperty.clear();
    }

    @Test
    void everySettingIsListedUnderThePluginsDisplayName() {
        registrar.register(PLUGIN);
        assertThat(SystemProperty.count()).isEqualTo(ALL.size());
        for (String name : ALL) {
            SystemProperty<?> property = SystemProperty.get(name);
            assertThat(property.plugin()).as(name).isEqualTo(PLUGIN);
            assertThat(property.dynamic()).as(name).isTrue();
            assertThat(property.type()).as(name).isEqualTo(String.class);
        }
    }

    @Test
    void onlyTheApiSecretAndTheEndpointTokenAreStoredEncrypted() {
        registrar.register(PLUGIN);
        assertThat(SystemProperty.get("systemmetrics.tracking_secret").encrypted()).isTrue();
        assertThat(SystemProperty.get("systemmetrics.report_endpoint_token").encrypted()).isTrue();
        assertThat(SystemProperty.get("systemmetrics.report_endpoint").encrypted()).isFalse();
        assertThat(SystemProperty.get("systemmetrics.tracking_id").encrypted()).isFalse();
    }

    /**
     * A change made on the System Properties page is applied at once, as every change of a {@code systemmetrics.*}
     * property is, by the plugin's one property listener (LiveOpenfireServerTest), so that it is applied once.
     */
    @Test
    void listingAddsNoSecondListenerForAChange() {
        registrar.register(PLUGIN);
        for (String name : ALL) {
            assertThat(SystemProperty.get(name).listenerCount()).as(name).isZero();
        }
    }

    @Test
    void propertiesLeftFromAPreviousLoadCountAsListed() {
        registrar.register(PLUGIN);
        registrar.register(PLUGIN);
        assertThat(logs.at(Level.WARN)).isEmpty();
        assertThat(SystemProperty.count()).isEqualTo(ALL.size());
    }

    @Test
    void unregisteringRemovesOnlyThisPluginsProperties() {
        registrar.register(PLUGIN);
        SystemProperty.Builder.ofType(String.class).setKey("other.key").setPlugin("Other").build();
        registrar.unregister(PLUGIN);
        assertThat(SystemProperty.count()).isEqualTo(1);
        assertThat(SystemProperty.get("other.key")).isNotNull();
    }

    @Test
    void onOpenfireWithoutSystemPropertyNothingIsListedAndNothingFails() {
        // The 4.2.0 API on the test class path has no org.jivesoftware.util.SystemProperty.
        SystemPropertyRegistrar onOldOpenfire = new SystemPropertyRegistrar();
        onOldOpenfire.register(PLUGIN);
        onOldOpenfire.unregister(PLUGIN);
        assertThat(logs.at(Level.WARN)).isEmpty();
    }

    @Test
    void anApiOfAnotherShapeIsSkippedWithoutFailing() {
        SystemPropertyRegistrar changedApi = new SystemPropertyRegistrar(
                "org.systemmetrics.openfire.seam.fakeopenfire.BrokenSystemProperty", getClass().getClassLoader());
        changedApi.register(PLUGIN);
        changedApi.unregister(PLUGIN);
        assertThat(logs.at(Level.WARN)).hasSize(ALL.size()); // each setting named as not listed
    }
}
