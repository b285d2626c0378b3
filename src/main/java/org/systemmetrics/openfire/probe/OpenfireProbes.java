package org.systemmetrics.openfire.probe;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.systemmetrics.core.PluginName;
import org.systemmetrics.core.report.Collector;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.openfire.seam.OpenfireServer;

/**
 * Every collector of the report, in report order: one per metric family, each a method here that reads Openfire
 * through {@link OpenfireServer} and turns its answers into events, and the switches of the stanza counter, the one
 * collector on Openfire's packet path. No value that could identify anyone (a host, a custom class or plugin name)
 * leaves these methods.
 */
public final class OpenfireProbes implements AutoCloseable {
    /** Openfire's built-in admin console and this plugin: installed everywhere, so never "custom". */
    private static final Set<String> NOT_COUNTED = Set.of("admin", PluginName.CANONICAL);

    /**
     * Openfire's database types to the report's closed set of values: the types Openfire 5 added fold into the
     * family they are wire-compatible with (MariaDB into {@code mysql}, CockroachDB into {@code postgresql});
     * Firebird, InterBase and whatever a later Openfire adds are {@code unknown}.
     */
    private static final Map<String, String> DATABASE_FAMILIES = Map.of("hsqldb", "hsqldb", "mysql", "mysql",
            "mariadb", "mysql", "postgresql", "postgresql", "cockroachdb", "postgresql", "oracle", "oracle",
            "sqlserver", "sqlserver", "db2", "db2");
    private static final Pattern VERSION = Pattern.compile(
            "(\\d{1,9}(?:\\.\\d{1,9}){0,3})(?:[ ._-]?(alpha|beta|rc|release candidate|snapshot) ?(\\d{1,4})?\\b)?",
            Pattern.CASE_INSENSITIVE);
    private static final String OF = "org.jivesoftware.openfire.";
    /**
     * Openfire's own provider classes by exact class name (checked against Openfire's source, 4.2 to 5.1), so that a
     * third-party class that merely looks like one of Openfire's is still {@code custom}.
     */
    private static final Map<String, String> BACKENDS = Map.ofEntries(
            Map.entry(OF + "user.DefaultUserProvider", "default"),
            Map.entry(OF + "user.JDBCUserProvider", "jdbc"),
            Map.entry(OF + "user.HybridUserProvider", "hybrid"),
            Map.entry(OF + "user.MappedUserProvider", "mapped"),
            Map.entry(OF + "user.NativeUserProvider", "native"),
            Map.entry(OF + "user.POP3UserProvider", "pop3"),
            Map.entry(OF + "ldap.LdapUserProvider", "ldap"),
            Map.entry(OF + "crowd.CrowdUserProvider", "crowd"),

            Map.entry(OF + "auth.DefaultAuthProvider", "default"),
            Map.entry(OF + "auth.JDBCAuthProvider", "jdbc"),
            Map.entry(OF + "auth.HybridAuthProvider", "hybrid"),
            Map.entry(OF + "auth.MappedAuthProvider", "mapped"),
            Map.entry(OF + "auth.NativeAuthProvider", "native"),
            Map.entry(OF + "auth.POP3AuthProvider", "pop3"),
            Map.entry(OF + "auth.JWTAuthProvider", "jwt"),
            Map.entry(OF + "ldap.LdapAuthProvider", "ldap"),
            Map.entry(OF + "crowd.CrowdAuthProvider", "crowd"),

            Map.entry(OF + "group.DefaultGroupProvider", "default"),
            Map.entry(OF + "group.JDBCGroupProvider", "jdbc"),
            Map.entry(OF + "group.HybridGroupProvider", "hybrid"),
            Map.entry(OF + "group.MappedGroupProvider", "mapped"),
            Map.entry(OF + "ldap.LdapGroupProvider", "ldap"),
            Map.entry(OF + "crowd.CrowdGroupProvider", "crowd"),

            Map.entry(OF + "vcard.DefaultVCardProvider", "default"),
            Map.entry(OF + "vcard.JDBCVCardProvider", "jdbc"),
            Map.entry(OF + "ldap.LdapVCardProvider", "ldap"),
            Map.entry(OF + "crowd.CrowdVCardProvider", "crowd"),

            Map.entry(OF + "lockout.DefaultLockOutProvider", "default"),

            Map.entry(OF + "admin.DefaultAdminProvider", "default"),
            Map.entry(OF + "admin.JDBCAdminProvider", "jdbc"),
            Map.entry(OF + "admin.GroupAdminProvider", "group"),
            Map.entry(OF + "admin.GroupBasedAdminProvider", "group"),
            Map.entry(OF + "crowd.CrowdAdminProvider", "crowd"));
    private static final String DIRECT_TLS = "_direct_tls";
    /** The report's mechanism for each of Openfire's listeners; the others' Direct TLS variants count as themselves. */
    private static final Map<String, String> MECHANISMS = Map.of(
            "c2s", "c2s_tcp", "c2s" + DIRECT_TLS, "c2s_direct_tls", "s2s", "s2s", "s2s" + DIRECT_TLS, "s2s_direct_tls");
    /** Openfire's TLS policy names; 4.2.0's {@code legacyMode} is {@code directTLS} on 4.8+. */
    private static final Map<String, String> TLS_POLICIES = Map.of("disabled", "disabled", "optional", "optional",
            "required", "required", "directTLS", "direct", "legacyMode", "direct");
    /** Each REST plugin by its canonical name, with its API's name in the report (sorted: report order). */
    private static final Map<String, String> PLUGIN_APIS = Collections.unmodifiableSortedMap(new TreeMap<>(
            Map.of("restapi", "rest_api", "userservice", "user_service")));

    private final OpenfireServer server;
    private final String pluginVersion;
    private final Clock clock;
    private final Set<String> knownPlugins = KnownPlugins.bundled();
    private final StanzaProbe stanzas;
    private final List<Collector> collectors;

    /**
     * Stanzas are counted from {@link #countStanzas countStanzas(true)} on, while the {@code stanzas} category is
     * chosen ({@link #apply}; at first it is). Never fails because of Openfire: if the packet interceptor cannot be
     * registered, only the stanza events are missing, with the cause in the report's one-time warning.
     */
    public OpenfireProbes(OpenfireServer server, String pluginVersion, Clock clock) {
        this.server = server;
        this.pluginVersion = pluginVersion;
        this.clock = clock;
        stanzas = new StanzaProbe(server);
        collectors = List.of(
                probe("cluster", null, this::cluster, "node"),
                probe("modules", ReportCategory.MODULES, this::modules),
                probe("custom_modules", ReportCategory.MODULES, this::customModules),
                probe("backends", ReportCategory.BACKENDS, this::backends),
                probe("transports", ReportCategory.TRANSPORTS, this::transports, "transport"),
                probe("http_apis", ReportCategory.APIS, this::httpApis),
                probe("internal_services", ReportCategory.APIS, this::internalServices),
                stanzas);
    }

    public List<Collector> collectors() {
        return collectors;
    }

    /** Reporting switched on or off: the stanza counter follows, as far as the chosen categories allow. */
    public void countStanzas(boolean on) {
        stanzas.reporting(on);
    }

    /** The administrator's choice of categories: the stanza counter counts only while {@code stanzas} is chosen. */
    public void apply(Set<ReportCategory> categories) {
        stanzas.chosen(categories.contains(ReportCategory.STANZAS));
    }

    /** Stops counting stanzas; safe to call more than once. */
    @Override
    public void close() {
        stanzas.close();
    }

    /** What Openfire this is and on what it runs (the same on every node); how long this node has run. */
    List<Event> cluster(ReportContext context) {
        long uptimeSeconds = Math.max(0, Duration.between(server.lastStarted(), clock.instant()).getSeconds());
        return List.of(Event.named("cluster")
                .param("version", server.openfireVersion())
                .param("plugin_version", pluginVersion)
                .param("node_count", server.clusterNodeCount())
                .param("component_count", server.componentSessionCount())
                .param("config_type", context.configType())
                .param("database", DATABASE_FAMILIES.getOrDefault(server.databaseTypeName(), "unknown"))
                .build(),
                Event.named("node").param("uptime_s", uptimeSeconds).build());
    }

    /** One {@code module} event for each installed plugin that Ignite Realtime publishes, with its version. */
    List<Event> modules(ReportContext context) {
        // Known ones first, then a list sort: a TreeMap of every plugin made a report at 500 plugins 1.5x slower.
        return server.installedPlugins().entrySet().stream().filter(plugin -> knownPlugins.contains(plugin.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .map(p -> Event.named("module").param("module", p.getKey()).param("version", sanitize(p.getValue())).build())
                .collect(Collectors.toList());
    }

    /**
     * A plugin's version reduced to numbers and a release status ({@code 1.2.3}, {@code 1.2.3-beta2}). A locally
     * built plugin can carry anything in its version (a company or host name in a qualifier), so only the parts
     * that cannot identify anyone are kept.
     */
    static String sanitize(String version) {
        Matcher matcher = VERSION.matcher(version == null ? "" : version.trim());
        if (!matcher.lookingAt()) {
            return "unknown";
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

    /**
     * {@code custom_module_count}: installed plugins not on the published list, plus (only while the {@code backends}
     * category is chosen too) provider classes that are not Openfire's, as a number only.
     */
    List<Event> customModules(ReportContext context) {
        long customPlugins = server.installedPlugins().keySet().stream()
                .filter(name -> !NOT_COUNTED.contains(name) && !knownPlugins.contains(name))
                .count();
        // An administrator who switched backends off has said not to look at provider classes, so they are neither
        // read nor counted then. A class serving several kinds (one custom provider for users and groups) counts once.
        long customProviders = !context.categories().contains(ReportCategory.BACKENDS) ? 0
                : server.providerClassNames().values().stream().filter(c -> !BACKENDS.containsKey(c)).distinct().count();
        return List.of(Event.named("custom_module_count").param("value", customPlugins + customProviders).build());
    }

    /** One {@code backend} event per provider kind: which kind of directory or store each one uses. */
    List<Event> backends(ReportContext context) {
        List<Event> events = new ArrayList<>();
        server.providerClassNames().forEach((kind, className) -> events.add(Event.named("backend")
                .param("kind", kind).param("backend", backendOf(className)).build()));
        return events;
    }

    /** The short back-end name for one of Openfire's classes, {@code custom} for anything else. */
    static String backendOf(String className) {
        return BACKENDS.getOrDefault(className, "custom");
    }

    /**
     * One {@code transport} event per enabled way in to this node: socket listeners with their TLS policy, and BOSH
     * and WebSocket, which share Openfire's HTTP-bind web server (WebSocket has no switch of its own).
     */
    List<Event> transports(ReportContext context) {
        List<Event> events = new ArrayList<>();
        server.enabledListeners().forEach((listener, policy) -> {
            Event.Builder event = Event.named("transport")
                    .param("mechanism", MECHANISMS.getOrDefault(listener, listener.replace(DIRECT_TLS, "")));
            // A Direct TLS listener encrypts from the first byte whatever it is configured to.
            String reported = listener.endsWith(DIRECT_TLS) ? "direct" : tlsPolicy(policy);
            if (reported != null) {
                event.param("tls_policy", reported);
            }
            events.add(event.build());
        });
        Set<String> httpBind = server.httpBind();
        if (httpBind.contains("running")) {
            if (httpBind.contains("http")) {
                events.add(named("transport", "mechanism", "bosh"));
            }
            if (httpBind.contains("https")) {
                events.add(named("transport", "mechanism", "bosh_tls"));
            }
            events.add(named("transport", "mechanism", "websocket"));
        }
        return events;
    }

    /** The reported policy of a plain listener, or null when Openfire names one we do not know (left out, unchecked). */
    static String tlsPolicy(String openfirePolicy) {
        return TLS_POLICIES.get(openfirePolicy);
    }

    /**
     * One {@code http_api} event per HTTP API that answers requests now. A REST plugin only counts when it is both
     * installed and switched on: both plugins install switched off ({@code plugin.*.enabled} defaults to false).
     */
    List<Event> httpApis(ReportContext context) {
        Set<String> installed = server.installedPlugins().keySet();
        List<Event> events = new ArrayList<>();
        PLUGIN_APIS.forEach((plugin, api) -> {
            if (installed.contains(plugin)
                    && server.property("plugin." + plugin + ".enabled").map(Boolean::parseBoolean).orElse(false)) {
                events.add(named("http_api", "api", api));
            }
        });
        if (server.httpBind().contains("running")) {
            events.add(named("http_api", "api", "bosh"));
            events.add(named("http_api", "api", "websocket"));
        }
        return events;
    }

    /**
     * One {@code internal_service} event per service the server offers its users: Openfire's own switchable
     * services, and HTTP File Upload, which Ignite Realtime ships as a plugin rather than in Openfire.
     */
    List<Event> internalServices(ReportContext context) {
        List<Event> events = new ArrayList<>();
        server.enabledServices().forEach(service -> events.add(named("internal_service", "service", service)));
        if (server.installedPlugins().containsKey("httpfileupload")) {
            events.add(named("internal_service", "service", "http_file_upload"));
        }
        return events;
    }

    private static Event named(String event, String param, String value) {
        return Event.named(event).param(param, value).build();
    }

    /** One metric family: its name, its category (null for what is always sent) and its node-scoped events. */
    private static Collector probe(String name, ReportCategory category, Function<ReportContext, List<Event>> events,
            String... nodeEvents) {
        Set<String> node = Set.of(nodeEvents);
        return new Collector() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<ReportCategory> category() {
                return Optional.ofNullable(category);
            }

            @Override
            public Set<String> nodeEvents() {
                return node;
            }

            @Override
            public List<Event> collect(ReportContext context) {
                return events.apply(context);
            }
        };
    }
}
