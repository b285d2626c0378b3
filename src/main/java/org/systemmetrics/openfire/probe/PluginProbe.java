package org.systemmetrics.openfire.probe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.systemmetrics.core.report.Collector;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.openfire.seam.InstalledPlugin;
import org.systemmetrics.openfire.seam.OpenfireServer;

/** One {@code module} event for each installed plugin that Ignite Realtime publishes, with its version. */
final class PluginProbe implements Collector {
    private final OpenfireServer server;
    private final KnownPlugins known;

    PluginProbe(OpenfireServer server, KnownPlugins known) {
        this.server = server;
        this.known = known;
    }

    @Override
    public Optional<ReportCategory> category() {
        return Optional.of(ReportCategory.MODULES);
    }

    @Override
    public String name() {
        return "modules";
    }

    @Override
    public List<Event> collect(ReportContext context) {
        List<InstalledPlugin> plugins = new ArrayList<>(server.installedPlugins());
        plugins.sort(Comparator.comparing(InstalledPlugin::canonicalName));
        List<Event> events = new ArrayList<>();
        for (InstalledPlugin plugin : plugins) {
            if (known.contains(plugin.canonicalName())) {
                events.add(Event.named("module")
                        .param("module", plugin.canonicalName())
                        .param("version", VersionText.sanitize(plugin.version()))
                        .build());
            }
        }
        return events;
    }
}
