package org.systemmetrics.realserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.systemmetrics.openfire.admin.PageTexts.html;
import static org.systemmetrics.openfire.admin.PageTexts.htmlPattern;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.opentest4j.TestAbortedException;
import org.systemmetrics.core.delivery.ga4.FakeGoogle;

/**
 * Two real Openfire 5.x nodes (listeners on 127.0.0.2 and 127.0.0.3) clustered with the Hazelcast plugin on
 * one PostgreSQL database (MariaDB in {@link ClusterOnMariaDbIT}), as an administrator sets them up: one cluster
 * ID created once, one sender per period, every node writing its own file, the next senior taking over without a lost or doubled report, and settings
 * saved on one node's admin console applying on both.
 *
 * <p>Needs an Openfire 5 tarball and {@code hazelcast-*.jar} in {@code -Dopenfire.distributions} and a database
 * login in the environment ({@link ClusterDatabase}); without them it is skipped with one line, or fails under
 * {@code -Dopenfire.require=true}. The nodes are killed and the database is dropped whatever happens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(QuoteOpenfireLogOnFailure.class)
class ClusterOnRealServerIT {
    /** How often the first start without a stored ID is raced: each round is a fresh chance to lose it. */
    static final int ROUNDS = 3;
    static final Duration INITIAL = Duration.ofSeconds(5);
    static final Duration PERIOD = Duration.ofSeconds(20);
    /** The ledger's slack (a tenth of the period), plus how much longer one delivery may take than another. */
    static final Duration TOLERANCE = PERIOD.dividedBy(10).plusSeconds(3);
    static final Duration FORMING = Duration.ofSeconds(120);
    static final Duration REPORT_WAIT = Duration.ofSeconds(90);
    static final String MEASUREMENT_ID = "G-CLUSTER01";
    static final String CLUSTER_ID = "systemmetrics.cluster_id";
    private static final Pattern DELIVERED = Pattern.compile(
            "(?m)^(\\d{4}\\.\\d\\d\\.\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*System metrics: report delivered to GA4 property");
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy.MM.dd HH:mm:ss.SSS");

    private ClusterDatabase database;
    private final Map<RealOpenfire.Port, Integer> sharedPorts = new java.util.EnumMap<>(RealOpenfire.Port.class);
    private FakeGoogle googleA;
    private FakeGoogle googleB;
    private RealOpenfire nodeA;
    private RealOpenfire nodeB;
    private RealOpenfire.LogMark markA;
    private RealOpenfire.LogMark markB;
    /** The checks after the first need the cluster the first one started. */
    private boolean clusterRunning;

    /** A node stopped by a check is no longer running when the check fails; keep its log all the same. */
    @RegisterExtension
    final TestWatcher keepHomesOfFailedChecks = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            for (RealOpenfire node : new RealOpenfire[] {nodeA, nodeB}) {
                if (node != null) {
                    node.keepHome();
                }
            }
        }
    };

    @BeforeAll
    void setUpTheCluster() throws Exception {
        OpenfireDistribution distribution = OpenfireDistribution.found().stream()
                .filter(d -> !d.version().startsWith("4.")).reduce((older, newer) -> newer)
                .orElseThrow(() -> skip("no Openfire 5 distribution (the Hazelcast plugin needs 5.0 or later)"));
        Path hazelcast = hazelcastJar().orElseThrow(() -> skip("no hazelcast-*.jar next to the Openfire tarballs"));
        if (!ClusterDatabase.missing(kind()).isEmpty()) {
            throw skip(ClusterDatabase.missing(kind()));
        }
        database = ClusterDatabase.create(kind()).orElseThrow();
        googleA = FakeGoogle.http();
        googleB = FakeGoogle.http();
        // Every port of both nodes chosen at once: Hazelcast listens on all addresses, so a port chosen later on one
        // node's address could be the other node's Hazelcast port (seen once: the cluster never formed).
        Iterator<Integer> ports = freePortsOnEveryAddress(RealOpenfire.Port.values().length + 4).iterator();
        int hazelcastA = ports.next();
        int hazelcastB = ports.next();
        // Listener ports are database properties, so both nodes use the same ones, each on its own address; only
        // the admin console's are per node (openfire.xml).
        for (RealOpenfire.Port port : RealOpenfire.Port.values()) {
            if (port != RealOpenfire.Port.ADMIN_CONSOLE && port != RealOpenfire.Port.ADMIN_CONSOLE_TLS) {
                sharedPorts.put(port, ports.next());
            }
        }
        // One node at a time the first time: the first creates Openfire's schema, which two at once would race for.
        nodeA = node(distribution, hazelcast, "cluster-a", "127.0.0.2", hazelcastA, hazelcastA, hazelcastB, googleA)
                .port(RealOpenfire.Port.ADMIN_CONSOLE, ports.next())
                .port(RealOpenfire.Port.ADMIN_CONSOLE_TLS, ports.next()).start();
        nodeA.stopGracefully();
        nodeB = node(distribution, hazelcast, "cluster-b", "127.0.0.3", hazelcastB, hazelcastA, hazelcastB, googleB)
                .port(RealOpenfire.Port.ADMIN_CONSOLE, ports.next())
                .port(RealOpenfire.Port.ADMIN_CONSOLE_TLS, ports.next()).start();
        nodeB.stopGracefully();
    }

    @AfterAll
    void tearDown() throws Exception {
        for (AutoCloseable resource : new AutoCloseable[] {nodeA, nodeB, googleA, googleB, database}) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception e) {
                    System.err.println("Cluster test clean-up: could not close " + resource + ": " + e);
                }
            }
        }
    }

    /** The database server the two nodes share; {@link ClusterOnMariaDbIT} runs the same checks on MariaDB. */
    ClusterDatabase.Kind kind() {
        return ClusterDatabase.Kind.POSTGRESQL;
    }

    private TestAbortedException skip(String why) {
        String line = "Real-cluster test on " + kind() + ": " + why + ".";
        if (Boolean.getBoolean(OpenfireDistribution.REQUIRE_PROPERTY)) {
            throw new IllegalStateException(line + " -D" + OpenfireDistribution.REQUIRE_PROPERTY + "=true makes this a failure.");
        }
        System.out.println(line + " Skipped.");
        return new TestAbortedException(line);
    }

    private static Optional<Path> hazelcastJar() throws IOException {
        String folder = System.getProperty(OpenfireDistribution.FOLDER_PROPERTY, "");
        if (folder.isBlank() || !Files.isDirectory(Paths.get(folder))) {
            return Optional.empty();
        }
        Optional<Path> found;
        try (Stream<Path> files = Files.list(Paths.get(folder))) {
            found = files.filter(f -> f.getFileName().toString().matches("hazelcast-.*\\.jar")).sorted().findFirst();
        }
        if (found.isEmpty()) {
            return found;
        }
        // Openfire finds its clustering plugin by the canonical name "hazelcast", i.e. the jar's file name.
        Path work = Paths.get(System.getProperty("realserver.dir", "target/realserver")).toAbsolutePath();
        Path named = work.resolve("hazelcast-plugin").resolve("hazelcast.jar");
        Files.createDirectories(named.getParent());
        Files.copy(found.get(), named, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return Optional.of(named);
    }

    /** Held open until all are chosen, so no two are the same. */
    private static List<Integer> freePortsOnEveryAddress(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                ports.add(socket.getLocalPort());
            }
            return ports;
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    private RealOpenfire.Builder node(OpenfireDistribution distribution, Path hazelcast, String name, String address,
            int ownPort, int portA, int portB, FakeGoogle google) {
        RealOpenfire.Builder builder = RealOpenfire.builder(distribution, name);
        sharedPorts.forEach(builder::port);
        return builder
                .networkInterface(address)
                .domain("cluster.test")
                .fqdn(name + ".cluster.test")
                .plugin(hazelcast)
                .xmlProperty("clustering.enabled", "true")
                .xmlProperty("connectionProvider.className", "org.jivesoftware.database.DefaultConnectionProvider")
                .xmlProperty("autosetup.database.mode", "standard")
                .xmlProperty("autosetup.database.defaultProvider.driver", kind().driver())
                .xmlProperty("autosetup.database.defaultProvider.serverURL", database.jdbcUrl())
                .xmlProperty("autosetup.database.defaultProvider.username", database.user())
                .xmlProperty("autosetup.database.defaultProvider.password", database.password())
                .xmlProperty("autosetup.database.defaultProvider.minConnections", "2")
                .xmlProperty("autosetup.database.defaultProvider.maxConnections", "10")
                .xmlProperty("autosetup.database.defaultProvider.connectionTimeout", "1.0")
                .confFile("hazelcast-local-config.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<hazelcast xmlns=\"http://www.hazelcast.com/schema/config\"><network>"
                        + "<port auto-increment=\"false\">" + ownPort + "</port><join><multicast enabled=\"false\"/>"
                        + "<tcp-ip enabled=\"true\"><member>127.0.0.1:" + portA + "</member><member>127.0.0.1:" + portB
                        + "</member></tcp-ip></join></network></hazelcast>\n")
                // Quiet while Openfire sets itself up; each round switches reporting on.
                .confFile("system_metrics.yml", "services:\n  service_mongoose_system_metrics:\n    no_report: true\n");
    }

    private static String reportingYaml(FakeGoogle google) {
        return "services:\n  service_mongoose_system_metrics:\n    report: true\n"
                + "    initial_report: " + INITIAL.toMillis() + "\n"
                + "    periodic_report: " + PERIOD.toMillis() + "\n"
                + "    tracking_id: {id: " + MEASUREMENT_ID + ", secret: cluster-api-secret}\n"
                + "    google_analytics_url: \"" + google.collectUrl() + "\"\n";
    }

    // ---- the checks ------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void nodesStartingTogetherWithNoStoredIdCreateOneIdAndOnlyOneSends() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            int sentByABefore = googleA.requests().size();
            int sentByBBefore = googleB.requests().size();
            startBothAtOnce();
            awaitClusterFormed();

            ReportFile fileA = ReportFile.await(nodeA, r -> nodeCount(r) == 2, REPORT_WAIT);
            ReportFile fileB = ReportFile.await(nodeB, r -> nodeCount(r) == 2, REPORT_WAIT);
            Map<String, String> stored = database.pluginProperties();
            assertThat(stored).as("round %d: the cluster ID in the database", round).containsKey(CLUSTER_ID);
            String id = stored.get(CLUSTER_ID);
            assertThat(fileA.clientId()).as("round %d: node A's client_id", round).isEqualTo(id);
            assertThat(fileB.clientId()).as("round %d: node B's client_id", round).isEqualTo(id);
            assertThat(fileA.only("cluster").get("database").getAsString()).isEqualTo(kind().reportedAs());

            awaitFirstDelivery();
            assertThat(deliveries(nodeA).isEmpty() || deliveries(nodeB).isEmpty())
                    .as("round %d: only one node sends (A sent at %s, B at %s)", round, deliveries(nodeA), deliveries(nodeB))
                    .isTrue();
            List<String> sentIds = Stream.concat(googleA.requests().stream().skip(sentByABefore),
                    googleB.requests().stream().skip(sentByBBefore))
                    .map(r -> r.json().get("client_id").getAsString()).collect(Collectors.toList());
            assertThat(sentIds).as("round %d: client_id of every request sent", round).isNotEmpty().containsOnly(id);
            assertQuietLogs(round);
        }
        // The last round runs on: one whole period more shows that the sends stay one per period.
        awaitDeliveries(2, PERIOD.plus(TOLERANCE).plusSeconds(10));
        assertOnePerPeriod(allDeliveries());
        clusterRunning = true;
    }

    @Test
    @Order(2)
    void settingsSavedInOneNodesAdminConsoleApplyOnBothNodes() throws Exception {
        Assumptions.assumeTrue(clusterRunning, "the cluster of the first check is not running");
        ReportFile lastA = ReportFile.read(nodeA).orElseThrow();
        ReportFile lastB = ReportFile.read(nodeB).orElseThrow();

        AdminConsoleSession.login(nodeA).saveSettings(Map.of("initial_report", "1", "initial_report_unit", "min"));

        // config_type says where the settings came from; "+admin" once a console value is in force.
        for (RealOpenfire node : List.of(nodeA, nodeB)) {
            ReportFile last = node == nodeA ? lastA : lastB;
            ReportFile next = ReportFile.await(node, r -> r.generatedAt().isAfter(last.generatedAt())
                    && "yaml+admin".equals(r.only("cluster").get("config_type").getAsString()), PERIOD.plus(REPORT_WAIT));
            assertThat(next.clientId()).isEqualTo(lastA.clientId());
        }
        assertThat(database.pluginProperties()).containsEntry("systemmetrics.initial_report", "60000");
    }

    @Test
    @Order(3)
    void eachNodesAdminPageShowsItsRoleAndSendNowOnTheOtherNodeOnlyWritesItsFile() throws Exception {
        Assumptions.assumeTrue(clusterRunning, "the cluster of the first check is not running");
        RealOpenfire senior = deliveries(nodeA).isEmpty() ? nodeB : nodeA;
        RealOpenfire other = senior == nodeA ? nodeB : nodeA;
        FakeGoogle othersGoogle = other == nodeA ? googleA : googleB;

        assertThat(AdminConsoleSession.login(senior).pluginPage()).contains(html("status.role.senior"));
        AdminConsoleSession otherConsole = AdminConsoleSession.login(other);
        // Openfire names a member by its host name and address, e.g. "cluster-b.cluster.test (127.0.0.1)".
        String seniorName = Pattern.quote(senior == nodeA ? "cluster-a.cluster.test" : "cluster-b.cluster.test") + "[^<]*";
        assertThat(otherConsole.pluginPage()).containsPattern(htmlPattern("status.role.member", seniorName));

        int sentBefore = othersGoogle.requests().size();
        ReportFile before = ReportFile.read(other).orElseThrow();
        String answer = otherConsole.sendNow();

        assertThat(answer).containsPattern(htmlPattern("actions.send.member", seniorName));
        assertThat(ReportFile.read(other).orElseThrow().generatedAt()).isAfter(before.generatedAt());
        assertThat(othersGoogle.requests()).hasSize(sentBefore);
    }

    @Test
    @Order(4)
    void whenTheSeniorLeavesTheOtherNodeSendsInItsPlaceNeitherTwiceNorLate() throws Exception {
        Assumptions.assumeTrue(clusterRunning, "the cluster of the first check is not running");
        List<LocalDateTime> fromA = deliveries(nodeA);
        List<LocalDateTime> fromB = deliveries(nodeB);
        assertThat(fromA.isEmpty() != fromB.isEmpty()).as("exactly one node has been sending: A %s, B %s", fromA, fromB)
                .isTrue();
        RealOpenfire senior = fromA.isEmpty() ? nodeB : nodeA;
        RealOpenfire other = senior == nodeA ? nodeB : nodeA;
        RealOpenfire.LogMark otherMark = other.logMark();

        senior.stopGracefully();
        LocalDateTime seniorsLast = Collections.max(deliveries(senior));
        other.awaitLog(otherMark, DELIVERED.pattern(), PERIOD.multipliedBy(2).plus(TOLERANCE).plusSeconds(10));

        LocalDateTime othersFirst = deliveriesSince(other, otherMark).get(0);
        Duration gap = Duration.between(seniorsLast, othersFirst);
        assertThat(gap).as("from the old senior's last send to the new senior's first")
                .isGreaterThanOrEqualTo(PERIOD.minus(TOLERANCE))
                .isLessThanOrEqualTo(PERIOD.multipliedBy(2).plus(TOLERANCE));
        assertThat(ReportFile.await(other, r -> nodeCount(r) == 1, REPORT_WAIT).clientId())
                .isEqualTo(database.pluginProperties().get(CLUSTER_ID));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private void startBothAtOnce() throws Exception {
        ExecutorService starters = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> stops = List.of(starters.submit(nodeA::stopGracefully), starters.submit(nodeB::stopGracefully));
            for (Future<?> stop : stops) {
                stop.get(2, TimeUnit.MINUTES);
            }
            database.forgetPluginProperties();
            for (RealOpenfire node : List.of(nodeA, nodeB)) {
                Files.deleteIfExists(node.logsDirectory().resolve(ReportFile.NAME));
                Files.writeString(node.confDirectory().resolve("system_metrics.yml"),
                        reportingYaml(node == nodeA ? googleA : googleB));
            }
            markA = nodeA.logMark();
            markB = nodeB.logMark();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> starts = new ArrayList<>();
            for (RealOpenfire node : List.of(nodeA, nodeB)) {
                starts.add(starters.submit(() -> {
                    go.await();
                    node.restart();
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> start : starts) {
                start.get(4, TimeUnit.MINUTES);
            }
        } finally {
            starters.shutdownNow();
        }
    }

    private void awaitClusterFormed() {
        try {
            nodeA.awaitLog(markA, "Members \\{size:2", FORMING);
            nodeB.awaitLog(markB, "Members \\{size:2", FORMING);
        } catch (AssertionError e) {
            throw new AssertionError("The two nodes did not form a cluster within " + FORMING.toSeconds() + " s: " + e.getMessage(), e);
        }
    }

    private void awaitFirstDelivery() {
        awaitDeliveries(1, REPORT_WAIT);
    }

    private void awaitDeliveries(int count, Duration timeout) {
        Poll.until(count + " report(s) sent by the cluster", timeout, this::allDeliveries, sent -> sent.size() >= count);
    }

    private List<LocalDateTime> deliveries(RealOpenfire node) {
        return deliveriesSince(node, node == nodeA ? markA : markB);
    }

    private static List<LocalDateTime> deliveriesSince(RealOpenfire node, RealOpenfire.LogMark mark) {
        return DELIVERED.matcher(node.logSince(mark)).results().map(sent -> LocalDateTime.parse(sent.group(1), LOG_TIME))
                .collect(Collectors.toList());
    }

    private List<LocalDateTime> allDeliveries() {
        List<LocalDateTime> all = new ArrayList<>(deliveries(nodeA));
        all.addAll(deliveries(nodeB));
        Collections.sort(all);
        return all;
    }

    private static void assertOnePerPeriod(List<LocalDateTime> sends) {
        for (int i = 1; i < sends.size(); i++) {
            assertThat(Duration.between(sends.get(i - 1), sends.get(i)))
                    .as("time between two sends of the cluster (all sends: %s)", sends)
                    .isGreaterThanOrEqualTo(PERIOD.minus(TOLERANCE));
        }
    }

    /**
     * Neither Openfire's duplicate-key error for one of our properties nor any error of ours. (Two nodes starting
     * together on one database make Openfire itself log duplicate keys for its own cache properties; not ours.)
     */
    private void assertQuietLogs(int round) {
        for (RealOpenfire node : List.of(nodeA, nodeB)) {
            String log = node.logSince(node == nodeA ? markA : markB);
            assertThat(log).as("round %d: openfire.log of %s", round, node).doesNotContain("(name)=(systemmetrics.");
            assertThat(log.lines().filter(line -> line.contains("ERROR")
                    && (line.contains("systemmetrics") || line.contains("org.systemmetrics"))))
                    .as("round %d: errors of ours in %s", round, node).isEmpty();
        }
    }

    private static int nodeCount(ReportFile report) {
        return report.only("cluster").get("node_count").getAsInt();
    }
}
