package org.systemmetrics.core.config;

import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.systemmetrics.core.PluginName;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.core.text.Texts;

/**
 * Turns what a file (and the admin console) says into a checked {@link ServiceConfig}. Every key that is
 * wrong is named in an ERROR with its value and falls back to its default; the rest of the configuration
 * still applies, so a typo never stops the service or Openfire.
 */
public final class ServiceConfigBinder {
    private static final Texts TEXTS = Texts.of(ServiceConfigBinder.class);

    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Map<Setting<?>, SettingSource> sources = new HashMap<>();
    private final Map<Setting<?>, Object> values = new HashMap<>();
    private final ConfigOrigin origin;
    private final ConsoleSettings console;
    /** Rewords a file's refused value whose ERROR names its fallback, once the console's value may have won. */
    private final List<Runnable> overruled = new ArrayList<>();
    private Map<String, ConfigValue> entry = Map.of();
    private Consent consent;
    private boolean optOutUnclear;

    /**
     * A value as the file (under {@code key}) or the console gives it; {@code at} is null for the console. It alone
     * knows how messages name its place and write a tracking ID, so each parser serves both.
     */
    private final class Input {
        final Object raw;
        final String key;
        final ConfigValue at;

        Input(Object raw, String key, ConfigValue at) {
            this.raw = raw;
            this.key = key;
            this.at = at;
        }

        /**
         * A console setting by its name and system property; a file's value by its key (its line is said before).
         * Worded only for a message, since a text is read from the jar.
         */
        String where() {
            return at == null ? describe(key) : TEXTS.get("where.key", key);
        }

        /** A tracking ID with its secret as the file's syntax writes it; the console's page is written in YAML's. */
        String form() {
            return at != null && origin.kind() == ConfigOrigin.Kind.ERLANG ? TEXTS.get("form.erlang")
                    : TEXTS.get("form.yaml");
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
    }

    static ServiceConfig bind(ConfigFileContent file, ConfigOrigin origin, ConsoleSettings console) {
        ServiceConfigBinder binder = new ServiceConfigBinder(origin, console);
        Consent fileConsent = binder.applyFile(file);
        Set<Setting<?>> fileGives = Set.copyOf(binder.values.keySet());
        binder.applyConsole();
        binder.overruled.forEach(Runnable::run);
        return new ServiceConfig(binder.consent, fileConsent, binder.values, fileGives, origin, binder.sources,
                binder.problems);
    }

    /** What the file alone says about reporting, once its entry is applied. */
    private Consent applyFile(ConfigFileContent file) {
        problems.addAll(file.problems());
        if (!file.readable()) {
            consent = Consent.CONFIG_UNREADABLE;
        } else if (file.entry().isEmpty()) {
            consent = file.optOutUnclear() ? Consent.OPT_OUT_UNCLEAR : Consent.NOT_CONFIGURED;
        } else {
            consent = Consent.ON_WITH_NOTICE;
            optOutUnclear = file.optOutUnclear();
            entry = file.entry().get();
            applyEntry();
            if (optOutUnclear) {
                setConsent(Consent.OPT_OUT_UNCLEAR, SettingSource.FILE);
            }
        }
        return consent;
    }

    private void applyEntry() {
        Set<String> known = Setting.fileKeys();
        for (Map.Entry<String, ConfigValue> e : entry.entrySet()) {
            String key = e.getKey();
            ConfigValue value = e.getValue();
            boolean flag = key.equals(Setting.REPORT.key()) || key.equals(Setting.NO_REPORT.key());
            boolean nearMiss = OptOut.isNearMiss(key);
            boolean plainEnglish = OptOut.isPlainEnglishOptOut(key, value.value());
            // Refused categories are not ignored: they send only the minimum, which their own ERROR says.
            boolean categories = key.equals(Setting.CATEGORIES.key());
            if (value.isRefused() && !flag && !nearMiss && !plainEnglish && !categories) {
                error(value, TEXTS.get("key.refused", LogText.oneLine(key, LogText.MAX_CHARS), value.display()));
            }
            if (known.contains(key)) {
                continue;
            }
            if (nearMiss) {
                doubt(value, TEXTS.get("key.near_miss", LogText.oneLine(key, LogText.MAX_CHARS)));
            } else if (plainEnglish) {
                doubt(value, TEXTS.get("key.plain_english_opt_out", OptOut.strayMention(key, value.value(),
                        OptOut.Place.IN_ENTRY_VALUE).orElseThrow().get()));
            } else {
                String keys = Setting.inFile().map(Setting::key).collect(Collectors.joining(", "));
                warn(value, TEXTS.get("key.unknown", LogText.keyOrShape(key), keys));
            }
        }
        Optional<Boolean> report = flag(Setting.REPORT.key());
        Optional<Boolean> noReport = flag(Setting.NO_REPORT.key());
        if (noReport.orElse(false) && report.orElse(false)) {
            problems.add(ConfigProblem.switchingOff(located(entry.get(Setting.NO_REPORT.key()),
                    TEXTS.get("report.and_no_report")), TEXTS.get("report.no_report_wins")));
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

    /** Under its key or a misspelling; a token without endpoint is named in the endpoint's place (settings' order). */
    private Optional<Input> fileInput(Setting<?> setting) {
        String key = setting.key();
        ConfigValue value = entry.get(key);
        for (String misspelling : setting.misspellings()) {
            ConfigValue misspelt = entry.get(misspelling);
            if (misspelt != null && value == null) {
                warn(misspelt, TEXTS.get("key.misspelt", misspelling, key));
                value = misspelt;
                key = misspelling;
            } else if (misspelt != null) {
                warn(misspelt, TEXTS.get("key.misspelt_beside_right", misspelling, key));
            }
        }
        ConfigValue token = setting == Setting.REPORT_ENDPOINT ? entry.get(Setting.REPORT_ENDPOINT_TOKEN.key()) : null;
        if (value == null && token != null) {
            warn(token, TEXTS.get("token.without_endpoint"));
        }
        return value == null ? Optional.empty()
                : Optional.of(new Input(value.value(), key, value));
    }

    private void applyConsole() {
        console.get(Setting.REPORT.key()).filter(value -> !value.isBlank()).ifPresent(value -> {
            if (Setting.REPORT.checkText(value).isEmpty()) {
                boolean send = Boolean.parseBoolean(value.trim());
                setConsent(send ? Consent.ON : Consent.OFF, SettingSource.CONSOLE);
                // What in the file would switch reporting off does not decide, nor does fixing it: its ERROR says so.
                problems.replaceAll(problem -> problem.underConsole(send));
            } else {
                // Stored by hand on the System Properties page, perhaps: it may be meant as "no", so off.
                error(null, TEXTS.get("console.report_unclear", describe(Setting.REPORT.key()), LogText.quoted(value)));
                setConsent(Consent.OPT_OUT_UNCLEAR, SettingSource.CONSOLE);
            }
        });
        URI fileGoogleAnalyticsUrl = get(Setting.GOOGLE_ANALYTICS_URL);
        // The addresses first: every secret is checked against the address it would be sent to.
        List<Setting<?>> order = new ArrayList<>(Setting.console());
        order.sort(Comparator.comparing(s -> Setting.ALL.stream().noneMatch(o -> o.address().orElse(null) == s)));
        for (Setting<?> setting : order) {
            console.get(setting.key()).map(String::trim).filter(text -> !text.isEmpty() && setting.hasSlot())
                    .flatMap(text -> parse(setting, new Input(text, setting.key(), null)))
                    .ifPresent(value -> set(setting, SettingSource.CONSOLE, value));
            if (setting == Setting.GOOGLE_ANALYTICS_URL) {
                withholdFileSecretsFrom(fileGoogleAnalyticsUrl);
            }
        }
    }

    /** Empty when refused (the error says why). */
    private Optional<?> parse(Setting<?> setting, Input in) {
        switch (setting.kind()) {
            case MILLIS:
                return timer(setting, in);
            case MEASUREMENT_ID:
                return in.console() ? consoleTrackingId(in)
                        : Optional.of(trackingIdsOf(in)).filter(ids -> !ids.isEmpty());
            case CATEGORIES:
                return Optional.of(categoriesOf(in));
            case URL:
            default:
                return setting == Setting.REPORT_ENDPOINT ? ownEndpoint(in) : googleAnalyticsUrl(in);
        }
    }

    private Optional<Duration> timer(Setting<?> setting, Input in) {
        // A file holds a whole number as a Long or a BigInteger (ConfigValue.integer); the console as its text.
        Optional<Refusal> refusal = in.console() ? setting.checkText((String) in.raw)
                : in.raw instanceof Long || in.raw instanceof BigInteger
                        ? setting.checkMillis(new BigInteger(in.raw.toString()))
                        : Optional.of(Setting.notWholeMillis(String.valueOf(in.raw)));
        if (refusal.isEmpty()) {
            return Optional.of(Duration.ofMillis(Long.parseLong(in.raw.toString())));
        }
        Duration fallback = (Duration) setting.defaultValue();
        refused(setting, in, TEXTS.get("value.refused", in.where(), in.display(), refusal.get().reason()),
                TEXTS.get("then.default_value", fallback.toMillis(), human(fallback)));
        return Optional.empty();
    }

    private Optional<URI> googleAnalyticsUrl(Input in) {
        if (!(in.raw instanceof String)) {
            refused(Setting.GOOGLE_ANALYTICS_URL, in, TEXTS.get("url.not_text", in.where(),
                    ServiceConfig.DEFAULT_GOOGLE_ANALYTICS_URL), TEXTS.get("then.default_url"));
            return Optional.empty();
        }
        return endpoint(Setting.GOOGLE_ANALYTICS_URL, (String) in.raw, in,
                TEXTS.get("then.default", ServiceConfig.DEFAULT_GOOGLE_ANALYTICS_URL));
    }

    /** A file's endpoint goes with the file's token; a console endpoint with the console's, never the file's. */
    private Optional<Optional<OwnEndpoint>> ownEndpoint(Input in) {
        String noEndpoint = TEXTS.get("then.no_endpoint");
        if (!(in.raw instanceof String)) {
            refused(Setting.REPORT_ENDPOINT, in, TEXTS.get("endpoint.not_text", in.where(), in.display()), noEndpoint);
            return Optional.empty();
        }
        Optional<URI> url = endpoint(Setting.REPORT_ENDPOINT, (String) in.raw, in, noEndpoint);
        Optional<String> token = url.flatMap(u -> in.console() ? boundSecret(Setting.REPORT_ENDPOINT, u,
                () -> TEXTS.get("secret.withheld_from_endpoint", LogText.address(u))).map(String::trim) : fileToken());
        if (token.isPresent() && Setting.checkToken(token.get()).isPresent()) {
            if (in.console()) {
                error(null, TEXTS.get("token.unsendable_console", describe(Setting.REPORT_ENDPOINT_TOKEN.key()))
                        + then(Setting.REPORT_ENDPOINT, in, noEndpoint));
            } else {
                error(entry.get(Setting.REPORT_ENDPOINT_TOKEN.key()), TEXTS.get("token.unsendable_file"));
            }
            return Optional.empty();
        }
        return token.map(t -> Optional.of(new OwnEndpoint(url.get(), t)));
    }

    private Optional<String> fileToken() {
        ConfigValue token = entry.get(Setting.REPORT_ENDPOINT_TOKEN.key());
        if (token == null) {
            return Optional.of("");
        }
        if (!(token.value() instanceof String)) {
            // The value is not quoted back: it may be the token itself.
            error(token, TEXTS.get("token.not_text"));
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
                    addCategory(chosen, name, in, LogText.keyOrShape(name.trim()), null);
                }
            }
            return chosen;
        }
        if (!in.at.isList() && !(in.raw instanceof String)) {
            refused(Setting.CATEGORIES, in, TEXTS.get("categories.not_a_list", in.where(), in.display(),
                    ReportCategory.validNames()), TEXTS.get("then.minimum"));
            return chosen;
        }
        for (ConfigValue item : in.at.isList() ? in.at.asList() : List.of(in.at)) {
            addCategory(chosen, item.value(), in, item.display(), item);
        }
        return chosen;
    }

    private void addCategory(Set<ReportCategory> chosen, Object name, Input in, String shown, ConfigValue at) {
        Optional<ReportCategory> category = name instanceof String ? ReportCategory.fromConfigName((String) name)
                : Optional.empty();
        category.ifPresentOrElse(chosen::add,
                () -> error(at, TEXTS.get("categories.unknown", in.where(), shown, ReportCategory.validNames())));
    }

    private Optional<List<TrackingId>> consoleTrackingId(Input in) {
        String text = (String) in.raw;
        Optional<String> secret = boundSecret(Setting.TRACKING_ID, get(Setting.GOOGLE_ANALYTICS_URL), () -> TEXTS.get(
                "secret.withheld_from_tracking_id", TrackingId.isGa4MeasurementId(text) ? text : LogText.shape(text)));
        return secret.flatMap(s -> trackingId(in, text, s, null)).map(List::of);
    }

    /** The console secret entered for {@code address}, "" if none; empty, with an ERROR, if it may not go there. */
    private Optional<String> boundSecret(Setting<?> partner, URI address, Supplier<String> consequence) {
        Setting<?> secret = partner.secretOf().orElseThrow();
        String stored = console.get(secret.key()).orElse("");
        if (stored.isEmpty()) {
            return Optional.of("");
        }
        if (secret.needsNoBindingTo(address) || SecretBinding.allows(stored, address)) {
            return Optional.of(SecretBinding.secret(stored));
        }
        String where = secret.address().orElseThrow().key();
        problems.add(ConfigProblem.error(SecretBinding.boundTo(stored).isEmpty()
                ? TEXTS.get("secret.unbound", describe(secret.key()), where, consequence.get())
                : TEXTS.get("secret.bound_elsewhere", describe(secret.key()), where, consequence.get(),
                        LogText.address(address))));
        return Optional.empty();
    }

    /** A console URL that is neither Google's own nor the file's does not receive the file's API secrets. */
    private void withholdFileSecretsFrom(URI fileGoogleAnalyticsUrl) {
        URI googleAnalyticsUrl = get(Setting.GOOGLE_ANALYTICS_URL);
        if (sources.get(Setting.GOOGLE_ANALYTICS_URL) != SettingSource.CONSOLE
                || get(Setting.TRACKING_ID).isEmpty() || Setting.TRACKING_SECRET.needsNoBindingTo(googleAnalyticsUrl)
                || googleAnalyticsUrl.equals(fileGoogleAnalyticsUrl)) {
            return;
        }
        problems.add(ConfigProblem.error(TEXTS.get("secret.file_secrets_withheld",
                describe(Setting.GOOGLE_ANALYTICS_URL.key()), LogText.address(googleAnalyticsUrl))));
        values.put(Setting.TRACKING_ID, List.of());
    }

    /** Anything but true or false makes the opt-out unclear. */
    private Optional<Boolean> flag(String key) {
        ConfigValue value = entry.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value.value() instanceof Boolean) {
            return Optional.of((Boolean) value.value());
        }
        // Only a text that reads true or false was written in quotes around a flag; a bare word like yes was not.
        doubt(value, value.isRefused() ? TEXTS.get("flag.refused", key, value.display())
                : value.value() instanceof String && ((String) value.value()).matches("(?i)true|false")
                ? TEXTS.get("flag.quoted", key, value.display())
                : TEXTS.get("flag.not_boolean", key, value.display()));
        return Optional.empty();
    }

    private List<TrackingId> trackingIdsOf(Input in) {
        ConfigValue value = in.at;
        List<ConfigValue> items = value.isList() ? value.asList() : List.of(value);
        if (items.size() > Setting.MAX_TRACKING_IDS) {
            error(value, TEXTS.get("tracking_id.too_many", items.size(), Setting.MAX_TRACKING_IDS));
            items = items.subList(0, Setting.MAX_TRACKING_IDS);
        }
        return items.stream().map(item -> trackingIdOf(in, item)).flatMap(Optional::stream).distinct()
                .collect(Collectors.toList());
    }

    private Optional<TrackingId> trackingIdOf(Input in, ConfigValue item) {
        if (item.value() instanceof ConfigValue.BareWord) {
            String word = ((ConfigValue.BareWord) item.value()).text;
            if (TrackingId.isUniversalAnalyticsId(word)) {
                return trackingId(in, word, "", item);
            }
            String form = TEXTS.get("form.erlang");
            error(item, TrackingId.isGa4MeasurementId(word) ? TEXTS.get("tracking_id.unquoted_id", word, form)
                    : TEXTS.get("tracking_id.unquoted_word", LogText.shape(word), form));
            return Optional.empty();
        }
        if (item.value() instanceof String) {
            // MongooseIM's historic form {tracking_id, "UA-XXXX-Y"}: an ID without a secret.
            return trackingId(in, (String) item.value(), "", item);
        }
        if (!item.isMap()) {
            error(item, item.isList() ? TEXTS.get("tracking_id.list", in.form())
                    : TEXTS.get("tracking_id.not_text", in.form()));
            return Optional.empty();
        }
        Map<String, ConfigValue> map = item.asMap();
        map.keySet().stream().filter(key -> !"id".equals(key) && !"secret".equals(key))
                .forEach(key -> warn(map.get(key), TEXTS.get("tracking_id.unknown_field", LogText.keyOrShape(key))));
        ConfigValue id = map.get("id");
        ConfigValue secret = map.get("secret");
        if (id == null || !(id.value() instanceof String || id.value() instanceof ConfigValue.BareWord)) {
            error(item, TEXTS.get("tracking_id.no_id"));
            return Optional.empty();
        }
        String secretText = secret != null && secret.value() instanceof String ? (String) secret.value() : "";
        String idText = id.value() instanceof String ? (String) id.value() : ((ConfigValue.BareWord) id.value()).text;
        return trackingId(in, idText, secretText, id);
    }

    /** @param at where the ID stands in the file, null for the console's */
    private Optional<TrackingId> trackingId(Input in, String rawId, String secret, ConfigValue at) {
        String id = rawId.trim();
        Optional<Refusal> idRefusal = Setting.checkMeasurementId(id);
        if (idRefusal.isPresent()) {
            if (TrackingId.isUniversalAnalyticsId(id)) {
                error(at, TEXTS.get("tracking_id.universal_analytics", in.where(), id, in.form()));
            } else {
                // Described, never quoted: an ID and secret written the wrong way round put the secret here.
                error(at, TEXTS.get("tracking_id.refused", in.where(), idRefusal.get().reason(), in.form()));
            }
            return Optional.empty();
        }
        String trimmedSecret = secret.trim();
        if (Setting.checkApiSecret(trimmedSecret).isPresent()) {
            error(at, TEXTS.get("tracking_id.no_secret", in.where(), id, in.form()));
            return Optional.empty();
        }
        return Optional.of(new TrackingId(id, trimmedSecret));
    }

    /** @param instead what applies instead of a refused URL */
    private Optional<URI> endpoint(Setting<?> setting, String text, Input in, String instead) {
        Optional<Refusal> refusal = Setting.checkEndpoint(text.trim());
        if (refusal.isEmpty()) {
            return Optional.of(URI.create(text.trim()));
        }
        refused(setting, in, TEXTS.get("url.refused", in.where(), refusal.get().reason()), instead);
        return Optional.empty();
    }

    /**
     * The ERROR of a refused value, which says what applies instead: {@code instead} (the default, no own endpoint,
     * only the minimum of categories), but for a file's value only until the console's value wins, which it then says.
     */
    private void refused(Setting<?> setting, Input in, String what, String instead) {
        int index = problems.size();
        error(in.at, what + then(setting, in, instead));
        if (!in.console()) {
            overruled.add(() -> {
                if (sources.get(setting) == SettingSource.CONSOLE) {
                    problems.set(index, ConfigProblem.error(located(in.at, what + TEXTS.get("then.console"))));
                }
            });
        }
    }

    /** A refused console value over one the file gives leaves the file's in force; else {@code instead} applies. */
    private String then(Setting<?> setting, Input in, String instead) {
        return in.console() && sources.get(setting) == SettingSource.FILE ? TEXTS.get("then.file") : instead;
    }

    /** An ERROR that switches reporting off, with what to write instead in this file's syntax. */
    private void doubt(ConfigValue at, String what) {
        optOutUnclear = true;
        problems.add(OptOut.doubt(located(at, what), origin.kind()));
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
        return (T) values.getOrDefault(setting, setting.defaultValue());
    }

    private void record(Setting<?> setting, SettingSource source) {
        // Without a file in conf/ the values come from the template shipped in the plugin: its defaults, not a
        // file the administrator could open and edit.
        boolean shipped = source == SettingSource.FILE && origin.kind() == ConfigOrigin.Kind.DEFAULT;
        sources.put(setting, shipped ? SettingSource.DEFAULT : source);
    }

    private void warn(ConfigValue at, String message) {
        problems.add(ConfigProblem.warning(located(at, message)));
    }

    private void error(ConfigValue at, String message) {
        problems.add(ConfigProblem.error(located(at, message)));
    }

    /** A console setting's message names the setting itself ({@code at} is null); a file's, the file and line. */
    private String located(ConfigValue at, String message) {
        if (at == null) {
            return message;
        }
        return at.line() > 0 ? TEXTS.get("where.file_line", origin.describe(), at.line(), message)
                : TEXTS.get("where.file", origin.describe(), message);
    }

    private static String describe(String key) {
        return TEXTS.get("where.console", key, PluginName.CANONICAL + "." + key);
    }

    private static String human(Duration d) {
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
