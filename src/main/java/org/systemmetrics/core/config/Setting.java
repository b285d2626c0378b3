package org.systemmetrics.core.config;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
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
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F.]*:[0-9a-fA-F:.%a-zA-Z0-9]*");
    /** Names and addresses at which clouds answer instance-metadata requests; never a collector. */
    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata", "instance-data",
            "metadata.azure.internal");

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
        if (isLinkLocalOrMetadata(uri.getHost())) {
            return Optional.of(new Refusal("settings.error.url_link_local", List.of(text), "its host is a link-local "
                    + "or cloud metadata address (169.254.0.0/16, fe80::/10), which is never a collector"));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ("https".equals(scheme) || ("http".equals(scheme) && LoopbackHost.isLoopback(uri.getHost()))) {
            return Optional.empty();
        }
        return Optional.of(new Refusal("settings.error.url_scheme", List.of(text),
                "it must use https (plain http is accepted only for this machine, e.g. a local collector)"));
    }

    private static Refusal invalidUrl(String text, String reason) {
        return new Refusal("settings.error.url_invalid", List.of(text), reason);
    }

    static boolean isLinkLocalOrMetadata(String rawHost) {
        String host = rawHost.startsWith("[") && rawHost.endsWith("]") ? rawHost.substring(1, rawHost.length() - 1) : rawHost;
        String lower = host.toLowerCase(Locale.ROOT);
        if (METADATA_HOSTS.contains(lower) || METADATA_HOSTS.contains(lower.endsWith(".") ? lower.substring(0,
                lower.length() - 1) : lower)) {
            return true;
        }
        if (!IPV4.matcher(host).matches() && !IPV6.matcher(host).matches()) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByName(host); // a literal: parsed, never looked up
            byte[] b = address.getAddress();
            boolean awsIpv6Metadata = b.length == 16 && (b[0] & 0xff) == 0xfd && b[1] == 0 && (b[2] & 0xff) == 0x0e
                    && (b[3] & 0xff) == 0xc2 && b[15] == (byte) 0x54 && allZero(b, 4, 14) && b[14] == 0x02;
            return address.isLinkLocalAddress() || awsIpv6Metadata;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return key;
    }
}
