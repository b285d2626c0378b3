package org.systemmetrics.openfire.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.openfire.seam.OpenfireServer;

/** One {@code module} event for each installed plugin that Ignite Realtime publishes, with its version. */
final class PluginProbe extends Probe {
    static final String UNKNOWN_VERSION = "unknown";
    private static final Pattern VERSION = Pattern.compile(
            "(\\d{1,9}(?:\\.\\d{1,9}){0,3})(?:[ ._-]?(alpha|beta|rc|release candidate|snapshot) ?(\\d{1,4})?\\b)?",
            Pattern.CASE_INSENSITIVE);

    private final KnownPlugins known;

    PluginProbe(OpenfireServer server, KnownPlugins known) {
        super(server, "modules", ReportCategory.MODULES);
        this.known = known;
    }

    @Override
    public List<Event> collect(ReportContext context) {
        List<Event> events = new ArrayList<>();
        new TreeMap<>(server.installedPlugins()).forEach((plugin, version) -> {
            if (known.contains(plugin)) {
                events.add(Event.named("module").param("module", plugin).param("version", sanitize(version)).build());
            }
        });
        return events;
    }

    /**
     * A plugin's version reduced to numbers and a release status ({@code 1.2.3}, {@code 1.2.3-beta2}). A locally
     * built plugin can carry anything in its version (a company or host name in a qualifier), so only the parts
     * that cannot identify anyone are kept.
     */
    static String sanitize(String version) {
        Matcher matcher = VERSION.matcher(version == null ? "" : version.trim());
        if (!matcher.lookingAt()) {
            return UNKNOWN_VERSION;
        }
        StringBuilder text = new StringBuilder(matcher.group(1));
        if (matcher.group(2) != null) {
            String status = matcher.group(2).toLowerCase(Locale.ROOT);
            text.append('-').append(status.equals("release candidate") ? "rc" : status);
            if (matcher.group(3) != null) {
                text.append(matcher.group(3));
            }
        }
        return text.toString();
    }
}
