package org.systemmetrics.core.config;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.systemmetrics.core.report.ReportCategory;

/**
 * Turns what a file (and the admin console) says into a checked {@link ServiceConfig}. Every key that is
 * wrong is named in an ERROR with its value and falls back to its default; the rest of the configuration
 * still applies, so a typo never stops the service or Openfire.
 */
public final class ServiceConfigBinder {
    static final String KEY_NO_REPORT = "no_report";
    static final String KEY_MISSPELT_INITIAL = "intial_report";
    private static final Set<String> KNOWN_KEYS = Set.of(ConsoleSettings.REPORT, KEY_NO_REPORT,
            ConsoleSettings.INITIAL_REPORT, KEY_MISSPELT_INITIAL, ConsoleSettings.PERIODIC_REPORT,
            ConsoleSettings.TRACKING_ID, ConsoleSettings.GOOGLE_ANALYTICS_URL, ConsoleSettings.REPORT_ENDPOINT,
            ConsoleSettings.REPORT_ENDPOINT_TOKEN, ConsoleSettings.CATEGORIES);
    private static final Duration MAX_TIMER = Duration.ofDays(365);

    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Map<String, SettingSource> sources = new HashMap<>();
    private final ConfigOrigin origin;
    private Consent consent;
    private Duration initialReport = ServiceConfig.DEFAULT_INITIAL_REPORT;
    private Duration periodicReport = ServiceConfig.DEFAULT_PERIODIC_REPORT;
    private List<TrackingId> trackingIds = List.of();
    private URI googleAnalyticsUrl = ServiceConfig.DEFAULT_GOOGLE_ANALYTICS_URL;
    private Optional<OwnEndpoint> reportEndpoint = Optional.empty();
    private Set<ReportCategory> categories = ReportCategory.all();

    private ServiceConfigBinder(ConfigOrigin origin) {
        this.origin = origin;
    }

    public static LoadedConfig bind(ConfigFileContent file, ConfigOrigin origin, ConsoleSettings console) {
        ServiceConfigBinder binder = new ServiceConfigBinder(origin);
        binder.problems.addAll(file.problems());
        if (!file.readable()) {
            binder.consent = Consent.CONFIG_UNREADABLE;
        } else if (file.entry().isEmpty()) {
            binder.consent = Consent.NOT_CONFIGURED;
        } else {
            binder.consent = Consent.ON_WITH_NOTICE;
            binder.applyEntry(file.entry().get());
        }
        binder.applyConsole(console);
        ServiceConfig config = new ServiceConfig(binder.consent, binder.initialReport, binder.periodicReport,
                binder.trackingIds, binder.googleAnalyticsUrl, origin, binder.sources, binder.reportEndpoint,
                binder.categories);
        return new LoadedConfig(config, binder.problems);
    }

    private void applyEntry(Map<String, ConfigValue> entry) {
        for (Map.Entry<String, ConfigValue> e : entry.entrySet()) {
            if (!KNOWN_KEYS.contains(e.getKey())) {
                warn(e.getValue(), "unknown key '" + e.getKey() + "' is ignored (known keys: report, no_report, "
                        + "initial_report, periodic_report, tracking_id, google_analytics_url, report_endpoint, "
                        + "report_endpoint_token, categories)");
            }
        }
        Optional<Boolean> report = flag(entry, ConsoleSettings.REPORT);
        Optional<Boolean> noReport = flag(entry, KEY_NO_REPORT);
        if (noReport.orElse(false) && report.orElse(false)) {
            error(entry.get(KEY_NO_REPORT), "both 'report' and 'no_report' are set; 'no_report' wins, so nothing is "
                    + "reported until one of them is removed");
        }
        if (noReport.orElse(false) || report.map(r -> !r).orElse(false)) {
            setConsent(Consent.OFF, SettingSource.FILE);
        } else if (report.orElse(false)) {
            setConsent(Consent.ON, SettingSource.FILE);
        }

        ConfigValue initial = entry.get(ConsoleSettings.INITIAL_REPORT);
        ConfigValue misspelt = entry.get(KEY_MISSPELT_INITIAL);
        if (misspelt != null) {
            if (initial == null) {
                warn(misspelt, "key 'intial_report' is misspelt: it is accepted as 'initial_report', the right spelling");
                initial = misspelt;
            } else {
                warn(misspelt, "key 'intial_report' is a misspelling of 'initial_report', which is also set; "
                        + "'initial_report' is used");
            }
        }
        String initialKey = initial == misspelt ? KEY_MISSPELT_INITIAL : ConsoleSettings.INITIAL_REPORT;
        timer(initial, initialKey, Duration.ZERO, ServiceConfig.DEFAULT_INITIAL_REPORT)
                .ifPresent(d -> set(ConsoleSettings.INITIAL_REPORT, SettingSource.FILE, () -> initialReport = d));
        timer(entry.get(ConsoleSettings.PERIODIC_REPORT), ConsoleSettings.PERIODIC_REPORT, Duration.ofMillis(1),
                ServiceConfig.DEFAULT_PERIODIC_REPORT)
                .ifPresent(d -> set(ConsoleSettings.PERIODIC_REPORT, SettingSource.FILE, () -> periodicReport = d));

        ConfigValue tracking = entry.get(ConsoleSettings.TRACKING_ID);
        if (tracking != null) {
            List<TrackingId> ids = trackingIdsOf(tracking);
            if (!ids.isEmpty()) {
                set(ConsoleSettings.TRACKING_ID, SettingSource.FILE, () -> trackingIds = ids);
            }
        }
        ConfigValue url = entry.get(ConsoleSettings.GOOGLE_ANALYTICS_URL);
        if (url != null) {
            Optional<URI> parsed = url.value() instanceof String
                    ? endpoint((String) url.value(), url, "key 'google_analytics_url'")
                    : Optional.empty();
            if (!(url.value() instanceof String)) {
                error(url, "key 'google_analytics_url' has value " + url.display() + ": it must be a URL in quotes; "
                        + "using the default " + ServiceConfig.DEFAULT_GOOGLE_ANALYTICS_URL);
            }
            parsed.ifPresent(u -> set(ConsoleSettings.GOOGLE_ANALYTICS_URL, SettingSource.FILE, () -> googleAnalyticsUrl = u));
        }
        applyFileEndpoint(entry);
        ConfigValue chosen = entry.get(ConsoleSettings.CATEGORIES);
        if (chosen != null) {
            Set<ReportCategory> c = categoriesOf(chosen);
            set(ConsoleSettings.CATEGORIES, SettingSource.FILE, () -> categories = c);
        }
    }

    private void applyFileEndpoint(Map<String, ConfigValue> entry) {
        ConfigValue url = entry.get(ConsoleSettings.REPORT_ENDPOINT);
        ConfigValue token = entry.get(ConsoleSettings.REPORT_ENDPOINT_TOKEN);
        String key = "key '" + ConsoleSettings.REPORT_ENDPOINT + "'";
        if (url == null) {
            if (token != null) {
                warn(token, "key 'report_endpoint_token' is set but 'report_endpoint' is not; the token is not used");
            }
            return;
        }
        if (!(url.value() instanceof String)) {
            error(url, key + " has value " + url.display() + ": it must be a URL in quotes; no report is sent to "
                    + "an endpoint of your own");
            return;
        }
        Optional<URI> parsed = endpoint((String) url.value(), url, key, "no report is sent to an endpoint of your own");
        if (parsed.isEmpty()) {
            return;
        }
        String tokenText = "";
        if (token != null) {
            if (!(token.value() instanceof String)) {
                // The value is not quoted back: it may be the token itself.
                error(token, "key 'report_endpoint_token' must be text in quotes; no report is sent to " + parsed.get()
                        + " until it is");
                return;
            }
            tokenText = ((String) token.value()).trim();
            if (!usableToken(tokenText)) {
                error(token, "key 'report_endpoint_token' contains spaces or control characters, which an HTTP "
                        + "header cannot carry; no report is sent to " + parsed.get() + " until it is fixed");
                return;
            }
        }
        OwnEndpoint own = new OwnEndpoint(parsed.get(), tokenText);
        set(ConsoleSettings.REPORT_ENDPOINT, SettingSource.FILE, () -> reportEndpoint = Optional.of(own));
    }

    /** A token goes into a header: it may not contain what would end or split the header. */
    static boolean usableToken(String token) {
        return token.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
    }

    /**
     * Unknown names are refused and switch nothing on; the names that are right still apply. A value that is
     * not a list at all is an unclear choice, so only the minimum is sent until it is fixed.
     */
    private Set<ReportCategory> categoriesOf(ConfigValue value) {
        String key = "key '" + ConsoleSettings.CATEGORIES + "'";
        List<ConfigValue> items;
        if (value.isList()) {
            items = value.asList();
        } else if (value.value() instanceof String) {
            items = List.of(value);
        } else {
            error(value, key + " has value " + value.display() + ": it must be a list of category names, some of "
                    + ReportCategory.validNames() + " (or [] for the minimum); until it is fixed only the cluster "
                    + "event is sent");
            return EnumSet.noneOf(ReportCategory.class);
        }
        Set<ReportCategory> chosen = EnumSet.noneOf(ReportCategory.class);
        for (ConfigValue item : items) {
            Optional<ReportCategory> category = item.value() instanceof String
                    ? ReportCategory.fromConfigName(((String) item.value()).trim().toLowerCase(Locale.ROOT))
                    : Optional.empty();
            if (category.isPresent()) {
                chosen.add(category.get());
            } else {
                error(item, key + " names " + item.display() + ", which is not a category; the valid ones are "
                        + ReportCategory.validNames() + ". It switches nothing on");
            }
        }
        return chosen;
    }

    private void applyConsole(ConsoleSettings console) {
        console.get(ConsoleSettings.REPORT).ifPresent(value -> {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if ("true".equals(v)) {
                setConsent(Consent.ON, SettingSource.CONSOLE);
            } else if ("false".equals(v)) {
                setConsent(Consent.OFF, SettingSource.CONSOLE);
            } else {
                problems.add(ConfigProblem.error(console.describe(ConsoleSettings.REPORT) + " has value \"" + value
                        + "\": it must be true or false; the file's value is used"));
            }
        });
        consoleTimer(console, ConsoleSettings.INITIAL_REPORT, Duration.ZERO).ifPresent(d ->
                set(ConsoleSettings.INITIAL_REPORT, SettingSource.CONSOLE, () -> initialReport = d));
        consoleTimer(console, ConsoleSettings.PERIODIC_REPORT, Duration.ofMillis(1)).ifPresent(d ->
                set(ConsoleSettings.PERIODIC_REPORT, SettingSource.CONSOLE, () -> periodicReport = d));
        Optional<String> id = console.get(ConsoleSettings.TRACKING_ID).map(String::trim).filter(s -> !s.isEmpty());
        if (id.isPresent()) {
            String secret = console.get(ConsoleSettings.TRACKING_SECRET).orElse("");
            trackingId(id.get(), secret, null, console.describe(ConsoleSettings.TRACKING_ID))
                    .ifPresent(t -> set(ConsoleSettings.TRACKING_ID, SettingSource.CONSOLE, () -> trackingIds = List.of(t)));
        }
        console.get(ConsoleSettings.GOOGLE_ANALYTICS_URL).map(String::trim).filter(s -> !s.isEmpty())
                .flatMap(u -> endpoint(u, null, console.describe(ConsoleSettings.GOOGLE_ANALYTICS_URL)))
                .ifPresent(u -> set(ConsoleSettings.GOOGLE_ANALYTICS_URL, SettingSource.CONSOLE, () -> googleAnalyticsUrl = u));
        applyConsoleEndpoint(console);
        console.get(ConsoleSettings.CATEGORIES).map(String::trim).filter(s -> !s.isEmpty()).ifPresent(raw -> {
            Set<ReportCategory> chosen = EnumSet.noneOf(ReportCategory.class);
            if (!ConsoleSettings.NO_CATEGORIES.equals(raw)) {
                for (String name : raw.split(",")) {
                    Optional<ReportCategory> category = ReportCategory.fromConfigName(name.trim().toLowerCase(Locale.ROOT));
                    if (category.isPresent()) {
                        chosen.add(category.get());
                    } else {
                        problems.add(ConfigProblem.error(console.describe(ConsoleSettings.CATEGORIES) + " names \""
                                + name.trim() + "\", which is not a category; the valid ones are "
                                + ReportCategory.validNames() + ". It switches nothing on"));
                    }
                }
            }
            set(ConsoleSettings.CATEGORIES, SettingSource.CONSOLE, () -> categories = chosen);
        });
    }

    /** A console endpoint is used with the console's token (or none), never with the file's. */
    private void applyConsoleEndpoint(ConsoleSettings console) {
        Optional<String> url = console.get(ConsoleSettings.REPORT_ENDPOINT).map(String::trim).filter(s -> !s.isEmpty());
        if (url.isEmpty()) {
            return;
        }
        String where = console.describe(ConsoleSettings.REPORT_ENDPOINT);
        Optional<URI> parsed = endpoint(url.get(), null, where, "the file's value is used");
        if (parsed.isEmpty()) {
            return;
        }
        String token = console.get(ConsoleSettings.REPORT_ENDPOINT_TOKEN).map(String::trim).orElse("");
        if (!usableToken(token)) {
            problems.add(ConfigProblem.error(console.describe(ConsoleSettings.REPORT_ENDPOINT_TOKEN) + " contains "
                    + "spaces or control characters, which an HTTP header cannot carry; the file's value is used"));
            return;
        }
        OwnEndpoint own = new OwnEndpoint(parsed.get(), token);
        set(ConsoleSettings.REPORT_ENDPOINT, SettingSource.CONSOLE, () -> reportEndpoint = Optional.of(own));
    }

    private Optional<Duration> consoleTimer(ConsoleSettings console, String key, Duration min) {
        Optional<String> raw = console.get(key).map(String::trim).filter(s -> !s.isEmpty());
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return checkedTimer(new BigInteger(raw.get()), min, console.describe(key) + " has value " + raw.get(),
                    null, "the file's value is used");
        } catch (NumberFormatException e) {
            problems.add(ConfigProblem.error(console.describe(key) + " has value \"" + raw.get()
                    + "\": it must be a whole number of milliseconds; the file's value is used"));
            return Optional.empty();
        }
    }

    private Optional<Boolean> flag(Map<String, ConfigValue> entry, String key) {
        ConfigValue value = entry.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value.value() instanceof Boolean) {
            return Optional.of((Boolean) value.value());
        }
        error(value, "key '" + key + "' has value " + value.display() + ": it must be true or false (or, in the "
                + "Erlang form, the bare atom " + key + "); it is ignored");
        return Optional.empty();
    }

    private Optional<Duration> timer(ConfigValue value, String key, Duration min, Duration fallback) {
        if (value == null) {
            return Optional.empty();
        }
        String usingDefault = "using the default " + fallback.toMillis() + " (" + human(fallback) + ")";
        Object raw = value.value();
        BigInteger number;
        if (raw instanceof Long) {
            number = BigInteger.valueOf((Long) raw);
        } else if (raw instanceof BigInteger) {
            number = (BigInteger) raw;
        } else {
            error(value, "key '" + key + "' has value " + value.display() + ": it must be a whole number of "
                    + "milliseconds; " + usingDefault);
            return Optional.empty();
        }
        return checkedTimer(number, min, "key '" + key + "' has value " + number, value, usingDefault);
    }

    private Optional<Duration> checkedTimer(BigInteger number, Duration min, String what, ConfigValue at, String fallback) {
        if (number.compareTo(BigInteger.valueOf(min.toMillis())) < 0
                || number.compareTo(BigInteger.valueOf(MAX_TIMER.toMillis())) > 0) {
            error(at, what + ": it must be between " + min.toMillis() + " and " + MAX_TIMER.toMillis()
                    + " milliseconds (365 days); " + fallback);
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(number.longValueExact()));
    }

    private List<TrackingId> trackingIdsOf(ConfigValue value) {
        List<ConfigValue> items = value.isList() ? value.asList() : List.of(value);
        List<TrackingId> ids = new ArrayList<>();
        for (ConfigValue item : items) {
            trackingIdOf(item).filter(t -> !ids.contains(t)).ifPresent(ids::add);
        }
        return ids;
    }

    private Optional<TrackingId> trackingIdOf(ConfigValue item) {
        String where = "key 'tracking_id'";
        if (item.value() instanceof String) {
            // MongooseIM's historic form {tracking_id, "UA-XXXX-Y"}: an ID without a secret.
            return trackingId((String) item.value(), "", item, where);
        }
        if (!item.isMap()) {
            error(item, where + " has value " + item.display() + ": write it as {id: G-XXXXXXXXXX, secret: API_SECRET}; "
                    + "no private property is used");
            return Optional.empty();
        }
        Map<String, ConfigValue> map = item.asMap();
        for (String key : map.keySet()) {
            if (!"id".equals(key) && !"secret".equals(key)) {
                warn(map.get(key), where + " has unknown field '" + key + "' (known: id, secret); it is ignored");
            }
        }
        ConfigValue id = map.get("id");
        ConfigValue secret = map.get("secret");
        if (id == null || !(id.value() instanceof String)) {
            error(item, where + " needs an 'id' in quotes or as plain text (the GA4 measurement ID, G-XXXXXXXXXX); "
                    + "this entry is ignored");
            return Optional.empty();
        }
        String secretText = secret != null && secret.value() instanceof String ? (String) secret.value() : "";
        return trackingId((String) id.value(), secretText, id, where);
    }

    private Optional<TrackingId> trackingId(String rawId, String secret, ConfigValue at, String where) {
        String id = rawId.trim();
        if (TrackingId.isUniversalAnalyticsId(id)) {
            error(at, where + " is " + id + ", a Universal Analytics ID. Google stopped processing Universal Analytics "
                    + "data in July 2023, so nothing is sent to it. To see reports in your own Google Analytics, create a "
                    + "GA4 property, open Admin > Data streams > your web stream, copy its Measurement ID (G-XXXXXXXXXX), "
                    + "create a Measurement Protocol API secret there, and set tracking_id: {id: G-XXXXXXXXXX, secret: "
                    + "YOUR_API_SECRET}. Reporting to every other destination goes on.");
            return Optional.empty();
        }
        if (!TrackingId.isGa4MeasurementId(id)) {
            error(at, where + " has measurement ID \"" + id + "\": a GA4 measurement ID looks like G-XXXXXXXXXX "
                    + "(G-, then capital letters and digits); this entry is ignored");
            return Optional.empty();
        }
        String trimmedSecret = secret.trim();
        if (trimmedSecret.isEmpty() || trimmedSecret.chars().anyMatch(Character::isWhitespace)) {
            error(at, where + " for " + id + " has no usable API secret: GA4 accepts Measurement Protocol hits only with "
                    + "one (Admin > Data streams > your stream > Measurement Protocol API secrets); this entry is ignored");
            return Optional.empty();
        }
        return Optional.of(new TrackingId(id, trimmedSecret));
    }

    private Optional<URI> endpoint(String text, ConfigValue at, String where) {
        return endpoint(text, at, where, "using the default " + ServiceConfig.DEFAULT_GOOGLE_ANALYTICS_URL);
    }

    /** The one rule for every address reports are POSTed to. */
    private Optional<URI> endpoint(String text, ConfigValue at, String where, String fallback) {
        String reason;
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                reason = "it must be a plain URL such as " + ServiceConfig.DEFAULT_GOOGLE_ANALYTICS_URL
                        + " (no user, query or fragment)";
            } else if ("https".equals(scheme) || ("http".equals(scheme) && LoopbackHost.isLoopback(uri.getHost()))) {
                return Optional.of(uri);
            } else {
                reason = "it must use https (plain http is accepted only for this machine, e.g. a local collector)";
            }
        } catch (URISyntaxException e) {
            reason = "it is not a valid URL (" + e.getReason() + ")";
        }
        error(at, where + " has value \"" + text + "\": " + reason + "; " + fallback);
        return Optional.empty();
    }


    private void setConsent(Consent value, SettingSource source) {
        set(ConsoleSettings.REPORT, source, () -> consent = value);
    }

    private void set(String key, SettingSource source, Runnable assignment) {
        assignment.run();
        sources.put(key, source);
    }

    private void warn(ConfigValue at, String message) {
        problems.add(ConfigProblem.warning(locate(at) + message));
    }

    private void error(ConfigValue at, String message) {
        problems.add(ConfigProblem.error(locate(at) + message));
    }

    private String locate(ConfigValue at) {
        if (at == null) {
            return ""; // an admin console setting: the message names the setting itself
        }
        return origin.describe() + (at.line() > 0 ? ", line " + at.line() : "") + ": ";
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + " h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + " min";
        }
        if (ms % 1000 == 0 && ms > 0) {
            return ms / 1000 + " s";
        }
        return ms + " ms";
    }
}
