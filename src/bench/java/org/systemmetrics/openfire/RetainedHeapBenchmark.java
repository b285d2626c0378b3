package org.systemmetrics.openfire;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import ch.qos.logback.classic.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.LoggerFactory;
import org.systemmetrics.core.ServiceStatus;
import org.systemmetrics.core.delivery.DeliveryOutcome;
import org.systemmetrics.core.delivery.ga4.LocalGa4Collector;
import org.systemmetrics.core.schedule.ExecutorTaskScheduler;
import org.systemmetrics.testing.FakeOpenfireServer;

/**
 * The heap a running plugin keeps, measured two ways in a fresh JVM per fork, after the plugin has started on a
 * fake Openfire and made five reports ("Send now"), with the real reporter thread:
 * <ul>
 * <li>{@code heapDelta}: heap in use after full garbage collections, minus the same before the plugin started.
 *     It includes everything the start caused to stay: class mirrors and static fields of the plugin's classes
 *     and of gson, SnakeYAML and HttpClient, the class loader's bookkeeping, and JDK caches used for the first
 *     time. The classes that grew most are printed with each fork's output.
 * <li>{@code retained}: the objects reachable from the plugin instance and from the static fields of its own
 *     classes, walked with {@link ReachableHeap} up to Openfire, threads, class loaders, the logging system and
 *     the JVM's shared objects (see {@link #belongsToSomeoneElse}). Split by the plugin's parts, each walked up
 *     to the others, in this order, an object two parts share counting in the first: {@code delivery} (GA4
 *     delivery and its HTTP client), {@code probes} (the report assembler with the collectors and the stanza counter), {@code service} (the report
 *     service with its last report, scheduler and configuration), {@code admin}, {@code rest} (the plugin object
 *     and anything else it holds), {@code statics}.
 * </ul>
 * Target: at most 2 MB. The figures are secondary results: run with
 * {@code -prof org.systemmetrics.openfire.FiguresProfiler}; the score (the time to start and make five reports)
 * is incidental. {@code destination}:
 * <ul>
 * <li>{@code none}: no GA4 property configured (a build without the project's): reports are built and written,
 *     nothing is sent.
 * <li>{@code ga4}: one GA4 property, on a stand-in for Google's HTTPS collector in another process, so the HTTP
 *     client keeps a pooled TLS connection, as it does between reports in a release build. The plugin makes the
 *     JVM's first host-name-checked TLS handshake, so what the JDK builds on first use for that (its own copy of
 *     the CA certificates, {@code sun.security.util.AnchorCertificates}) counts in the delta.
 * <li>{@code ga4AfterJvmTls}: the same, in a JVM that has already made such a handshake with its defaults.
 * </ul>
 * {@code nothing} starts no plugin: the noise of the heap measurement. With several iterations per fork, the
 * later ones start the plugin again in a JVM that has its classes loaded: the heap delta is then close to the
 * walk, a check of one against the other. The JVM's default TLS context is made
 * before the baseline in every case, because it is the JVM's, not the plugin's;
 * {@link TlsContextHeapBenchmark} measures it.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// Lets JOL take object sizes from the JVM's Instrumentation; without it JOL computes them and warns.
@Fork(value = 10, jvmArgsAppend = "-Djdk.attach.allowAttachSelf=true")
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@State(Scope.Thread)
public class RetainedHeapBenchmark {
    static final int REPORTS = 5;
    private static final String PROPERTY = "G-BENCH0001";

    @Param({"none", "ga4", "ga4AfterJvmTls"})
    public String destination;

    private Path keys;
    private Process collector;
    private URI collectUrl;
    private Path home;
    private FakeOpenfireServer server;
    private SystemMetricsPlugin plugin;
    private long baselineBytes;
    private Path histogramBefore;

    /**
     * One collector and certificate per fork: the JVM's default TLS context trusts the first certificate it sees,
     * so a later iteration (a smoke run with several) must meet the same one.
     */
    @Setup(Level.Trial)
    public void startCollector() throws IOException, GeneralSecurityException {
        if ("none".equals(destination)) {
            return;
        }
        keys = Files.createTempDirectory("systemmetrics-heap-keys");
        collectUrl = launchCollector(keys);
        System.setProperty("javax.net.ssl.trustStore", keys.resolve(LocalGa4Collector.KEY_STORE_FILE).toString());
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        System.setProperty("javax.net.ssl.trustStorePassword", LocalGa4Collector.KEY_STORE_PASSWORD);
        if ("ga4AfterJvmTls".equals(destination)) {
            handshake(collectUrl);
        }
    }

    @Setup(Level.Iteration)
    public void prepareOpenfire() throws IOException, GeneralSecurityException {
        home = Files.createTempDirectory("systemmetrics-heap");
        server = new FakeOpenfireServer(home);
        if (collectUrl != null) {
            Files.writeString(server.confDirectory().resolve("system_metrics.yml"), "services:\n"
                    + "  service_mongoose_system_metrics:\n"
                    + "    report: true\n"
                    + "    tracking_id: {id: " + PROPERTY + ", secret: bench-secret}\n"
                    + "    google_analytics_url: \"" + collectUrl + "\"\n");
        }
        // What Openfire (or the JVM) already has before any plugin loads: not the plugin's to pay for.
        SSLContext.getDefault();
        Configurator.setLevel("org.jivesoftware", org.apache.logging.log4j.Level.INFO);
        LoggerFactory.getLogger(RetainedHeapBenchmark.class).debug("logging is set up");
        // The measuring tools themselves, made before the baseline so they are not counted.
        ReachableHeap.prepare();
        classInitialisationCheck();
        HeapHistogram.take();
        histogramBefore = Files.writeString(home.resolve("histogram-before.txt"), HeapHistogram.take());
        baselineBytes = usedHeapAfterGc();
    }

    @Benchmark
    public void startAndSendReports() throws Exception {
        FakeOpenfireServer openfire = server;
        plugin = new SystemMetricsPlugin(dir -> openfire, ExecutorTaskScheduler::new, Clock.systemUTC(), Map.of(),
                PluginAdmin.ACTION_TIMEOUT);
        plugin.initializePlugin(null, server.pluginDirectory().toFile());
        for (int i = 0; i < REPORTS; i++) {
            Optional<ServiceStatus> ran = plugin.service().orElseThrow().runNow().get(30, TimeUnit.SECONDS);
            if (ran.isEmpty()) {
                throw new IllegalStateException("report " + (i + 1) + " was not made");
            }
        }
        List<DeliveryOutcome> outcomes = plugin.service().orElseThrow().status().lastOutcomes();
        boolean sent = outcomes.size() == 1 && outcomes.get(0).succeeded();
        boolean shouldHaveSent = !"none".equals(destination);
        if (sent != shouldHaveSent) {
            throw new IllegalStateException("unexpected delivery for destination " + destination + ": " + outcomes);
        }
    }

    /** Control: the same measurement with no plugin. */
    @Benchmark
    public void nothing() {
    }

    @TearDown(Level.Iteration)
    public void measureAndStop() throws Exception {
        try {
            FiguresProfiler.record("heapDelta", (usedHeapAfterGc() - baselineBytes) / 1024.0, "KiB");
            String after = HeapHistogram.take();
            System.out.println("Classes that grew most on the heap (" + destination + "):\n"
                    + HeapHistogram.largestGrowth(Files.readString(histogramBefore), after, 25));
            if (plugin != null) {
                walkPlugin();
            }
        } finally {
            if (plugin != null) {
                plugin.destroyPlugin();
                plugin = null;
            }
            deleteTree(home);
        }
    }

    @TearDown(Level.Trial)
    public void stopCollector() throws IOException, InterruptedException {
        if (collector != null) {
            collector.getOutputStream().close();
            if (!collector.waitFor(10, TimeUnit.SECONDS)) {
                collector.destroyForcibly();
            }
            collector = null;
        }
        if (keys != null) {
            deleteTree(keys);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    private void walkPlugin() throws ReflectiveOperationException, URISyntaxException {
        Set<Object> notWalked = Collections.newSetFromMap(new IdentityHashMap<>());
        notWalked.add(server);
        notWalked.add(Clock.systemUTC());
        notWalked.add(ProxySelector.getDefault());
        try {
            notWalked.add(SSLContext.getDefault());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        ReachableHeap heap = new ReachableHeap(object -> notWalked.contains(object) || belongsToSomeoneElse(object));
        // The parts point at each other and lambdas capture the plugin: while one part is walked, the plugin and
        // the other parts' own objects are a boundary, or the first part walked would take nearly everything.
        // The plugin keeps only the service and the admin facade; delivery and probes are reached through the
        // service's schedule (the probes as the report assembler, whose collectors are theirs).
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("delivery", "service.schedule.delivery");
        paths.put("probes", "service.schedule.assembler");
        paths.put("service", "service");
        paths.put("admin", "admin");
        List<String> parts = List.copyOf(paths.keySet());
        Map<String, Object> roots = new LinkedHashMap<>();
        for (String part : parts) {
            roots.put(part, field(plugin, paths.get(part)));
        }
        notWalked.add(plugin);
        long total = 0;
        for (String part : parts) {
            roots.forEach((other, root) -> {
                if (!other.equals(part)) {
                    notWalked.add(root);
                }
            });
            notWalked.remove(roots.get(part));
            long bytes = heap.add(roots.get(part));
            FiguresProfiler.record("retained." + part, bytes / 1024.0, "KiB");
            total += bytes;
        }
        roots.values().forEach(notWalked::remove);
        notWalked.remove(plugin);
        long rest = heap.add(plugin);
        FiguresProfiler.record("retained.rest", rest / 1024.0, "KiB");
        long statics = 0;
        for (Object value : staticFieldsOfInitialisedPluginClasses()) {
            statics += heap.add(value);
        }
        FiguresProfiler.record("retained.statics", statics / 1024.0, "KiB");
        total += rest + statics;
        FiguresProfiler.record("retained", total / 1024.0, "KiB");
        System.out.println("Largest classes of what the plugin retains (" + destination + "):\n"
                + heap.largestClasses(15));
    }

    /**
     * Objects that a running plugin points at but does not own, so they are not walked: Openfire's (here its
     * stand-in), the JVM's (threads, classes and their loaders, security providers, charsets, enum constants),
     * and the logging system's, which Openfire keeps whether the plugin runs or not.
     */
    static boolean belongsToSomeoneElse(Object object) {
        return object instanceof Class || object instanceof ClassLoader || object instanceof Module
                || object instanceof Thread || object instanceof ThreadGroup || object instanceof Enum
                || object instanceof Provider || object instanceof Charset
                || object instanceof org.slf4j.Logger || object instanceof LoggerContext;
    }

    /** The value at a dotted path of declared fields, such as {@code service.schedule.assembler}. */
    private static Object field(Object owner, String path) throws ReflectiveOperationException {
        Object value = owner;
        for (String name : path.split("\\.")) {
            Field field = value.getClass().getDeclaredField(name);
            field.setAccessible(true);
            value = field.get(value);
        }
        return value;
    }

    /**
     * The values of the static fields of the plugin's own classes that have been initialised (reading a field of
     * one that has not would initialise it, and count what the plugin has not made).
     */
    private static List<Object> staticFieldsOfInitialisedPluginClasses() throws ReflectiveOperationException,
            URISyntaxException {
        Path classes = Path.of(SystemMetricsPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.map(classes::relativize).map(Path::toString).filter(p -> p.endsWith(".class"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace(File.separatorChar, '.'))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<Object> values = new ArrayList<>();
        ClassLoader loader = SystemMetricsPlugin.class.getClassLoader();
        for (String name : names) {
            Class<?> type = Class.forName(name, false, loader);
            if (notYetInitialised(type)) {
                continue;
            }
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()) {
                    field.setAccessible(true);
                    values.add(field.get(null));
                }
            }
        }
        return values;
    }

    private static Method shouldBeInitialized;
    private static Object unsafe;

    /**
     * The JDK answers "is this class initialised?" only through {@code sun.misc.Unsafe}; reached reflectively so
     * the bench sources compile without warnings.
     */
    private static void classInitialisationCheck() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            unsafe = theUnsafe.get(null);
            shouldBeInitialized = unsafeClass.getMethod("shouldBeInitialized", Class.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JDK has no sun.misc.Unsafe.shouldBeInitialized", e);
        }
    }

    private static boolean notYetInitialised(Class<?> type) throws ReflectiveOperationException {
        return (Boolean) shouldBeInitialized.invoke(unsafe, type);
    }

    /** Heap in use once full collections no longer free anything (System.gc() is a full collection in G1). */
    static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) < 1024) {
                return used;
            }
            previous = used;
        }
        return previous;
    }

    private URI launchCollector(Path keys) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        collector = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                LocalGa4Collector.class.getName(), keys.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader lines = new BufferedReader(
                new InputStreamReader(collector.getInputStream(), StandardCharsets.UTF_8));
        String url = lines.readLine();
        if (url == null) {
            throw new IOException("the local GA4 collector did not start");
        }
        return URI.create(url);
    }

    /** A TLS connection made with the JVM's defaults, certificate checks included, as Openfire's own would be. */
    private static void handshake(URI server) throws IOException, GeneralSecurityException {
        try (SSLSocket socket = (SSLSocket) SSLContext.getDefault().getSocketFactory()
                .createSocket(server.getHost(), server.getPort())) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
        }
    }
}
