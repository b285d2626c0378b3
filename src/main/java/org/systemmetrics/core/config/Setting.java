package org.systemmetrics.core.config;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.systemmetrics.core.report.ReportCategory;

/**
 * One definition per setting: its key, what kind of value it takes, its bounds and rule, and the message key
 * of each refusal. The file binder, the admin console's form and the System Properties registration all read
 * these, so a rule or bound is written once. To add a setting, add a constant here and list it in {@link #ALL};
 * the binder then knows its key, and a console setting is registered and resettable without further changes.
 */
public final class Setting {
    /** The kind of value, which decides how text is read and checked. */
    public enum Kind { FLAG, MILLIS, MEASUREMENT_ID, SECRET, URL, TOKEN, CATEGORIES }

    public static final Duration MAX_TIMER = Duration.ofDays(365);

    public static final Setting REPORT = new Setting(ConsoleSettings.REPORT, Kind.FLAG, true, List.of(), 0);
    /** File only: the console's single choice is stored as {@code report: false}. */
    public static final Setting NO_REPORT = new Setting("no_report", Kind.FLAG, false, List.of(), 0);
    public static final Setting INITIAL_REPORT = new Setting(ConsoleSettings.INITIAL_REPORT, Kind.MILLIS, true,
            List.of("intial_report"), 0);
    public static final Setting PERIODIC_REPORT = new Setting(ConsoleSettings.PERIODIC_REPORT, Kind.MILLIS, true,
            List.of(), 1);
    public static final Setting TRACKING_ID = new Setting(ConsoleSettings.TRACKING_ID, Kind.MEASUREMENT_ID, true,
            List.of(), 0);
    /** Console only; in a file the secret is part of {@code tracking_id}. */
    public static final Setting TRACKING_SECRET = new Setting(ConsoleSettings.TRACKING_SECRET, Kind.SECRET, true,
            List.of(), 0);
    public static final Setting GOOGLE_ANALYTICS_URL = new Setting(ConsoleSettings.GOOGLE_ANALYTICS_URL, Kind.URL, true,
            List.of(), 0);

    public static final Setting REPORT_ENDPOINT = new Setting(ConsoleSettings.REPORT_ENDPOINT, Kind.URL, true,
            List.of(), 0);
    /** A bearer token: secret like the API secret, but optional; it goes with its endpoint when that is reset. */
    public static final Setting REPORT_ENDPOINT_TOKEN = new Setting(ConsoleSettings.REPORT_ENDPOINT_TOKEN, Kind.TOKEN,
            true, List.of(), 0);
    public static final Setting CATEGORIES = new Setting(ConsoleSettings.CATEGORIES, Kind.CATEGORIES, true, List.of(),
            0);

    /** Every setting, in the order the admin console and messages list them. */
    public static final List<Setting> ALL = List.of(REPORT, NO_REPORT, INITIAL_REPORT, PERIODIC_REPORT, TRACKING_ID,
            TRACKING_SECRET, GOOGLE_ANALYTICS_URL, REPORT_ENDPOINT, REPORT_ENDPOINT_TOKEN, CATEGORIES);
    /** At most this many tracking IDs: each is a destination served by its own thread. */
    public static final int MAX_TRACKING_IDS = 10;

    private final String key;
    private final Kind kind;
    private final boolean console;
    private final List<String> misspellings;
    private final long minMillis;

    private Setting(String key, Kind kind, boolean console, List<String> misspellings, long minMillis) {
        this.key = key;
        this.kind = kind;
        this.console = console;
        this.misspellings = misspellings;
        this.minMillis = minMillis;
    }

    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the admin console can set it (stored as the system property {@code systemmetrics.<key>}). */
    public boolean inConsole() {
        return console;
    }

    /** Whether the value must never be shown or logged. */
    public boolean secret() {
        return kind == Kind.SECRET || kind == Kind.TOKEN;
    }

    /** Whether the page offers "use the file's value" for it; a secret goes with its ID or endpoint instead. */
    public boolean resettable() {
        return console && !secret();
    }

    /**
     * For a secret: the setting it is stored and removed with (the API secret with its measurement ID, the token with
     * its endpoint). The one place that says which secret belongs to what; reset and the form follow from it.
     */
    public Optional<Setting> goesWith() {
        return this == TRACKING_SECRET ? Optional.of(TRACKING_ID)
                : this == REPORT_ENDPOINT_TOKEN ? Optional.of(REPORT_ENDPOINT) : Optional.empty();
    }

    /**
     * For a secret: the address it is sent to, for which it is entered and stored ({@link SecretBinding}); changing
     * that address requires entering the secret again.
     */
    public Optional<Setting> address() {
        return this == TRACKING_SECRET ? Optional.of(GOOGLE_ANALYTICS_URL)
                : this == REPORT_ENDPOINT_TOKEN ? Optional.of(REPORT_ENDPOINT) : Optional.empty();
    }

    /** The console secrets that go with this setting or are sent to it, which a reset of it removes. */
    public List<Setting> secretsOf() {
        return ALL.stream().filter(s -> s.goesWith().filter(this::equals).isPresent())
                .collect(Collectors.toList());
    }

    /** Old misspellings in circulation that a file may use instead of the key. */
    public List<String> misspellings() {
        return misspellings;
    }

    public long minMillis() {
        return minMillis;
    }

    public long maxMillis() {
        return MAX_TIMER.toMillis();
    }

    public static List<Setting> console() {
        return ALL.stream().filter(Setting::inConsole).collect(Collectors.toList());
    }

    public static Optional<Setting> byKey(String key) {
        return ALL.stream().filter(s -> s.key.equals(key)).findFirst();
    }

    /** Every key a file may use, misspellings included. */
    public static Set<String> fileKeys() {
        Set<String> keys = new LinkedHashSet<>();
        for (Setting s : ALL) {
            if (s != TRACKING_SECRET) {
                keys.add(s.key);
                keys.addAll(s.misspellings);
            }
        }
        return keys;
    }

    /** A milliseconds value checked against this setting's bounds. */
    public Optional<Refusal> checkMillis(BigInteger millis) {
        if (millis.compareTo(BigInteger.valueOf(minMillis)) < 0 || millis.compareTo(BigInteger.valueOf(maxMillis())) > 0) {
            return Optional.of(new Refusal(minMillis == 0 ? "settings.error.timer_range_initial"
                    : "settings.error.timer_range_periodic", List.of(),
                    "it must be between " + minMillis + " and " + maxMillis() + " milliseconds (365 days)"));
        }
        return Optional.empty();
    }

    /**
     * The value as text (the form the admin console and System Properties store), checked by this setting's rule;
     * the parsed value itself is the binder's business.
     */
    public Optional<Refusal> checkText(String text) {
        String t = text.trim();
        switch (kind) {
            case FLAG:
                String v = t.toLowerCase(Locale.ROOT);
                return "true".equals(v) || "false".equals(v) ? Optional.empty()
                        : Optional.of(new Refusal("settings.error.report_choice", List.of(), "it must be true or false"));
            case MILLIS:
                if (!t.matches("[+-]?[0-9]{1,30}")) {
                    return Optional.of(new Refusal("settings.error.timer_not_a_number", List.of(t),
                            "it must be a whole number of milliseconds"));
                }
                return checkMillis(new BigInteger(t));
            case MEASUREMENT_ID:
                return checkMeasurementId(t);
            case SECRET:
                return checkApiSecret(t);
            case TOKEN:
                return checkToken(t);
            case CATEGORIES:
                return checkCategories(t);
            case URL:
            default:
                return checkEndpoint(t);
        }
    }

    /** Empty when the text is a GA4 measurement ID. A refused value is quoted only when it is an ID, never a secret. */
    public static Optional<Refusal> checkMeasurementId(String id) {
        if (TrackingId.isUniversalAnalyticsId(id)) {
            return Optional.of(new Refusal("settings.error.tracking_id_ua", List.of(id), id + " is a Universal Analytics "
                    + "ID. Google stopped processing Universal Analytics data in July 2023, so nothing is sent to it"));
        }
        if (!TrackingId.isGa4MeasurementId(id)) {
            return Optional.of(new Refusal("settings.error.tracking_id_format", List.of(id), "its measurement ID ("
                    + LogText.shape(id) + (id.startsWith("G-") ? ", starting with G-" : ", not starting with G-")
                    + ") is not a GA4 measurement ID, which looks like G-XXXXXXXXXX (G-, then capital letters and "
                    + "digits)"));
        }
        return Optional.empty();
    }

    public static Optional<Refusal> checkApiSecret(String secret) {
        if (secret.isEmpty() || secret.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of(new Refusal("settings.error.tracking_secret_space", List.of(),
                    "its API secret is empty or contains white space"));
        }
        return Optional.empty();
    }

    /** A bearer token goes into a header: nothing that would end or split it. Empty means no token. */
    public static Optional<Refusal> checkToken(String token) {
        if (token.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return Optional.of(new Refusal("settings.error.report_endpoint_token_space", List.of(),
                    "it contains spaces or control characters, which an HTTP header cannot carry"));
        }
        return Optional.empty();
    }

    /** The console's stored form: category names separated by commas, or {@link ConsoleSettings#NO_CATEGORIES}. */
    public static Optional<Refusal> checkCategories(String text) {
        if (text.isEmpty() || ConsoleSettings.NO_CATEGORIES.equals(text)) {
            return Optional.empty();
        }
        for (String name : text.split(",")) {
            if (ReportCategory.fromConfigName(name).isEmpty()) {
                String n = LogText.keyOrShape(name.trim().toLowerCase(Locale.ROOT));
                return Optional.of(new Refusal("settings.error.categories_unknown", List.of(n),
                        n + " is not a category; the valid ones are " + ReportCategory.validNames()));
            }
        }
        return Optional.empty();
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
            return Optional.of(invalidUrl(text, "it is not a valid URL"));
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            return Optional.of(invalidUrl(text, "it must be a plain URL such as "
                    + ServiceConfig.DEFAULT_GOOGLE_ANALYTICS_URL + " (no user, query or fragment)"));
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            return Optional.of(new Refusal("settings.error.url_port", List.of(text),
                    "its port " + uri.getPort() + " is not a port (1 to 65535)"));
        }
        if (AddressRule.isForbiddenHost(uri.getHost())) {
            return Optional.of(new Refusal("settings.error.url_link_local", List.of(text), "its host is a link-local, "
                    + "unspecified or cloud metadata address (169.254.0.0/16, fe80::/10, 0.0.0.0, in any spelling), "
                    + "which is never a collector"));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = AddressRule.isLoopbackHost(uri.getHost());
        if (loopback && uri.getPort() == -1) {
            // This machine is reached only on a port the administrator wrote down: no URL that probes 80 or 443
            // of a local service by default.
            return Optional.of(new Refusal("settings.error.url_loopback_port", List.of(text), "it names this machine "
                    + "without a port; write the port of the local collector explicitly, e.g. http://localhost:8080/"));
        }
        if ("https".equals(scheme) || ("http".equals(scheme) && loopback)) {
            return Optional.empty();
        }
        return Optional.of(new Refusal("settings.error.url_scheme", List.of(text),
                "it must use https (plain http is accepted only for this machine, e.g. a local collector)"));
    }

    private static Refusal invalidUrl(String text, String reason) {
        return new Refusal("settings.error.url_invalid", List.of(text), reason);
    }

    @Override
    public String toString() {
        return key;
    }
}
