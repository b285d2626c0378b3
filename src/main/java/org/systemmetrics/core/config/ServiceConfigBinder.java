package org.systemmetrics.core.config;

import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
    private static final String GA4_FORM_YAML = "tracking_id: {id: G-XXXXXXXXXX, secret: API_SECRET}";
    private static final String GA4_FORM_ERLANG = "{tracking_id, {\"G-XXXXXXXXXX\", \"API_SECRET\"}}";
    private static final String CONSOLE_INSTEAD = "the file's value is used";

    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Map<String, SettingSource> sources = new HashMap<>();
    private final Map<Setting<?>, Object> values = new HashMap<>();
    private final ConfigOrigin origin;
    private final ConsoleSettings console;
    private Map<String, ConfigValue> entry = Map.of();
    private Consent consent;
    private boolean optOutUnclear;
    /** The URL the file's own API secrets were written for: the file's google_analytics_url, or the default. */
    private URI fileGoogleAnalyticsUrl = ServiceConfig.DEFAULT_GOOGLE_ANALYTICS_URL;

    /** A value as the file or the console gives it, and how messages name it; {@code at} is null for the console. */
    private static final class Input {
        final Object raw;
        final String where;
        final ConfigValue at;

        Input(Object raw, String where, ConfigValue at) {
            this.raw = raw;
            this.where = where;
            this.at = at;
        }

        boolean console() {
            return at == null;
        }

        String display() {
            return at == null ? LogText.quoted((String) raw) : at.display();
        }
    }

    private ServiceConfigBinder(ConfigOrigin origin, ConsoleSettings console) {
        this.origin = origin;
        this.console = console;
        Setting.ALL.stream().filter(Setting::hasSlot).forEach(s -> values.put(s, s.defaultValue()));
    }

    public static LoadedConfig bind(ConfigFileContent file, ConfigOrigin origin, ConsoleSettings console) {
        ServiceConfigBinder binder = new ServiceConfigBinder(origin, console);
        binder.problems.addAll(file.problems());
        if (!file.readable()) {
            binder.consent = Consent.CONFIG_UNREADABLE;
        } else if (file.entry().isEmpty()) {
            binder.consent = file.optOutUnclear() ? Consent.OPT_OUT_UNCLEAR : Consent.NOT_CONFIGURED;
        } else {
            binder.consent = Consent.ON_WITH_NOTICE;
            binder.optOutUnclear = file.optOutUnclear();
            binder.entry = file.entry().get();
            binder.applyEntry();
            if (binder.optOutUnclear) {
                binder.setConsent(Consent.OPT_OUT_UNCLEAR, SettingSource.FILE);
            }
        }
        Consent fileConsent = binder.consent;
        binder.applyConsole();
        return new LoadedConfig(new ServiceConfig(binder.consent, fileConsent, binder.values, origin, binder.sources),
                binder.problems);
    }

    private void applyEntry() {
        Set<String> known = Setting.fileKeys();
        for (Map.Entry<String, ConfigValue> e : entry.entrySet()) {
            boolean flag = e.getKey().equals(Setting.REPORT.key()) || e.getKey().equals(Setting.NO_REPORT.key());
            boolean plainEnglish = OptOut.isPlainEnglishOptOut(e.getKey(), e.getValue().value());
            if (e.getValue().isRefused() && !flag && !OptOut.isNearMiss(e.getKey()) && !plainEnglish) {
                error(e.getValue(), "key '" + LogText.oneLine(e.getKey(), LogText.MAX_CHARS) + "' has "
                        + e.getValue().display() + "; it is ignored");
            }
            if (known.contains(e.getKey())) {
                continue;
            }
            String key = LogText.oneLine(e.getKey(), LogText.MAX_CHARS);
            if (OptOut.isNearMiss(e.getKey())) {
                doubt(e.getValue(), "key '" + key + "' is not a key of this service, but it looks like no_report or "
                        + "report (keys are lower case, with an underscore).");
            } else if (plainEnglish) {
                doubt(e.getValue(), "key " + OptOut.strayMention(e.getKey(), e.getValue().value(), OptOut.Place.IN_ENTRY_VALUE)
                        .orElseThrow() + " but this service knows no such key.");
            } else {
                warn(e.getValue(), "unknown key " + LogText.keyOrShape(e.getKey()) + " is ignored (known keys: " + String.join(", ",
                        Setting.ALL.stream().filter(s -> s != Setting.TRACKING_SECRET).map(Setting::key)
                                .toArray(String[]::new)) + ")");
            }
        }
        Optional<Boolean> report = flag(entry, Setting.REPORT.key());
        Optional<Boolean> noReport = flag(entry, Setting.NO_REPORT.key());
        if (noReport.orElse(false) && report.orElse(false)) {
            error(entry.get(Setting.NO_REPORT.key()), "both 'report' and 'no_report' are set; 'no_report' wins, so "
                    + "nothing is reported until one of them is removed");
        }
        if (noReport.orElse(false) || report.map(r -> !r).orElse(false)) {
            setConsent(Consent.OFF, SettingSource.FILE);
        } else if (report.orElse(false)) {
            setConsent(Consent.ON, SettingSource.FILE);
        }

        for (Setting<?> setting : Setting.ALL) {
            if (setting.hasSlot()) {
                fileInput(setting)
                        // A refused value was named as such above; an endpoint and the categories say what follows.
                        .filter(in -> !in.at.isRefused() || setting.kind() == Setting.Kind.CATEGORIES
                                || setting == Setting.REPORT_ENDPOINT)
                        .flatMap(in -> parse(setting, in)).ifPresent(value -> set(setting, SettingSource.FILE, value));
            }
        }
    }

    /**
     * The setting's value in the file, under its key or a misspelling of it; warns of a misspelling, and of a token
     * without its endpoint (in the endpoint's place, so the messages keep the settings' order).
     */
    private Optional<Input> fileInput(Setting<?> setting) {
        String key = setting.key();
        ConfigValue value = entry.get(key);
        for (String misspelling : setting.misspellings()) {
            ConfigValue misspelt = entry.get(misspelling);
            if (misspelt != null && value == null) {
                warn(misspelt, "key '" + misspelling + "' is misspelt: it is accepted as '" + key + "', the right spelling");
                value = misspelt;
                key = misspelling;
            } else if (misspelt != null) {
                warn(misspelt, "key '" + misspelling + "' is a misspelling of '" + key + "', which is also set; '" + key
                        + "' is used");
            }
        }
        ConfigValue token = setting == Setting.REPORT_ENDPOINT ? entry.get(Setting.REPORT_ENDPOINT_TOKEN.key()) : null;
        if (value == null && token != null) {
            warn(token, "key 'report_endpoint_token' is set but 'report_endpoint' is not; the token is not used");
        }
        return value == null ? Optional.empty() : Optional.of(new Input(value.value(), "key '" + key + "'", value));
    }

    private void applyConsole() {
        console.get(ConsoleSettings.REPORT).filter(value -> !value.isBlank()).ifPresent(value -> {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if ("true".equals(v)) {
                setConsent(Consent.ON, SettingSource.CONSOLE);
            } else if ("false".equals(v)) {
                setConsent(Consent.OFF, SettingSource.CONSOLE);
            } else {
                // Stored by hand on the System Properties page, perhaps: it may be meant as "no", so off.
                error(null, console.describe(ConsoleSettings.REPORT) + " has value " + LogText.quoted(value)
                        + ": it must be true or false. Because it may be meant as an opt-out, reporting is OFF until "
                        + "it is set to true or false (or removed).");
                setConsent(Consent.OPT_OUT_UNCLEAR, SettingSource.CONSOLE);
            }
        });
        // The addresses first: every secret is checked against the address it would be sent to.
        List<Setting<?>> order = new ArrayList<>(Setting.console());
        order.sort(Comparator.comparing(s -> Setting.ALL.stream().noneMatch(o -> o.address().orElse(null) == s)));
        for (Setting<?> setting : order) {
            Optional<String> text = console.get(setting.key()).map(String::trim).filter(t -> !t.isEmpty());
            if (setting.hasSlot() && text.isPresent()) {
                parse(setting, new Input(text.get(), console.describe(setting.key()), null))
                        .ifPresent(value -> set(setting, SettingSource.CONSOLE, value));
            }
            if (setting == Setting.GOOGLE_ANALYTICS_URL) {
                withholdFileSecretsFromAnotherUrl();
            }
        }
    }

    /** A file's and a console value alike, by the setting's kind; empty when refused (the error says why). */
    private Optional<?> parse(Setting<?> setting, Input in) {
        switch (setting.kind()) {
            case MILLIS:
                return timer(setting, in);
            case MEASUREMENT_ID:
                return in.console() ? consoleTrackingId((String) in.raw)
                        : Optional.of(trackingIdsOf(in.at)).filter(ids -> !ids.isEmpty());
            case CATEGORIES:
                return Optional.of(categoriesOf(in));
            case URL:
            default:
                return setting == Setting.REPORT_ENDPOINT ? ownEndpoint(in) : googleAnalyticsUrl(in);
        }
    }

    private Optional<Duration> timer(Setting<?> setting, Input in) {
        Duration fallback = (Duration) setting.defaultValue();
        String instead = in.console() ? CONSOLE_INSTEAD
                : "using the default " + fallback.toMillis() + " (" + human(fallback) + ")";
        BigInteger number = in.raw instanceof Long ? BigInteger.valueOf((Long) in.raw)
                : in.raw instanceof BigInteger ? (BigInteger) in.raw
                : in.console() ? Setting.wholeMillis((String) in.raw).orElse(null) : null;
        Optional<Refusal> refusal = number == null ? Optional.of(Setting.notWholeMillis(String.valueOf(in.raw)))
                : setting.checkMillis(number);
        refusal.ifPresent(r -> error(in.at, in.where + " has value " + in.display() + ": " + r.reason() + "; " + instead));
        return refusal.isPresent() ? Optional.empty() : Optional.of(Duration.ofMillis(number.longValueExact()));
    }

    private Optional<URI> googleAnalyticsUrl(Input in) {
        if (!(in.raw instanceof String)) {
            error(in.at, in.where + " is not a text: it must be a URL such as "
                    + ServiceConfig.DEFAULT_GOOGLE_ANALYTICS_URL + "; using the default");
            return Optional.empty();
        }
        Optional<URI> url = endpoint((String) in.raw, in, "using the default " + ServiceConfig.DEFAULT_GOOGLE_ANALYTICS_URL);
        if (!in.console()) {
            url.ifPresent(u -> fileGoogleAnalyticsUrl = u);
        }
        return url;
    }

    /** A file's endpoint goes with the file's token; a console endpoint with the console's (or none), never the file's. */
    private Optional<Optional<OwnEndpoint>> ownEndpoint(Input in) {
        if (!(in.raw instanceof String)) {
            error(in.at, in.where + " has value " + in.display() + ": it must be a URL in quotes; no report is sent to "
                    + "an endpoint of your own");
            return Optional.empty();
        }
        Optional<URI> url = endpoint((String) in.raw, in,
                in.console() ? CONSOLE_INSTEAD : "no report is sent to an endpoint of your own");
        Optional<String> token = url.flatMap(u -> in.console() ? boundSecret(Setting.REPORT_ENDPOINT, u,
                "nothing is sent to " + LogText.address(u) + " until then").map(String::trim) : fileToken());
        if (token.isPresent() && Setting.checkToken(token.get()).isPresent()) {
            ConfigValue at = in.console() ? null : entry.get(Setting.REPORT_ENDPOINT_TOKEN.key());
            error(at, (in.console() ? console.describe(ConsoleSettings.REPORT_ENDPOINT_TOKEN) : "key 'report_endpoint_token'")
                    + " contains spaces or control characters, which an HTTP header cannot carry; "
                    + (in.console() ? CONSOLE_INSTEAD : "no report is sent to your endpoint until it is fixed"));
            return Optional.empty();
        }
        return token.map(t -> Optional.of(new OwnEndpoint(url.get(), t)));
    }

    /** The file's token, "" when there is none. */
    private Optional<String> fileToken() {
        ConfigValue token = entry.get(Setting.REPORT_ENDPOINT_TOKEN.key());
        if (token == null) {
            return Optional.of("");
        }
        if (!(token.value() instanceof String)) {
            // The value is not quoted back: it may be the token itself.
            error(token, "key 'report_endpoint_token' must be text in quotes; no report is sent to your endpoint "
                    + "until it is");
            return Optional.empty();
        }
        return Optional.of(((String) token.value()).trim());
    }

    /**
     * Unknown names are refused and switch nothing on; the names that are right still apply. A file's value that is
     * not a list at all is an unclear choice, so only the minimum is sent until it is fixed.
     */
    private Set<ReportCategory> categoriesOf(Input in) {
        Set<ReportCategory> chosen = EnumSet.noneOf(ReportCategory.class);
        if (in.console()) {
            if (!ConsoleSettings.NO_CATEGORIES.equals(in.raw)) {
                for (String name : ((String) in.raw).split(",")) {
                    addCategory(chosen, name, in.where + " names " + LogText.keyOrShape(name.trim()), null);
                }
            }
            return chosen;
        }
        if (!in.at.isList() && !(in.raw instanceof String)) {
            error(in.at, in.where + " has value " + in.display() + ": it must be a list of category names, some of "
                    + ReportCategory.validNames() + " (or [] for the minimum); until it is fixed only the cluster "
                    + "and node events are sent");
            return chosen;
        }
        for (ConfigValue item : in.at.isList() ? in.at.asList() : List.of(in.at)) {
            addCategory(chosen, item.value(), in.where + " names " + item.display(), item);
        }
        return chosen;
    }

    /** A wrong category name switches nothing on. */
    private void addCategory(Set<ReportCategory> chosen, Object name, String named, ConfigValue at) {
        Optional<ReportCategory> category = name instanceof String ? ReportCategory.fromConfigName((String) name)
                : Optional.empty();
        if (category.isPresent()) {
            chosen.add(category.get());
        } else {
            error(at, named + ", which is not a category; the valid ones are " + ReportCategory.validNames()
                    + ". It switches nothing on");
        }
    }

    private Optional<List<TrackingId>> consoleTrackingId(String text) {
        Optional<String> secret = boundSecret(Setting.TRACKING_ID, get(Setting.GOOGLE_ANALYTICS_URL), "no report goes to "
                + (TrackingId.isGa4MeasurementId(text) ? text : LogText.shape(text)) + " from the admin console until then");
        return secret.flatMap(s -> trackingId(text, s, null, console.describe(ConsoleSettings.TRACKING_ID), GA4_FORM_YAML))
                .map(List::of);
    }

    /**
     * A console secret, if it was entered for {@code address} ({@link SecretBinding}); an empty text when none is
     * stored. Empty when it may not go there: an ERROR says to enter it again, and nothing is sent with it.
     */
    private Optional<String> boundSecret(Setting<?> partner, URI address, String consequence) {
        Setting<?> secret = partner.secretOf().orElseThrow();
        String stored = console.get(secret.key()).orElse("");
        if (stored.isEmpty()) {
            return Optional.of("");
        }
        SecretBinding.Stored opened = SecretBinding.open(stored);
        if (opened.allows(address, secret == Setting.TRACKING_SECRET)) {
            return Optional.of(opened.secret());
        }
        String where = secret.address().map(Setting::key).orElse("address");
        problems.add(ConfigProblem.error(console.describe(secret.key()) + (opened.unbound()
                ? " was stored without the address it is meant for (by an older version, or by hand on the System "
                        + "Properties page)"
                : " was entered for another " + where + " than " + LogText.address(address))
                + ": a secret is sent only to the address it was entered for. Enter it again on the System Metrics "
                + "page together with the " + where + "; " + consequence + "."));
        return Optional.empty();
    }

    /**
     * A file's API secrets were written for the file's Google Analytics URL (or the default): a console URL that is
     * not Google's own and not that one does not receive them.
     */
    private void withholdFileSecretsFromAnotherUrl() {
        URI googleAnalyticsUrl = get(Setting.GOOGLE_ANALYTICS_URL);
        if (sources.get(ConsoleSettings.GOOGLE_ANALYTICS_URL) != SettingSource.CONSOLE
                || get(Setting.TRACKING_ID).isEmpty() || ServiceConfig.isGoogleMeasurementProtocol(googleAnalyticsUrl)
                || googleAnalyticsUrl.equals(fileGoogleAnalyticsUrl)) {
            return;
        }
        problems.add(ConfigProblem.error(console.describe(ConsoleSettings.GOOGLE_ANALYTICS_URL) + " ("
                + LogText.address(googleAnalyticsUrl) + ") is not the URL the file's API secrets were written for: "
                + "a secret is sent only to the address it was entered for, so the file's tracking IDs receive no "
                + "reports there. Enter the tracking ID and its API secret in the admin console, or set "
                + "google_analytics_url in the file."));
        values.put(Setting.TRACKING_ID, List.of());
    }

    /** Anything but true or false makes the opt-out unclear. */
    private Optional<Boolean> flag(Map<String, ConfigValue> entry, String key) {
        ConfigValue value = entry.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value.value() instanceof Boolean) {
            return Optional.of((Boolean) value.value());
        }
        doubt(value, "key '" + key + "' has " + (value.isRefused() ? value.display() : "value " + value.display())
                + ", which is not true or false" + (value.value() instanceof String ? " (in quotes it is a text)" : "")
                + ".");
        return Optional.empty();
    }

    private List<TrackingId> trackingIdsOf(ConfigValue value) {
        List<ConfigValue> items = value.isList() ? value.asList() : List.of(value);
        if (items.size() > Setting.MAX_TRACKING_IDS) {
            error(value, "key 'tracking_id' lists " + items.size() + " properties; at most " + Setting.MAX_TRACKING_IDS
                    + " are allowed, so only the first " + Setting.MAX_TRACKING_IDS + " are used");
            items = items.subList(0, Setting.MAX_TRACKING_IDS);
        }
        List<TrackingId> ids = new ArrayList<>();
        for (ConfigValue item : items) {
            trackingIdOf(item).filter(t -> !ids.contains(t)).ifPresent(ids::add);
        }
        return ids;
    }

    private String ga4Form() {
        return origin.kind() == ConfigOrigin.Kind.ERLANG ? GA4_FORM_ERLANG : GA4_FORM_YAML;
    }

    private Optional<TrackingId> trackingIdOf(ConfigValue item) {
        String where = "key 'tracking_id'";
        if (item.value() instanceof ConfigValue.BareWord) {
            String word = ((ConfigValue.BareWord) item.value()).text;
            if (TrackingId.isUniversalAnalyticsId(word)) {
                return trackingId(word, "", item, where, ga4Form());
            }
            error(item, where + " has an unquoted " + (TrackingId.isGa4MeasurementId(word) ? "measurement ID " + word
                    : "word (" + LogText.shape(word) + ")") + ": put the ID in double quotes and add its API secret, as in "
                    + GA4_FORM_ERLANG + "; no private property is used");
            return Optional.empty();
        }
        if (item.value() instanceof String) {
            // MongooseIM's historic form {tracking_id, "UA-XXXX-Y"}: an ID without a secret.
            return trackingId((String) item.value(), "", item, where, ga4Form());
        }
        if (!item.isMap()) {
            error(item, where + " is " + (item.isList() ? "a list" : "not a text") + " where a property was expected: write it as "
                    + ga4Form() + "; no private property is used");
            return Optional.empty();
        }
        Map<String, ConfigValue> map = item.asMap();
        for (String key : map.keySet()) {
            if (!"id".equals(key) && !"secret".equals(key)) {
                warn(map.get(key), where + " has unknown field " + LogText.keyOrShape(key)
                        + " (known: id, secret); it is ignored");
            }
        }
        ConfigValue id = map.get("id");
        ConfigValue secret = map.get("secret");
        if (id == null || !(id.value() instanceof String || id.value() instanceof ConfigValue.BareWord)) {
            error(item, where + " needs an 'id' in quotes or as plain text (the GA4 measurement ID, G-XXXXXXXXXX); "
                    + "this entry is ignored");
            return Optional.empty();
        }
        String secretText = secret != null && secret.value() instanceof String ? (String) secret.value() : "";
        String idText = id.value() instanceof String ? (String) id.value() : ((ConfigValue.BareWord) id.value()).text;
        return trackingId(idText, secretText, id, where, ga4Form());
    }

    private Optional<TrackingId> trackingId(String rawId, String secret, ConfigValue at, String where, String form) {
        String id = rawId.trim();
        Optional<Refusal> idRefusal = Setting.checkMeasurementId(id);
        if (idRefusal.isPresent()) {
            if (TrackingId.isUniversalAnalyticsId(id)) {
                error(at, where + " is " + id + ", a Universal Analytics ID. Google stopped processing Universal "
                        + "Analytics data in July 2023, so nothing is sent to it. To see reports in your own Google "
                        + "Analytics, create a GA4 property, open Admin > Data streams > your web stream, copy its "
                        + "Measurement ID (G-XXXXXXXXXX), create a Measurement Protocol API secret there, and write "
                        + form + ". Reporting to every other destination goes on.");
            } else {
                // Described, never quoted: an ID and secret written the wrong way round put the secret here.
                error(at, where + ": " + idRefusal.get().reason() + "; write " + form + "; this entry is ignored");
            }
            return Optional.empty();
        }
        String trimmedSecret = secret.trim();
        if (Setting.checkApiSecret(trimmedSecret).isPresent()) {
            error(at, where + " for " + id + " has no usable API secret: GA4 accepts Measurement Protocol hits only with "
                    + "one (Admin > Data streams > your stream > Measurement Protocol API secrets); write " + form
                    + "; this entry is ignored");
            return Optional.empty();
        }
        return Optional.of(new TrackingId(id, trimmedSecret));
    }

    /** The one rule for every address reports are POSTed to ({@link Setting#checkEndpoint}). */
    private Optional<URI> endpoint(String text, Input in, String fallback) {
        Optional<Refusal> refusal = Setting.checkEndpoint(text.trim());
        if (refusal.isEmpty()) {
            return Optional.of(URI.create(text.trim()));
        }
        error(in.at, in.where + " is refused: " + refusal.get().reason() + "; " + fallback);
        return Optional.empty();
    }

    /** An ERROR that switches reporting off, with what to write instead in this file's syntax. */
    private void doubt(ConfigValue at, String what) {
        optOutUnclear = true;
        problems.add(ConfigProblem.error(locate(at) + what + OptOut.advice(origin.kind())));
    }

    private void setConsent(Consent value, SettingSource source) {
        consent = value;
        record(Setting.REPORT, source);
    }

    private void set(Setting<?> setting, SettingSource source, Object value) {
        values.put(setting, value);
        record(setting, source);
    }

    @SuppressWarnings("unchecked") // set() stores a Setting<T>'s value as a T
    private <T> T get(Setting<T> setting) {
        return (T) values.get(setting);
    }

    private void record(Setting<?> setting, SettingSource source) {
        // Without a file in conf/ the values come from the template shipped in the plugin: its defaults, not a
        // file the administrator could open and edit.
        boolean shipped = source == SettingSource.FILE && origin.kind() == ConfigOrigin.Kind.DEFAULT;
        sources.put(setting.key(), shipped ? SettingSource.DEFAULT : source);
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
