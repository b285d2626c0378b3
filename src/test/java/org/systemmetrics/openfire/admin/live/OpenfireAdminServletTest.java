package org.systemmetrics.openfire.admin.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import java.io.File;
import java.util.List;
import java.util.Optional;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.junit.jupiter.api.Test;
import org.systemmetrics.openfire.admin.SystemMetricsAdmin;
import org.systemmetrics.openfire.admin.SystemMetricsAdminHost;

class OpenfireAdminServletTest {
    private final PluginManager manager = mock(PluginManager.class);
    private final SystemMetricsAdmin admin = mock(SystemMetricsAdmin.class);

    private Plugin host(Optional<SystemMetricsAdmin> facade) {
        Plugin plugin = mock(Plugin.class, withSettings().extraInterfaces(SystemMetricsAdminHost.class));
        when(((SystemMetricsAdminHost) plugin).admin()).thenReturn(facade);
        return plugin;
    }

    @Test
    void findsTheFacadeOfThisPluginAmongTheLoadedOnes() {
        Plugin other = new Plugin() {
            @Override
            public void initializePlugin(PluginManager manager, File pluginDirectory) {
            }

            @Override
            public void destroyPlugin() {
            }
        };
        Plugin ours = host(Optional.of(admin));
        when(manager.getPlugins()).thenReturn(List.of(other, ours));
        when(manager.getCanonicalName(other)).thenReturn("admin");
        when(manager.getCanonicalName(ours)).thenReturn("systemmetrics");
        assertThat(OpenfireAdminServlet.find(() -> manager)).containsSame(admin);
    }

    @Test
    void isEmptyWhileThePluginIsNotInitialised() {
        Plugin ours = host(Optional.empty());
        when(manager.getPlugins()).thenReturn(List.of(ours));
        when(manager.getCanonicalName(ours)).thenReturn("systemmetrics");
        assertThat(OpenfireAdminServlet.find(() -> manager)).isEmpty();
    }

    @Test
    void ignoresAnotherPluginThatHappensToImplementTheInterface() {
        Plugin impostor = host(Optional.of(admin));
        when(manager.getPlugins()).thenReturn(List.of(impostor));
        when(manager.getCanonicalName(impostor)).thenReturn("someoneelse");
        assertThat(OpenfireAdminServlet.find(() -> manager)).isEmpty();
    }

    @Test
    void isEmptyWhenOpenfireIsNotReady() {
        assertThat(OpenfireAdminServlet.find(() -> null)).isEmpty();
        assertThat(OpenfireAdminServlet.find(() -> {
            throw new IllegalStateException("starting");
        })).isEmpty();
    }
}
