package org.systemmetrics.openfire.seam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.TestAbortedException;
import org.systemmetrics.core.cluster.SendLedger;
import org.systemmetrics.realserver.ClusterDatabase;
import org.systemmetrics.realserver.OpenfireDistribution;

/**
 * The SQL of the cluster ID and of the one-sender ledger on real database servers, each with {@code ofProperty}
 * made by Openfire's own schema script from the distribution ({@code propValue} is {@code TEXT} on MariaDB, where
 * comparing it is unreliable): two nodes racing for one period get one winner, an encrypted row does not stop the
 * ledger, the cluster ID is created once, and the database's clock is read as the same instant on every server.
 *
 * <p>HSQLDB (Openfire's embedded database) always runs; PostgreSQL and MariaDB run when {@code .ci/run} provides
 * them ({@code .ci/postgres.sh}, {@code .ci/mariadb.sh}) and are skipped otherwise, or fail under
 * {@code -Dopenfire.require=true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerOnRealDatabasesIT {
    private static final Duration PERIOD = Duration.ofHours(3);
    private static final String BASE = "systemmetrics.last_sent_at";
    private static final String CLUSTER_ID = "systemmetrics.cluster_id";

    /** One database server under test, with Openfire's schema loaded. */
    private static final class Server implements AutoCloseable {
        final String name;
        final ConnectionFactory connections;
        final AutoCloseable drop;

        Server(String name, ConnectionFactory connections, AutoCloseable drop) {
            this.name = name;
            this.connections = connections;
            this.drop = drop;
        }

        @Override
        public void close() throws Exception {
            drop.close();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    private final List<Server> servers = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private OpenfireDistribution distribution;

    @BeforeAll
    void servers() throws Exception {
        distribution = OpenfireDistribution.found().stream().reduce((older, newer) -> newer).orElse(null);
        if (distribution == null) {
            return;
        }
        String hsqldb = "jdbc:hsqldb:mem:ledger" + UUID.randomUUID().toString().replace("-", "");
        servers.add(withSchema(new Server("HSQLDB", () -> DriverManager.getConnection(hsqldb, "SA", ""), () -> {
            try (Connection c = DriverManager.getConnection(hsqldb, "SA", ""); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }), "hsqldb"));
        for (ClusterDatabase.Kind kind : ClusterDatabase.Kind.values()) {
            Optional<ClusterDatabase> db = ClusterDatabase.create(kind);
            if (db.isEmpty()) {
                skipped.add(ClusterDatabase.missing(kind));
                continue;
            }
            servers.add(withSchema(new Server(kind.toString(), db.get()::connect, db.get()), kind.openfireSchema()));
        }
    }

    @AfterAll
    void drop() {
        for (Server server : servers) {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("Real-database test clean-up: could not drop " + server + ": " + e);
            }
        }
    }

    /** Runs Openfire's schema script the way Openfire does: comment lines out, one statement per semicolon. */
    private Server withSchema(Server server, String database) throws SQLException {
        String script = distribution.schemaScript(database).lines()
                .filter(line -> !line.trim().startsWith("--") && !line.trim().startsWith("#")
                        && !line.trim().startsWith("//"))
                .collect(Collectors.joining("\n"));
        try (Connection c = server.connections.open(); Statement s = c.createStatement()) {
            for (String statement : script.split(";")) {
                if (statement.isBlank() || statement.trim().startsWith("SET FILES")) {
                    continue; // HSQLDB's file settings do not apply to an in-memory database
                }
                s.execute(statement.trim());
            }
        }
        return server;
    }

    Stream<String> databases() {
        return Stream.of("HSQLDB", "PostgreSQL", "MariaDB");
    }

    private Server server(String name) {
        if (distribution == null) {
            throw new TestAbortedException("no Openfire distribution, so no schema script");
        }
        for (Server server : servers) {
            if (server.name.equals(name)) {
                return server;
            }
        }
        String why = "Real-database test: " + skipped.stream().filter(s -> s.contains(name)).findFirst().orElse(name);
        if (Boolean.getBoolean("openfire.require")) {
            throw new IllegalStateException(why + ". -Dopenfire.require=true makes this a failure.");
        }
        throw new TestAbortedException(why);
    }

    /** One cluster node's view of the database: the seam's SQL on its own connections. */
    private static PropertyTableStore node(Server server) {
        // No Openfire here to decrypt: an encrypted row is unreadable.
        return new PropertyTableStore(server.connections::open, mock(OpenfireServer.class));
    }

    private static void clear(Server server) throws SQLException {
        try (Connection c = server.connections.open(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM ofProperty WHERE name LIKE 'systemmetrics.%'");
        }
    }

    private static void insertRow(Server server, String name, String value, int encrypted) throws SQLException {
        try (Connection c = server.connections.open();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO ofProperty (name, propValue, encrypted) VALUES (?, ?, ?)")) {
            s.setString(1, name);
            s.setString(2, value);
            s.setInt(3, encrypted);
            s.executeUpdate();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void twoNodesRacingForTheSamePeriodOverAndOverGetExactlyOneWinnerEachTime(String database) throws Exception {
        Server server = server(database);
        clear(server);
        SendLedger a = new SendLedger(node(server), BASE);
        SendLedger b = new SendLedger(node(server), BASE);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= 20; round++) {
                // Each round is a new period: the previous send is moved a period back, as the database's clock would.
                if (round > 1) {
                    backdateNewest(server, PERIOD);
                }
                CountDownLatch go = new CountDownLatch(1);
                Instant now = Instant.now();
                Future<Boolean> first = nodes.submit(() -> {
                    go.await();
                    return a.claim(now, PERIOD).isEmpty();
                });
                Future<Boolean> second = nodes.submit(() -> {
                    go.await();
                    return b.claim(now, PERIOD).isEmpty();
                });
                go.countDown();
                assertThat(List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS)))
                        .as("%s, round %d: who may send", database, round).containsExactlyInAnyOrder(true, false);
                // The generation the winner replaced stays, so that a racing scan never finds the ledger empty.
                assertThat(node(server).entries(BASE)).as("%s, round %d", database, round)
                        .containsOnlyKeys(round == 1 ? List.of(BASE + ".1")
                                : List.of(BASE + "." + (round - 1), BASE + "." + round));
            }
        } finally {
            nodes.shutdownNow();
        }
    }

    private static void backdateNewest(Server server, Duration by) throws SQLException {
        Map<String, Optional<String>> rows = node(server).entries(BASE);
        for (Map.Entry<String, Optional<String>> row : rows.entrySet()) {
            long at = Long.parseLong(row.getValue().orElseThrow());
            try (Connection c = server.connections.open();
                    PreparedStatement s = c.prepareStatement("UPDATE ofProperty SET propValue = ? WHERE name = ?")) {
                s.setString(1, Long.toString(at - by.toMillis()));
                s.setString(2, row.getKey());
                s.executeUpdate();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSecondClaimWithinThePeriodIsRefusedAndNoStatementComparesTheStoredText(String database) throws Exception {
        Server server = server(database);
        clear(server);
        SendLedger ledger = new SendLedger(node(server), BASE);

        assertThat(ledger.claim(Instant.now(), PERIOD)).isEmpty();
        Optional<Instant> again = ledger.claim(Instant.now(), PERIOD);
        assertThat(again).isPresent();
        assertThat(again).hasValueSatisfying(until -> assertThat(until)
                .isBetween(Instant.now().plus(PERIOD).minusSeconds(60), Instant.now().plus(PERIOD).plusSeconds(60)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anEncryptedLedgerRowDoesNotStopTheLedger(String database) throws Exception {
        Server server = server(database);
        clear(server);
        // An administrator encrypted the property on Openfire's System Properties page: ciphertext, encrypted = 1.
        insertRow(server, BASE + ".7", "q8Zr0vYt3dJm4Vx1Lw9K2g==", 1);
        insertRow(server, BASE, "u3Xk9Lq2Pz8Wm1Rt5Yv7Bn==", 1);

        assertThat(new SendLedger(node(server), BASE).claim(Instant.now(), PERIOD)).isEmpty();
        assertThat(node(server).entries(BASE)).containsOnlyKeys(BASE + ".7", BASE + ".8");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theClusterIdIsInsertedOnceWhenNodesRaceAndAnInvalidOneIsReplacedOnce(String database) throws Exception {
        Server server = server(database);
        clear(server);
        PropertyTableStore a = node(server);
        PropertyTableStore b = node(server);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<Boolean> first = nodes.submit(() -> {
                go.await();
                return a.compareAndSet(CLUSTER_ID, Optional.empty(), "11111111-1111-4111-8111-111111111111");
            });
            Future<Boolean> second = nodes.submit(() -> {
                go.await();
                return b.compareAndSet(CLUSTER_ID, Optional.empty(), "22222222-2222-4222-8222-222222222222");
            });
            go.countDown();
            assertThat(List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder(true, false);
        } finally {
            nodes.shutdownNow();
        }
        String winner = a.get(CLUSTER_ID).orElseThrow();
        assertThat(b.get(CLUSTER_ID)).contains(winner);

        // Replacing a value compares it in Java, never in SQL (propValue may be TEXT/NTEXT).
        assertThat(a.compareAndSet(CLUSTER_ID, Optional.of("not-the-stored-one"), "x")).isFalse();
        assertThat(a.compareAndSet(CLUSTER_ID, Optional.of(winner), "33333333-3333-4333-8333-333333333333")).isTrue();
        assertThat(b.get(CLUSTER_ID)).contains("33333333-3333-4333-8333-333333333333");
    }

    /**
     * Two nodes replace the same stored value at the same moment (after a full-cluster restart both read the old
     * "announced" version and replace it): exactly one may win, whatever the interleaving. Node B stops before its
     * k-th statement while node A replaces the value on its own connection; A either finishes there (it ran wholly
     * inside B's steps) or waits for a lock B holds, and then B goes on. The wait only chooses which interleaving is
     * tried; the verdict is the same for every one.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void twoNodesReplacingTheSameValueAtOnceGetExactlyOneWinnerWhereverTheirStatementsInterleave(String database)
            throws Exception {
        Server server = server(database);
        String name = "systemmetrics.fields_announced";
        for (int stopBefore = 1; stopBefore <= 3; stopBefore++) {
            clear(server);
            insertRow(server, name, "1.0.0", 0);
            ExecutorService nodeA = Executors.newSingleThreadExecutor();
            try {
                List<Future<Boolean>> a = new ArrayList<>();
                PropertyTableStore b = nodeStoppingBefore(server, stopBefore, () -> {
                    Future<Boolean> replaced = nodeA.submit(
                            () -> node(server).compareAndSet(name, Optional.of("1.0.0"), "2.0.0-from-A"));
                    a.add(replaced);
                    try {
                        replaced.get(2, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.TimeoutException waitingForBsLock) {
                        // A waits for a row B has locked: B goes on and A follows once B commits.
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                boolean bWon = b.compareAndSet(name, Optional.of("1.0.0"), "2.0.0-from-B");
                assertThat(a).as("%s: node A ran before B's statement %d", database, stopBefore).hasSize(1);
                boolean aWon = a.get(0).get(30, TimeUnit.SECONDS);

                assertThat(List.of(aWon, bWon)).as("%s, A replacing before B's statement %d: who won", database,
                        stopBefore).containsExactlyInAnyOrder(true, false);
                assertThat(node(server).get(name)).as("%s, before B's statement %d", database, stopBefore)
                        .contains(aWon ? "2.0.0-from-A" : "2.0.0-from-B");
            } finally {
                nodeA.shutdownNow();
            }
        }
    }

    /** A node whose {@code stopBefore}-th prepared statement first runs {@code meanwhile}. */
    private static PropertyTableStore nodeStoppingBefore(Server server, int stopBefore, Runnable meanwhile) {
        int[] executed = {0};
        ConnectionFactory hooked = () -> {
            Connection real = server.connections.open();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        Object result = invoke(real, method, args);
                        if (!method.getName().equals("prepareStatement")) {
                            return result;
                        }
                        PreparedStatement statement = (PreparedStatement) result;
                        return Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                                new Class<?>[] {PreparedStatement.class}, (p, m, a) -> {
                                    if (m.getName().startsWith("execute") && ++executed[0] == stopBefore) {
                                        meanwhile.run();
                                    }
                                    return invoke(statement, m, a);
                                });
                    });
        };
        return node(new Server(server.name, hooked, () -> { }));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * The databases a cluster shares. (Openfire's embedded HSQLDB serves one server only, so no other node can hold a
     * lock there; HSQLDB also does not cancel a statement that waits for a lock when its query timeout passes.)
     */
    Stream<String> clusterDatabases() {
        return Stream.of("PostgreSQL", "MariaDB");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clusterDatabases")
    void aRowLockedByAnotherTransactionMakesTheStatementGiveUpAfterItsTimeoutInsteadOfWaiting(String database)
            throws Exception {
        Server server = server(database);
        clear(server);
        insertRow(server, CLUSTER_ID, "44444444-4444-4444-8444-444444444444", 0);
        ExecutorService reporter = Executors.newSingleThreadExecutor();
        try (Connection locker = server.connections.open()) {
            locker.setAutoCommit(false);
            try (PreparedStatement lock = locker.prepareStatement(
                    "UPDATE ofProperty SET encrypted = 0 WHERE name = ?")) {
                lock.setString(1, CLUSTER_ID);
                lock.executeUpdate(); // holds the row until rollback
            }
            long start = System.nanoTime();
            Future<Throwable> replaced = reporter.submit(() -> {
                try {
                    node(server).compareAndSet(CLUSTER_ID, Optional.of("44444444-4444-4444-8444-444444444444"),
                            "55555555-5555-4555-8555-555555555555");
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            Throwable failure;
            try {
                failure = replaced.get(60, TimeUnit.SECONDS);
            } finally {
                locker.rollback();
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(failure).as("the reporter's statement on a locked row")
                    .isInstanceOf(OpenfireUnavailableException.class);
            assertThat(waited).isBetween(Duration.ofSeconds(PropertyTableStore.TIMEOUT_SECONDS - 1),
                    Duration.ofSeconds(PropertyTableStore.TIMEOUT_SECONDS * 4L));
        } finally {
            reporter.shutdownNow();
        }
        assertThat(node(server).get(CLUSTER_ID)).contains("44444444-4444-4444-8444-444444444444");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theTableIsOpenfiresOwnWithPropValueOfTheTypeOpenfireChoseThere(String database) throws SQLException {
        Server server = server(database);
        try (Connection c = server.connections.open(); Statement s = c.createStatement();
                ResultSet none = s.executeQuery("SELECT propValue FROM ofProperty WHERE 1 = 0")) {
            String type = none.getMetaData().getColumnTypeName(1).toUpperCase(java.util.Locale.ROOT);
            // MariaDB's TEXT is the case the ledger must not compare; the others are VARCHAR(4000).
            assertThat(type).isEqualTo(database.equals("MariaDB") ? "TEXT" : "VARCHAR");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theDatabasesClockIsReadAsTheRightInstant(String database) {
        Server server = server(database);
        Instant before = Instant.now().minusSeconds(2);
        Instant read = node(server).now();
        Instant after = Instant.now().plusSeconds(2);

        // The database runs on this machine, so its clock is this one: no time zone may shift the reading.
        assertThat(read).isBetween(before, after);
    }
}
