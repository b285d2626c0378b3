package org.systemmetrics.core.config;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.systemmetrics.core.report.ReportCategory;
import org.systemmetrics.core.text.Texts;

/**
 * One definition per setting: key, kind (which picks the binder's parser, the form's rule and widget), default,
 * bounds, refusals, and for a secret the setting it is stored with and the address it is sent to. A new setting of an
 * existing kind is a constant listed in {@link #ALL}: file, console, page, System Properties and reset follow.
 */
public final class Setting<T> {
    /** What a value is; each kind's rule checks the text the console stores. */
    public enum Kind {
        // Lower-cased, not equalsIgnoreCase: that takes "falſe" (long s) for "false", and a value unclear is refused.
        FLAG((s, t) -> Set.of("true", "false").contains(t.toLowerCase(Locale.ROOT)) ? Optional.empty()
                : Optional.of(new Refusal(TEXTS.get("refusal.not_a_flag"), "settings.error.report_choice"))),
        MILLIS((s, t) -> t.matches("[+-]?[0-9]{1,30}") ? s.checkMillis(new BigInteger(t))
                : Optional.of(notWholeMillis(t))),
        MEASUREMENT_ID((s, t) -> checkMeasurementId(t)),
        SECRET((s, t) -> checkApiSecret(t)),
        URL((s, t) -> checkEndpoint(t)),
        TOKEN((s, t) -> checkToken(t)),
        // The names are checked one by one where they are read: the binder names each unknown one, the page only
        // offers checkboxes.
        CATEGORIES((s, t) -> Optional.empty());

        private final BiFunction<Setting<?>, String, Optional<Refusal>> rule;

        Kind(BiFunction<Setting<?>, String, Optional<Refusal>> rule) {
            this.rule = rule;
        }
    }

    private static final Texts TEXTS = Texts.of(Setting.class);
    public static final Duration MAX_TIMER = Duration.ofDays(365);
    /** At most this many tracking IDs: each is a destination served by its own thread. */
    public static final int MAX_TRACKING_IDS = 10;

    /** Its value is the {@link Consent}, worked out with {@link #NO_REPORT}; not a slot of its own. */
    public static final Setting<Boolean> REPORT = new Setting<>("report", Kind.FLAG, null, true);
    /** File only: the console's single choice is stored as {@code report: false}. */
    public static final Setting<Boolean> NO_REPORT = new Setting<>("no_report", Kind.FLAG, null, false);
    public static final Setting<Duration> INITIAL_REPORT = new Setting<>("initial_report", Kind.MILLIS,
            Duration.ofMinutes(5), true, 0, "intial_report");
    public static final Setting<Duration> PERIODIC_REPORT = new Setting<>("periodic_report", Kind.MILLIS,
            Duration.ofHours(3), true, 1);
    /** A file may list several; the console holds one, with its secret. */
    public static final Setting<List<TrackingId>> TRACKING_ID = new Setting<>("tracking_id",
            Kind.MEASUREMENT_ID, List.of(), true);
    public static final Setting<URI> GOOGLE_ANALYTICS_URL = new Setting<>("google_analytics_url", Kind.URL,
            ServiceConfig.DEFAULT_GOOGLE_ANALYTICS_URL, true);
    /** Console only; in a file the secret is part of {@code tracking_id}. Any of Google's hosts is its address. */
    public static final Setting<String> TRACKING_SECRET = pairedSecret("tracking_secret", Kind.SECRET, TRACKING_ID,
            GOOGLE_ANALYTICS_URL, ids -> ids.stream().findFirst().map(TrackingId::apiSecret));
    public static final Setting<Optional<OwnEndpoint>> REPORT_ENDPOINT = new Setting<>("report_endpoint",
            Kind.URL, Optional.empty(), true);
    /** A bearer token: secret like the API secret, but optional; its address is the endpoint it is stored with. */
    public static final Setting<String> REPORT_ENDPOINT_TOKEN = pairedSecret("report_endpoint_token", Kind.TOKEN,
            REPORT_ENDPOINT, REPORT_ENDPOINT, endpoint -> endpoint.flatMap(OwnEndpoint::token));
    public static final Setting<Set<ReportCategory>> CATEGORIES = new Setting<>("categories",
            Kind.CATEGORIES, ReportCategory.all(), true);

    /** Every setting, in the order the admin console and messages list them. */
    public static final List<Setting<?>> ALL = List.of(REPORT, NO_REPORT, INITIAL_REPORT, PERIODIC_REPORT, TRACKING_ID,
            TRACKING_SECRET, GOOGLE_ANALYTICS_URL, REPORT_ENDPOINT, REPORT_ENDPOINT_TOKEN, CATEGORIES);
    /** Worked out once: the opt-out rule asks it several times for every word of a file. */
    private static final Set<String> FILE_KEYS = inFile().flatMap(s -> Stream.concat(Stream.of(s.key),
            s.misspellings.stream())).collect(Collectors.toUnmodifiableSet());

    private final String key;
    private final Kind kind;
    private final T defaultValue;
    private final boolean console;
    private final long minMillis;
    private final Setting<?> goesWith;
    private final Setting<?> address;
    private final Function<Object, Optional<String>> inForce;
    private final List<String> misspellings;

    private Setting(String key, Kind kind, T defaultValue, boolean console) {
        this(key, kind, defaultValue, console, 0);
    }

    private Setting(String key, Kind kind, T defaultValue, boolean console, long minMillis, String... misspellings) {
        this(key, kind, defaultValue, console, minMillis, null, null, null, misspellings);
    }

    private Setting(String key, Kind kind, T defaultValue, boolean console, long minMillis, Setting<?> goesWith,
            Setting<?> address, Function<Object, Optional<String>> inForce, String... misspellings) {
        this.key = key;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.console = console;
        this.minMillis = minMillis;
        this.goesWith = goesWith;
        this.address = address;
        this.inForce = inForce;
        this.misspellings = List.of(misspellings);
    }

    /** A console secret: stored and removed with {@code goesWith}, sent to {@code address}, held in its value. */
    @SuppressWarnings("unchecked") // inForce is only applied to goesWith's value, a P
    private static <P> Setting<String> pairedSecret(String key, Kind kind, Setting<P> goesWith, Setting<?> address,
            Function<P, Optional<String>> inForce) {
        return new Setting<>(key, kind, null, true, 0, goesWith, address, (Function<Object, Optional<String>>) inForce);
    }

    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    /** Null without a slot in {@link ServiceConfig}: a flag makes the consent, a secret joins its partner. */
    T defaultValue() {
        return defaultValue;
    }

    boolean hasSlot() {
        return defaultValue != null;
    }

    public boolean secret() {
        return kind == Kind.SECRET || kind == Kind.TOKEN;
    }

    /** Whether the page offers "use the file's value" for it; a secret goes with its ID or endpoint instead. */
    public boolean resettable() {
        return console && !secret();
    }

    /** For a secret: the address it is entered for and sent to ({@link SecretBinding}). */
    public Optional<Setting<?>> address() {
        return Optional.ofNullable(address);
    }

    /**
     * For a secret: whether it may go to {@code address} whatever address it was entered for. A GA4 API secret only
     * lets one send to its own stream, so Google's global and EU hosts count as one address for it.
     */
    public boolean needsNoBindingTo(URI address) {
        return kind == Kind.SECRET && ServiceConfig.isGoogleMeasurementProtocol(address);
    }

    /** The secret stored and removed with this setting (the API secret with its ID, the token with its URL). */
    public Optional<Setting<?>> secretOf() {
        return ALL.stream().filter(s -> s.goesWith == this).findFirst();
    }

    /** For a secret: whether the configuration holds one, in the value of the setting it goes with. */
    public boolean heldIn(ServiceConfig config) {
        return inForce.apply(config.get(goesWith)).isPresent();
    }

    public List<String> misspellings() {
        return misspellings;
    }

    /** The settings stored as system properties {@code systemmetrics.<key>}. */
    public static List<Setting<?>> console() {
        return ALL.stream().filter(s -> s.console).collect(Collectors.toList());
    }

    public static Optional<Setting<?>> byKey(String key) {
        return ALL.stream().filter(s -> s.key.equals(key)).findFirst();
    }

    /** The settings a file may hold: all but the API secret, which a file writes inside {@code tracking_id}. */
    static Stream<Setting<?>> inFile() {
        return ALL.stream().filter(s -> s != TRACKING_SECRET);
    }

    /** Every key a file may use, misspellings included. */
    public static Set<String> fileKeys() {
        return FILE_KEYS;
    }

    public Optional<Refusal> checkMillis(BigInteger millis) {
        long maxMillis = MAX_TIMER.toMillis();
        if (millis.compareTo(BigInteger.valueOf(minMillis)) < 0 || millis.compareTo(BigInteger.valueOf(maxMillis)) > 0) {
            return Optional.of(new Refusal(TEXTS.get("refusal.timer_range", minMillis, maxMillis),
                    minMillis == 0 ? "settings.error.timer_range_initial" : "settings.error.timer_range_periodic"));
        }
        return Optional.empty();
    }

    static Refusal notWholeMillis(String text) {
        return new Refusal(TEXTS.get("refusal.not_whole_millis"), "settings.error.timer_not_a_number", text);
    }

    /** The value as the console stores it, checked by this setting's rule. */
    public Optional<Refusal> checkText(String text) {
        return kind.rule.apply(this, text.trim());
    }

    /** Empty when the text is a GA4 measurement ID. A refused value is quoted only when it is an ID, never a secret. */
    public static Optional<Refusal> checkMeasurementId(String id) {
        if (TrackingId.isUniversalAnalyticsId(id)) {
            return Optional.of(new Refusal(TEXTS.get("refusal.universal_analytics", id),
                    "settings.error.tracking_id_ua", id));
        }
        if (!TrackingId.isGa4MeasurementId(id)) {
            String reason = id.startsWith("G-") ? "refusal.measurement_id_g" : "refusal.measurement_id_not_g";
            return Optional.of(new Refusal(TEXTS.get(reason, LogText.shape(id)),
                    "settings.error.tracking_id_format", id));
        }
        return Optional.empty();
    }

    public static Optional<Refusal> checkApiSecret(String secret) {
        return secret.isEmpty() || secret.chars().anyMatch(Character::isWhitespace)
                ? Optional.of(new Refusal(TEXTS.get("refusal.api_secret"), "settings.error.tracking_secret_space"))
                : Optional.empty();
    }

    /** A bearer token goes into a header: nothing that would end or split it. Empty means no token. */
    public static Optional<Refusal> checkToken(String token) {
        return token.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))
                ? Optional.of(new Refusal(TEXTS.get("refusal.token"), "settings.error.report_endpoint_token_space"))
                : Optional.empty();
    }

    /**
     * https anywhere, plain http only to this machine; no user, query or fragment; a port from 1 to 65535; never a
     * link-local or cloud metadata address, which can never be a collector but may hand out credentials. Decided
     * from the text alone, without DNS. The URL is not quoted in the log: a pasted one may carry a secret.
     */
    public static Optional<Refusal> checkEndpoint(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.of(new Refusal(TEXTS.get("refusal.url_invalid"), "settings.error.url_invalid", text));
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            String reason = TEXTS.get("refusal.url_not_plain", ServiceConfig.DEFAULT_GOOGLE_ANALYTICS_URL);
            return Optional.of(new Refusal(reason, "settings.error.url_invalid", text));
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            return Optional.of(new Refusal(TEXTS.get("refusal.url_port", uri.getPort()), "settings.error.url_port",
                    text));
        }
        if (AddressRule.isForbiddenHost(uri.getHost())) {
            return Optional.of(new Refusal(TEXTS.get("refusal.url_link_local"), "settings.error.url_link_local", text));
        }
        boolean loopback = AddressRule.isLoopbackHost(uri.getHost());
        if (loopback && uri.getPort() == -1) {
            // This machine is reached only on a port the administrator wrote down: no URL that probes 80 or 443
            // of a local service by default.
            return Optional.of(new Refusal(TEXTS.get("refusal.url_loopback_port"), "settings.error.url_loopback_port",
                    text));
        }
        if ("https".equalsIgnoreCase(uri.getScheme()) || ("http".equalsIgnoreCase(uri.getScheme()) && loopback)) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(TEXTS.get("refusal.url_scheme"), "settings.error.url_scheme", text));
    }

    @Override
    public String toString() {
        return key;
    }
}
