package org.systemmetrics.core.config;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.systemmetrics.core.report.ReportCategory;

/** The effective, checked settings of the service, each with where it came from. Immutable. */
public final class ServiceConfig {
    public static final Duration DEFAULT_INITIAL_REPORT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_PERIODIC_REPORT = Duration.ofHours(3);
    public static final URI DEFAULT_GOOGLE_ANALYTICS_URL = URI.create("https://www.google-analytics.com/mp/collect");
    /** Google's endpoint that collects in the European Union; where the data is stored is the property's setting. */
    public static final URI EU_GOOGLE_ANALYTICS_URL = URI.create("https://region1.google-analytics.com/mp/collect");
    /** Google's own Measurement Protocol hosts (https, port 443). */
    private static final Set<String> GOOGLE_HOSTS = Set.of("www.google-analytics.com",
            "region1.google-analytics.com");

    /** Whether the URL is one of Google's own Measurement Protocol hosts: https on port 443. */
    public static boolean isGoogleMeasurementProtocol(URI endpoint) {
        String host = endpoint.getHost() == null ? "" : endpoint.getHost().toLowerCase(Locale.ROOT);
        return "https".equalsIgnoreCase(endpoint.getScheme()) && GOOGLE_HOSTS.contains(host)
                && (endpoint.getPort() == -1 || endpoint.getPort() == 443);
    }

    private final Consent consent;
    private final Duration initialReport;
    private final Duration periodicReport;
    private final List<TrackingId> trackingIds;
    private final URI googleAnalyticsUrl;
    private final ConfigOrigin origin;
    private final Map<String, SettingSource> sources;
    private final Optional<OwnEndpoint> reportEndpoint;
    private final Set<ReportCategory> categories;
    private final Consent fileConsent;

    ServiceConfig(Consent consent, Duration initialReport, Duration periodicReport, List<TrackingId> trackingIds,
            URI googleAnalyticsUrl, ConfigOrigin origin, Map<String, SettingSource> sources) {
        this(consent, initialReport, periodicReport, trackingIds, googleAnalyticsUrl, origin, sources, Optional.empty(),
                ReportCategory.all());
    }

    ServiceConfig(Consent consent, Duration initialReport, Duration periodicReport, List<TrackingId> trackingIds,
            URI googleAnalyticsUrl, ConfigOrigin origin, Map<String, SettingSource> sources,
            Optional<OwnEndpoint> reportEndpoint, Set<ReportCategory> categories) {
        this(consent, initialReport, periodicReport, trackingIds, googleAnalyticsUrl, origin, sources, reportEndpoint,
                categories, consent);
    }

    ServiceConfig(Consent consent, Duration initialReport, Duration periodicReport, List<TrackingId> trackingIds,
            URI googleAnalyticsUrl, ConfigOrigin origin, Map<String, SettingSource> sources,
            Optional<OwnEndpoint> reportEndpoint, Set<ReportCategory> categories, Consent fileConsent) {
        this.fileConsent = Objects.requireNonNull(fileConsent, "fileConsent");
        this.consent = Objects.requireNonNull(consent, "consent");
        this.initialReport = Objects.requireNonNull(initialReport, "initialReport");
        this.periodicReport = Objects.requireNonNull(periodicReport, "periodicReport");
        this.trackingIds = List.copyOf(trackingIds);
        this.googleAnalyticsUrl = Objects.requireNonNull(googleAnalyticsUrl, "googleAnalyticsUrl");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.sources = Map.copyOf(sources);
        this.reportEndpoint = Objects.requireNonNull(reportEndpoint, "reportEndpoint");
        this.categories = Set.copyOf(categories);
    }

    /** The configuration used when no file exists: the entry present, default timers, no private property. */
    public static ServiceConfig defaults() {
        return new ServiceConfig(Consent.ON_WITH_NOTICE, DEFAULT_INITIAL_REPORT, DEFAULT_PERIODIC_REPORT, List.of(),
                DEFAULT_GOOGLE_ANALYTICS_URL, ConfigOrigin.shippedDefault(), Map.of());
    }

    public Consent consent() {
        return consent;
    }

    /** What the configuration file alone says about reporting, before the admin console's choice is laid over it. */
    public Consent fileConsent() {
        return fileConsent;
    }

    /**
     * True when <em>Send reports</em> in the admin console switches on reporting that the file switches off
     * ({@code no_report}), or whose opt-out cannot be read: the console wins, and the administrator is told so,
     * since the file may be kept by a configuration tool.
     */
    public boolean consoleOverridesFileOptOut() {
        return consent == Consent.ON && sourceOf(ConsoleSettings.REPORT) == SettingSource.CONSOLE
                && (fileConsent == Consent.OFF || fileConsent == Consent.OPT_OUT_UNCLEAR
                        || fileConsent == Consent.CONFIG_UNREADABLE);
    }

    public Duration initialReport() {
        return initialReport;
    }

    public Duration periodicReport() {
        return periodicReport;
    }

    /** The administrator's own GA4 properties; empty when none is configured. */
    public List<TrackingId> trackingIds() {
        return trackingIds;
    }

    public URI googleAnalyticsUrl() {
        return googleAnalyticsUrl;
    }

    /** The administrator's own collector, if one is configured; independent of any GA4 property. */
    public Optional<OwnEndpoint> reportEndpoint() {
        return reportEndpoint;
    }

    /** What is collected and sent beyond the {@code cluster} and {@code node} events; all of them unless the administrator chose. */
    public Set<ReportCategory> categories() {
        return categories;
    }

    public boolean reports(ReportCategory category) {
        return categories.contains(category);
    }

    public ConfigOrigin origin() {
        return origin;
    }

    /** Where the effective value of a key ({@link ConsoleSettings} key names) came from. */
    public SettingSource sourceOf(String key) {
        return sources.getOrDefault(key, SettingSource.DEFAULT);
    }

    public boolean hasConsoleOverrides() {
        return sources.containsValue(SettingSource.CONSOLE);
    }

    /** The report's {@code config_type}: the file syntax, plus {@code +admin} when console settings override it. */
    public String configType() {
        return origin.kind().reportName() + (hasConsoleOverrides() ? "+admin" : "");
    }

    Map<String, SettingSource> sources() {
        Map<String, SettingSource> ordered = new LinkedHashMap<>();
        for (Setting setting : Setting.console()) {
            if (setting.resettable()) {
                ordered.put(setting.key(), sourceOf(setting.key()));
            }
        }
        return ordered;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ServiceConfig)) {
            return false;
        }
        ServiceConfig other = (ServiceConfig) o;
        return consent == other.consent && initialReport.equals(other.initialReport)
                && periodicReport.equals(other.periodicReport) && trackingIds.equals(other.trackingIds)
                && googleAnalyticsUrl.equals(other.googleAnalyticsUrl) && origin.equals(other.origin)
                && sources.equals(other.sources) && reportEndpoint.equals(other.reportEndpoint)
                && categories.equals(other.categories) && fileConsent == other.fileConsent;
    }

    @Override
    public int hashCode() {
        return Objects.hash(consent, initialReport, periodicReport, trackingIds, googleAnalyticsUrl, origin, sources,
                reportEndpoint, categories, fileConsent);
    }

    @Override
    public String toString() {
        return "ServiceConfig{consent=" + consent + ", initial_report=" + initialReport.toMillis() + " ms, periodic_report="
                + periodicReport.toMillis() + " ms, tracking_id=" + trackingIds + ", google_analytics_url="
                + googleAnalyticsUrl + ", report_endpoint=" + reportEndpoint.map(String::valueOf).orElse("none")
                + ", categories=[" + ReportCategory.namesOf(categories) + "], origin=" + origin + ", sources=" + sources()
                + '}';
    }
}
