package org.systemmetrics.core.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The effective, checked settings of the service, each with where it came from, and what was wrong or odd in the
 * file and the console on the way to them. Immutable.
 */
public final class ServiceConfig {
    public static final URI DEFAULT_GOOGLE_ANALYTICS_URL = URI.create("https://www.google-analytics.com/mp/collect");
    /** Google's endpoint that collects in the European Union; where the data is stored is the property's setting. */
    public static final URI EU_GOOGLE_ANALYTICS_URL = URI.create("https://region1.google-analytics.com/mp/collect");
    private static final Set<String> GOOGLE_HOSTS = Set.of("www.google-analytics.com", "region1.google-analytics.com");

    /** Whether the URL is one of Google's own Measurement Protocol hosts: https on port 443. */
    public static boolean isGoogleMeasurementProtocol(URI endpoint) {
        String host = endpoint.getHost() == null ? "" : endpoint.getHost().toLowerCase(Locale.ROOT);
        return "https".equalsIgnoreCase(endpoint.getScheme()) && GOOGLE_HOSTS.contains(host)
                && (endpoint.getPort() == -1 || endpoint.getPort() == 443);
    }

    private final Consent consent;
    private final Consent fileConsent;
    private final Map<Setting<?>, Object> values;
    private final Set<Setting<?>> fileGives;
    private final ConfigOrigin origin;
    private final Map<Setting<?>, SettingSource> sources;
    private final List<ConfigProblem> problems;

    /** A setting without a value in {@code values} has its default; {@code fileGives}: those the file gives. */
    ServiceConfig(Consent consent, Consent fileConsent, Map<Setting<?>, Object> values, Set<Setting<?>> fileGives,
            ConfigOrigin origin, Map<Setting<?>, SettingSource> sources, List<ConfigProblem> problems) {
        this.consent = Objects.requireNonNull(consent, "consent");
        this.fileConsent = Objects.requireNonNull(fileConsent, "fileConsent");
        this.values = Map.copyOf(values);
        this.fileGives = Set.copyOf(fileGives);
        this.origin = Objects.requireNonNull(origin, "origin");
        this.sources = Map.copyOf(sources);
        this.problems = List.copyOf(problems);
    }

    /** The configuration used when no file exists: the entry present, default timers, no private property. */
    public static ServiceConfig defaults() {
        return new ServiceConfig(Consent.ON_WITH_NOTICE, Consent.ON_WITH_NOTICE, Map.of(), Set.of(),
                ConfigOrigin.shippedDefault(), Map.of(), List.of());
    }

    /** Each setting's value, not for the flags, whose effect is {@link #consent()}. */
    @SuppressWarnings("unchecked") // the binder stores a Setting<T>'s value as a T
    public <T> T get(Setting<T> setting) {
        return (T) values.getOrDefault(setting, setting.defaultValue());
    }

    public Consent consent() {
        return consent;
    }

    /** What the configuration file alone says about reporting, before the admin console's choice is laid over it. */
    public Consent fileConsent() {
        return fileConsent;
    }

    /**
     * The console's <em>Send reports</em> wins over a file that switches reporting off or whose opt-out cannot be
     * read; the administrator is told so while reporting runs, since the file may be kept by a configuration tool.
     */
    public boolean consoleOverridesFileOptOut() {
        return consent == Consent.ON && sourceOf(Setting.REPORT) == SettingSource.CONSOLE
                && (fileConsent == Consent.OFF || fileConsent == Consent.OPT_OUT_UNCLEAR
                        || fileConsent == Consent.CONFIG_UNREADABLE);
    }

    /** Whether the file (or the shipped template) gives a usable value, what applies once the console's is removed. */
    public boolean fileGives(Setting<?> setting) {
        return fileGives.contains(setting);
    }

    public ConfigOrigin origin() {
        return origin;
    }

    public SettingSource sourceOf(Setting<?> setting) {
        return sources.getOrDefault(setting, SettingSource.DEFAULT);
    }

    /** What the administrator is told about the file and the console, in the order it was found. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** The report's {@code config_type}: the file syntax, plus {@code +admin} when console settings override it. */
    public String configType() {
        return origin.kind().reportName() + (sources.containsValue(SettingSource.CONSOLE) ? "+admin" : "");
    }

    /** For tests and debugging; secrets stay hidden, as {@link TrackingId} and {@link OwnEndpoint} hide them. */
    @Override
    public String toString() {
        return "ServiceConfig{consent=" + consent + ", " + Setting.ALL.stream().filter(Setting::hasSlot)
                .map(s -> s.key() + "=" + get(s)).collect(Collectors.joining(", ")) + ", origin=" + origin
                + ", sources=" + Setting.ALL.stream().filter(sources::containsKey).map(s -> s + "=" + sources.get(s))
                        .collect(Collectors.joining(", ", "{", "}")) + '}';
    }
}
