package org.systemmetrics.openfire.admin;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.systemmetrics.core.ServiceStatus;
import org.systemmetrics.core.ServiceStatusFixture;
import org.systemmetrics.core.cluster.NodeRole;
import org.systemmetrics.core.config.ConfigOrigin;
import org.systemmetrics.core.config.ConfigProblem;
import org.systemmetrics.core.config.ConfigValue;
import org.systemmetrics.core.config.ConsoleSettings;
import org.systemmetrics.core.config.ServiceConfig;
import org.systemmetrics.core.config.TestConfigs;
import org.systemmetrics.core.consent.ConsentDecision;
import org.systemmetrics.core.consent.ConsentPolicy;
import org.systemmetrics.core.delivery.DeliveryFailure;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.delivery.ValidationMessage;
import org.systemmetrics.core.identity.Erasure;
import org.systemmetrics.core.report.Event;
import org.systemmetrics.core.report.Report;
import org.systemmetrics.core.report.ReportJson;

/**
 * A stand-in for the running service. Settings go through the core's real binder and consent policy, so
 * sources and states behave as they will in Openfire; reports, outcomes and GA's answers are canned.
 * Request threads and the test thread both use it, hence the locking.
 */
final class FakeAdmin implements SystemMetricsAdmin {
    static final Instant NOW = Instant.parse("2025-03-14T09:26:53Z");
    static final String CLUSTER_ID = Outcomes.CLUSTER_ID;
    static final Path CONFIG_FILE = Paths.get("/opt/openfire/conf/system_metrics.yml");
    static final Path REPORT_FILE = Paths.get("/opt/openfire/logs/system_metrics_report.json");

    enum FileState { WITH_ENTRY, WITHOUT_ENTRY, UNREADABLE }

    private FileState fileState = FileState.WITH_ENTRY;
    private boolean shippedDefault;
    private Instant nextReportAt = NOW.plus(Duration.ofMinutes(42));
    private Instant sendingSince;
    private final Map<String, ConfigValue> fileEntry = new LinkedHashMap<>();
    private final Map<String, String> console = new HashMap<>();
    private boolean doNotTrack;
    private String clusterId = CLUSTER_ID;
    private NodeRole role = NodeRole.ALONE;
    private String seniorHost;
    private List<String> destinations = List.of("systemmetrics project (G-PROJECT01)");
    private String reportFileJson;
    private Report preview = Outcomes.sampleReport("2025-03-14T09:26:53Z", "openfire_version", "4.9.2");
    private List<DeliveryOutcome> sendOutcomes = List.of();
    private List<DeliveryOutcome> validation = List.of();
    private List<DeliveryOutcome> lastOutcomes = List.of();
    private Map<String, List<DeliveryOutcome>> history = Map.of();
    private RuntimeException failure;
    private RuntimeException databaseFailure;
    private final List<Map<String, String>> saves = new ArrayList<>();
    private final List<String> resets = new ArrayList<>();
    private int sendCount;
    private int validateCount;
    private int previewCount;
    private int factsReads;
    private Map<String, String> unseenFields = Map.of();
    private int newFieldConfirmations;

    FakeAdmin() {
        fileEntry.put("initial_report", ConfigValue.of(300_000L));
        fileEntry.put("periodic_report", ConfigValue.of(10_800_000L));
        reportFileJson = ReportJson.toPrettyJson(
                Outcomes.sampleReport("2025-03-14T06:26:53Z", "openfire_version", "4.9.2"));
    }

    // --- what a test arranges -------------------------------------------------------------------------

    /** Makes the service land in the given state the way it would in Openfire. */
    synchronized FakeAdmin inState(ConsentDecision.State state) {
        doNotTrack = false;
        fileState = FileState.WITH_ENTRY;
        fileEntry.remove("report");
        fileEntry.remove("no_report");
        fileEntry.remove("no-report");
        console.remove("report");
        switch (state) {
            case RUNNING:
                fileEntry.put("report", ConfigValue.of(true));
                break;
            case OFF_BY_NO_REPORT:
                fileEntry.put("no_report", ConfigValue.of(true));
                break;
            case NOT_CONFIGURED:
                fileState = FileState.WITHOUT_ENTRY;
                break;
            case OFF_BY_DO_NOT_TRACK:
                doNotTrack = true;
                break;
            case OFF_CONFIG_UNREADABLE:
                fileState = FileState.UNREADABLE;
                break;
            case OFF_OPT_OUT_UNCLEAR:
                fileEntry.put("no-report", ConfigValue.of(true));
                break;
            case RUNNING_WITH_NOTICE:
            default:
                break;
        }
        return this;
    }

    /** No file in conf/: the template shipped in the plugin applies, as ConfigLoader reads it. */
    synchronized FakeAdmin shippedDefault() {
        this.shippedDefault = true;
        return this;
    }

    /** When the next report is due while the service runs. */
    synchronized FakeAdmin nextReportAt(Instant at) {
        this.nextReportAt = at;
        return this;
    }

    /** A delivery under way since then: the report file is written, the history has no outcome yet. */
    /** The outcomes of the service's last delivery, as its status publishes them. */
    synchronized FakeAdmin lastOutcomes(List<DeliveryOutcome> outcomes) {
        this.lastOutcomes = List.copyOf(outcomes);
        return this;
    }

    synchronized FakeAdmin sendingSince(Instant since) {
        this.sendingSince = since;
        return this;
    }

    /** Fields a newer plugin version added that no administrator has confirmed yet: field to version. */
    synchronized FakeAdmin unseenFields(Map<String, String> fields) {
        this.unseenFields = new LinkedHashMap<>(fields);
        return this;
    }

    private Erasure.Result forgetResult = new Erasure.Result(Erasure.Outcome.NO_ENDPOINT, 0, Optional.of(NEW_CLUSTER_ID));
    private int forgetCount;

    static final String NEW_CLUSTER_ID = "7d0c2a9e-3b4f-4e8a-9c1d-5e6f7a8b9c0d";

    synchronized FakeAdmin forgetResult(Erasure.Result result) {
        forgetResult = result;
        return this;
    }

    synchronized int forgetCount() {
        return forgetCount;
    }

    @Override
    public synchronized Erasure.Result forget() {
        forgetCount++;
        if (failure != null) {
            throw failure;
        }
        return forgetResult;
    }

    synchronized int newFieldConfirmations() {
        return newFieldConfirmations;
    }

    public synchronized Map<String, String> unseenFields() {
        return unseenFields;
    }

    @Override
    public synchronized void confirmNewFields() {
        newFieldConfirmations++;
        unseenFields = Map.of();
    }

    synchronized FakeAdmin fileValue(String key, Object value) {
        fileEntry.put(key, ConfigValue.of(value));
        return this;
    }

    synchronized FakeAdmin fileTrackingIds(String... idSecretPairs) {
        List<ConfigValue> ids = new ArrayList<>();
        for (int i = 0; i < idSecretPairs.length; i += 2) {
            ids.add(ConfigValue.of(Map.of("id", ConfigValue.of(idSecretPairs[i]),
                    "secret", ConfigValue.of(idSecretPairs[i + 1]))));
        }
        fileEntry.put("tracking_id", ConfigValue.of(ids));
        return this;
    }

    synchronized FakeAdmin consoleValue(String key, String value) {
        console.put(key, value);
        return this;
    }

    synchronized FakeAdmin role(NodeRole nodeRole, String seniorHostName) {
        this.role = nodeRole;
        this.seniorHost = seniorHostName;
        return this;
    }

    public synchronized NodeRole nodeRole() {
        return role;
    }

    public synchronized Optional<String> seniorMemberHostName() {
        return Optional.ofNullable(seniorHost);
    }

    synchronized FakeAdmin clusterId(String id) {
        this.clusterId = id;
        return this;
    }

    synchronized FakeAdmin destinations(List<String> destinations) {
        this.destinations = List.copyOf(destinations);
        return this;
    }

    synchronized FakeAdmin reportFileJson(String json) {
        this.reportFileJson = json;
        return this;
    }

    synchronized FakeAdmin previewReport(Report report) {
        this.preview = report;
        return this;
    }

    synchronized FakeAdmin sendOutcomes(List<DeliveryOutcome> outcomes) {
        this.sendOutcomes = List.copyOf(outcomes);
        return this;
    }

    synchronized FakeAdmin validationMessages(List<DeliveryOutcome> checked) {
        this.validation = List.copyOf(checked);
        return this;
    }

    synchronized FakeAdmin history(Map<String, List<DeliveryOutcome>> history) {
        this.history = Map.copyOf(history);
        return this;
    }

    /** Every action (preview, send, validate, save) fails with this until cleared. */
    synchronized FakeAdmin failing(RuntimeException failure) {
        this.failure = failure;
        return this;
    }

    /** The database cannot be read (the cluster ID lives there) until cleared: what the page reads then fails. */
    synchronized FakeAdmin databaseUnreachable(RuntimeException failure) {
        this.databaseFailure = failure;
        return this;
    }

    // --- what a test checks ---------------------------------------------------------------------------

    synchronized List<Map<String, String>> saves() {
        return List.copyOf(saves);
    }

    synchronized List<String> resets() {
        return List.copyOf(resets);
    }

    synchronized Map<String, String> console() {
        return Map.copyOf(console);
    }

    synchronized int sendCount() {
        return sendCount;
    }

    synchronized int validateCount() {
        return validateCount;
    }

    synchronized int previewCount() {
        return previewCount;
    }

    /** How often the page read everything it shows (the database among it). */
    synchronized int factsReads() {
        return factsReads;
    }

    // --- the facade -----------------------------------------------------------------------------------

    @Override
    public synchronized PageFacts facts() {
        factsReads++;
        return new PageFacts(status(), clusterId(), nodeRole(), seniorMemberHostName(), destinations(), reportFile(),
                lastReportFileJson(), history(), unseenFields());
    }

    synchronized ServiceConfig config() {
        ConfigOrigin origin = shippedDefault ? ConfigOrigin.shippedDefault()
                : ConfigOrigin.file(ConfigOrigin.Kind.YAML, CONFIG_FILE);
        ConsoleSettings settings = ConsoleSettings.of(sealed(console));
        switch (fileState) {
            case WITHOUT_ENTRY:
                return TestConfigs.withoutEntry(origin, settings).config();
            case UNREADABLE:
                return TestConfigs.unreadable(ConfigProblem.error(CONFIG_FILE + ": line 3: bad indentation"), origin,
                        settings).config();
            case WITH_ENTRY:
            default:
                return TestConfigs.entry(fileEntry, origin, settings).config();
        }
    }

    /**
     * The console as PluginAdmin stores it: each secret bound to the address beside it (the console's URL, else the
     * default), unless a test stored a sealed (or deliberately mis-sealed) value itself.
     */
    private static Map<String, String> sealed(Map<String, String> console) {
        Map<String, String> out = new java.util.HashMap<>(console);
        String ga = console.getOrDefault("google_analytics_url",
                org.systemmetrics.core.config.ServiceConfig.DEFAULT_GOOGLE_ANALYTICS_URL.toString());
        seal(out, "tracking_secret", ga);
        seal(out, "report_endpoint_token", console.getOrDefault("report_endpoint", ""));
        return out;
    }

    private static void seal(Map<String, String> console, String key, String address) {
        String value = console.get(key);
        if (value != null && !value.isEmpty() && !value.startsWith("bound1:")) {
            console.put(key, org.systemmetrics.core.config.SecretBinding.seal(value, java.net.URI.create(address)));
        }
    }

    public synchronized ServiceStatus status() {
        ServiceConfig config = config();
        Map<String, String> env = doNotTrack ? Map.of(ConsentPolicy.DO_NOT_TRACK, "1") : Map.of();
        ConsentDecision decision = new ConsentPolicy(env, REPORT_FILE).decide(config,
                new org.systemmetrics.core.delivery.Recipients("the test", destinations.stream()
                        .map(org.systemmetrics.testing.NamedDestination::new).collect(java.util.stream.Collectors.toList())));
        Instant next = decision.runs() ? nextReportAt : null;
        return sendingSince == null ? ServiceStatusFixture.status(decision.state(), config, next, lastOutcomes)
                : ServiceStatusFixture.sending(decision.state(), config, next, sendingSince);
    }

    public synchronized Optional<String> clusterId() {
        if (databaseFailure != null) {
            throw databaseFailure;
        }
        return Optional.ofNullable(clusterId);
    }

    public synchronized List<String> destinations() {
        return destinations;
    }

    @Override
    public Path reportFile() {
        return REPORT_FILE;
    }

    @Override
    public synchronized Optional<String> lastReportFileJson() {
        return Optional.ofNullable(reportFileJson);
    }

    @Override
    public synchronized Report preview() {
        previewCount++;
        throwIfFailing();
        return preview;
    }

    @Override
    public synchronized List<DeliveryOutcome> sendNow() {
        sendCount++;
        throwIfFailing();
        return sendOutcomes;
    }

    @Override
    public synchronized List<DeliveryOutcome> validate() {
        validateCount++;
        throwIfFailing();
        return validation;
    }

    public synchronized Map<String, List<DeliveryOutcome>> history() {
        return history;
    }

    @Override
    public synchronized void save(Map<String, String> consoleValues) {
        throwIfFailing();
        saves.add(Map.copyOf(consoleValues));
        consoleValues.forEach((key, value) -> {
            if (value.isEmpty()) {
                console.remove(key);
            } else {
                console.put(key, value);
            }
        });
    }

    @Override
    public synchronized void resetToFile(String key) {
        throwIfFailing();
        resets.add(key);
        console.remove(key);
        // As PluginAdmin does: the secrets that go with the setting go with it.
        org.systemmetrics.core.config.Setting.byKey(key).flatMap(s -> s.secretOf()).ifPresent(secret -> console.remove(secret.key()));
    }

    private void throwIfFailing() {
        if (failure != null) {
            throw failure;
        }
    }
}
