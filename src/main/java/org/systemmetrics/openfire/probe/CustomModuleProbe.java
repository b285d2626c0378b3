package org.systemmetrics.openfire.probe;

import java.util.List;
import java.util.Set;
import org.systemmetrics.core.PluginName;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.openfire.seam.OpenfireServer;

/**
 * {@code custom_module_count}: how much of the server is not Openfire's or Ignite Realtime's — installed
 * plugins that are not on the published list, plus (only while the {@code backends} category is chosen too)
 * provider classes that are not Openfire's — as a number only, so none of their names leaves the server.
 */
final class CustomModuleProbe extends Probe {
    /** Openfire's built-in admin console and this plugin: installed everywhere, so never "custom". */
    static final Set<String> NOT_COUNTED = Set.of("admin", PluginName.CANONICAL);

    private final KnownPlugins known;

    CustomModuleProbe(OpenfireServer server, KnownPlugins known) {
        super(server, "custom_modules", ReportCategory.MODULES);
        this.known = known;
    }

    @Override
    public List<Event> collect(ReportContext context) {
        long customPlugins = server.installedPlugins().keySet().stream()
                .filter(name -> !NOT_COUNTED.contains(name) && !known.contains(name))
                .count();
        // Provider classes are what the backends category covers: an administrator who switched it off has said
        // not to look at them, so they are neither read nor counted then. A class serving several kinds (one custom
        // LDAP-like provider for users and groups) counts once.
        long customProviders = !context.categories().contains(ReportCategory.BACKENDS) ? 0
                : server.providerClassNames().values().stream().filter(ProviderProbe::isCustom).distinct().count();
        return List.of(Event.named("custom_module_count").param("value", customPlugins + customProviders).build());
    }
}
