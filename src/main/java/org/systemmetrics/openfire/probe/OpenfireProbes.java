package org.systemmetrics.openfire.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
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
import org.systemmetrics.core.text.Texts;
import org.systemmetrics.openfire.seam.OpenfireServer;

/**
 * Every collector of the report, in report order (docs/metrics.md), one method per metric family. No value that
 * could identify anyone (a host, a custom class or plugin name) leaves these methods.
 */
public final class OpenfireProbes {
    private static final Texts TEXTS = Texts.of(OpenfireProbes.class);
    private static final String KNOWN_PLUGINS = "known-plugins.txt";
    /** Openfire's built-in admin console and this plugin: installed everywhere, so never "custom". */
    private static final Set<String> NOT_COUNTED = Set.of("admin", PluginName.CANONICAL);

    /** Openfire 5's new types fold into the family they are wire-compatible with; any other is {@code unknown}. */
    private static final Map<String, String> DATABASE_FAMILIES = Map.of("hsqldb", "hsqldb", "mysql", "mysql",
            "mariadb", "mysql", "postgresql", "postgresql", "cockroachdb", "postgresql", "oracle", "oracle",
            "sqlserver", "sqlserver", "db2", "db2");
    private static final Pattern VERSION = Pattern.compile(
            "(\\d{1,9}(?:\\.\\d{1,9}){0,3})(?:[ ._-]?(alpha|beta|rc|release candidate|snapshot) ?(\\d{1,4})?\\b)?",
            Pattern.CASE_INSENSITIVE);
    /** Openfire's own provider classes by exact name (4.2 to 5.1): a look-alike third-party class is custom. */
    private static final Map<String, String> BACKENDS = backends(
            "default", "user.DefaultUserProvider auth.DefaultAuthProvider group.DefaultGroupProvider "
                    + "vcard.DefaultVCardProvider lockout.DefaultLockOutProvider admin.DefaultAdminProvider",
            "jdbc", "user.JDBCUserProvider auth.JDBCAuthProvider group.JDBCGroupProvider vcard.JDBCVCardProvider "
                    + "admin.JDBCAdminProvider",
            "hybrid", "user.HybridUserProvider auth.HybridAuthProvider group.HybridGroupProvider",
            "mapped", "user.MappedUserProvider auth.MappedAuthProvider group.MappedGroupProvider",
            "native", "user.NativeUserProvider auth.NativeAuthProvider",
            "pop3", "user.POP3UserProvider auth.POP3AuthProvider",
            "jwt", "auth.JWTAuthProvider",
            "ldap", "ldap.LdapUserProvider ldap.LdapAuthProvider ldap.LdapGroupProvider ldap.LdapVCardProvider",
            "crowd", "crowd.CrowdUserProvider crowd.CrowdAuthProvider crowd.CrowdGroupProvider "
                    + "crowd.CrowdVCardProvider crowd.CrowdAdminProvider",
            "group", "admin.GroupAdminProvider admin.GroupBasedAdminProvider");
    private static final String DIRECT_TLS = "_direct_tls";
    /** The report's mechanism for each of Openfire's listeners; the others' Direct TLS variants count as themselves. */
    private static final Map<String, String> MECHANISMS = Map.of(
            "c2s", "c2s_tcp", "c2s" + DIRECT_TLS, "c2s_direct_tls", "s2s", "s2s", "s2s" + DIRECT_TLS, "s2s_direct_tls");
    /** The names of Openfire's TLS policies in 4.8 to 5.1 (4.2.0's {@code legacyMode} became {@code directTLS}). */
    private static final Map<String, String> TLS_POLICIES = Map.of("disabled", "disabled", "optional", "optional",
            "required", "required", "directTLS", "direct");
    /** Each REST plugin by its canonical name, with its API's name in the report (sorted: report order). */
    private static final Map<String, String> PLUGIN_APIS = Collections.unmodifiableSortedMap(new TreeMap<>(
            Map.of("restapi", "rest_api", "userservice", "user_service")));

    private final OpenfireServer server;
    private final String pluginVersion;
    private final Clock clock;
    private final Set<String> knownPlugins = knownPlugins();
    private final StanzaProbe stanzas;
    private final List<Collector> collectors;

    /** Never fails because of Openfire: without the packet interceptor only the stanza events are missing. */
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
                probe("stanzas", ReportCategory.STANZAS, stanzas::collect, stanzas::preview, "xmpp_stanza_count"));
    }

    public List<Collector> collectors() {
        return collectors;
    }

    /** The one collector with state, switched on and off by the service, and closed when the plugin unloads. */
    public StanzaProbe stanzas() {
        return stanzas;
    }

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

    List<Event> modules(ReportContext context) {
        // Known ones first, then a list sort: a TreeMap of every plugin made a report at 500 plugins 1.5x slower.
        return server.installedPlugins().entrySet().stream().filter(plugin -> knownPlugins.contains(plugin.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .map(p -> Event.named("module").param("module", p.getKey()).param("version", sanitize(p.getValue()))
                        .build())
                .collect(Collectors.toList());
    }

    /** Numbers and a release status only ({@code 1.2.3-beta2}): a local build's qualifier may name a company. */
    static String sanitize(String version) {
        Matcher matcher = VERSION.matcher(version == null ? "" : version.trim());
        if (!matcher.lookingAt()) {
            return "unknown";
        }
        if (matcher.group(2) == null) {
            return matcher.group(1);
        }
        String status = matcher.group(2).toLowerCase(Locale.ROOT);
        String number = matcher.group(3) == null ? "" : matcher.group(3);
        return matcher.group(1) + '-' + (status.equals("release candidate") ? "rc" : status) + number;
    }

    List<Event> customModules(ReportContext context) {
        long customPlugins = server.installedPlugins().keySet().stream()
                .filter(name -> !NOT_COUNTED.contains(name) && !knownPlugins.contains(name))
                .count();
        // An administrator who switched backends off has said not to look at provider classes, so they are neither
        // read nor counted then. A class serving several kinds (one custom provider for users and groups) counts once.
        long customProviders = !context.categories().contains(ReportCategory.BACKENDS) ? 0
                : server.providerClassNames().values().stream().filter(c -> !BACKENDS.containsKey(c)).distinct()
                        .count();
        return List.of(Event.named("custom_module_count").param("value", customPlugins + customProviders).build());
    }

    List<Event> backends(ReportContext context) {
        return server.providerClassNames().entrySet().stream().map(provider -> Event.named("backend")
                .param("kind", provider.getKey()).param("backend", BACKENDS.getOrDefault(provider.getValue(), "custom"))
                .build()).collect(Collectors.toList());
    }

    /** BOSH and WebSocket share Openfire's HTTP-bind web server; WebSocket has no switch of its own. */
    List<Event> transports(ReportContext context) {
        List<Event> events = new ArrayList<>();
        server.enabledListeners().forEach((listener, policy) -> {
            Event.Builder event = Event.named("transport")
                    .param("mechanism", MECHANISMS.getOrDefault(listener, listener.replace(DIRECT_TLS, "")));
            // A Direct TLS listener encrypts from the first byte whatever it is configured to; a policy we do not know
            // is left out, unchecked.
            String reported = listener.endsWith(DIRECT_TLS) ? "direct" : TLS_POLICIES.get(policy);
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

    /** A REST plugin counts only when also switched on: both install switched off ({@code plugin.*.enabled}). */
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

    /** Openfire's own switchable services, and HTTP File Upload, which Ignite Realtime ships as a plugin. */
    List<Event> internalServices(ReportContext context) {
        List<Event> events = new ArrayList<>();
        server.enabledServices().forEach(service -> events.add(named("internal_service", "service", service)));
        if (server.installedPlugins().containsKey("httpfileupload")) {
            events.add(named("internal_service", "service", "http_file_upload"));
        }
        return events;
    }

    /** Ignite Realtime's plugins, the only plugin names ever reported: data, so the list grows without code. */
    static Set<String> knownPlugins() {
        try (InputStream in = OpenfireProbes.class.getResourceAsStream(KNOWN_PLUGINS)) {
            if (in == null) {
                throw new IllegalStateException(TEXTS.get("known_plugins.missing", KNOWN_PLUGINS));
            }
            return knownPlugins(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(TEXTS.get("known_plugins.unreadable", KNOWN_PLUGINS), e);
        }
    }

    /** {@code #} starts a comment. PluginManager reports only lower-case names: an upper-case one is a silent typo. */
    static Set<String> knownPlugins(String text) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : text.split("\\R")) {
            String name = line.replaceFirst("#.*", "").trim();
            if (!name.equals(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(TEXTS.get("known_plugins.not_lower_case", KNOWN_PLUGINS, name));
            }
            if (!name.isEmpty() && !names.add(name)) {
                throw new IllegalArgumentException(TEXTS.get("known_plugins.listed_twice", KNOWN_PLUGINS, name));
            }
        }
        return Set.copyOf(names);
    }

    private static Map<String, String> backends(String... backendsAndClasses) {
        Map<String, String> byClass = new HashMap<>();
        for (int i = 0; i < backendsAndClasses.length; i += 2) {
            for (String className : backendsAndClasses[i + 1].split(" ")) {
                byClass.put("org.jivesoftware.openfire." + className, backendsAndClasses[i]);
            }
        }
        return Map.copyOf(byClass);
    }

    private static Event named(String event, String param, String value) {
        return Event.named(event).param(param, value).build();
    }

    /** One metric family: its name, its category (null for what is always sent) and its node-scoped events. */
    private static Collector probe(String name, ReportCategory category, Function<ReportContext, List<Event>> events,
            String... nodeEvents) {
        return probe(name, category, events, events, nodeEvents);
    }

    /** A family whose preview must leave alone what its collecting advances (the stanza counts' baseline). */
    private static Collector probe(String name, ReportCategory category, Function<ReportContext, List<Event>> events,
            Function<ReportContext, List<Event>> preview, String... nodeEvents) {
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

            @Override
            public List<Event> preview(ReportContext context) {
                return preview.apply(context);
            }
        };
    }
}
