package org.systemmetrics.realserver;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A real Openfire server, run as its own process from a fresh home under {@code target/realserver/}, for
 * the real-server suite. Build one with {@link #builder}, use it, close it: {@link #close()} kills it, and so
 * do a JVM shutdown hook and a small watchdog that ends Openfire when the test JVM is gone, so no Openfire
 * outlives a test run, however it ends.
 *
 * <p>The home: the distribution's {@code conf/}, {@code plugins/} and {@code resources/} copied, {@code lib/}
 * linked; {@code conf/openfire.xml} with an {@code <autosetup>} section (embedded database, admin password
 * {@value #ADMIN_PASSWORD}, an ASCII domain), every listener on a free port of the chosen network interface
 * (127.0.0.1 unless told otherwise), and the plugin jar that {@code package} built in {@code plugins/}.
 * Openfire copies the XML properties into its database on that first start, which is how ports and other
 * system properties are set before any module reads them.
 *
 * <p>The home is deleted on close, unless a test failed while the server ran ({@link #keepHome()}, called by
 * {@link QuoteOpenfireLogOnFailure}): then it stays, {@code logs/openfire.log} included.
 */
public final class RealOpenfire implements AutoCloseable {
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    /** The plugin's canonical name, as Openfire logs it when loading. */
    public static final String SYSTEMMETRICS = "systemmetrics";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<RealOpenfire> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(RealOpenfire::kill),
                "real-openfire-cleanup"));
    }

    /** Every listener Openfire opens, and the property that sets its port. */
    public enum Port {
        ADMIN_CONSOLE("adminConsole.port"),
        ADMIN_CONSOLE_TLS("adminConsole.securePort"),
        C2S("xmpp.socket.plain.port"),
        C2S_DIRECT_TLS("xmpp.socket.ssl.port"),
        S2S("xmpp.server.socket.port"),
        S2S_DIRECT_TLS("xmpp.server.socket.ssl.port"),
        COMPONENT("xmpp.component.socket.port"),
        COMPONENT_DIRECT_TLS("xmpp.component.ssl.port"),
        CONNECTION_MANAGER("xmpp.multiplex.socket.port"),
        CONNECTION_MANAGER_DIRECT_TLS("xmpp.multiplex.ssl.port"),
        BOSH("httpbind.port.plain"),
        BOSH_TLS("httpbind.port.secure"),
        FILE_TRANSFER_PROXY("xmpp.proxy.port");

        private final String property;

        Port(String property) {
            this.property = property;
        }

        public String property() {
            return property;
        }
    }

    private final Builder config;
    private final Path home;
    private final Path javaExecutable;
    private final Map<Port, Integer> ports;
    private volatile Process watchdog;
    private volatile boolean keepHome;

    private RealOpenfire(Builder config, Path home, Map<Port, Integer> ports) {
        this.config = config;
        this.home = home;
        this.ports = Map.copyOf(ports);
        this.javaExecutable = Paths.get(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * Closes what a test class started, in order, skipping what was never made (a failed start leaves nulls), and
     * closes the rest even when one of them fails: a server left running would outlive the build.
     */
    public static void closeAll(AutoCloseable... started) {
        RuntimeException first = null;
        for (AutoCloseable thing : started) {
            if (thing == null) {
                continue;
            }
            try {
                thing.close();
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("could not close " + thing, e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * @param name a short word for this server; its home is {@code target/realserver/<name>-<version>-<n>}
     */
    public static Builder builder(OpenfireDistribution distribution, String name) {
        return new Builder(distribution, name);
    }

    /** The servers running now (for the failure handler). */
    static Set<RealOpenfire> live() {
        return Set.copyOf(LIVE);
    }

    public String version() {
        return config.distribution.version();
    }

    public OpenfireDistribution distribution() {
        return config.distribution;
    }

    public String name() {
        return home.getFileName().toString();
    }

    public Path home() {
        return home;
    }

    public Path pluginsDirectory() {
        return home.resolve("plugins");
    }

    public Path logsDirectory() {
        return home.resolve("logs");
    }

    public Path confDirectory() {
        return home.resolve("conf");
    }

    public Path logFile() {
        return logsDirectory().resolve("openfire.log");
    }

    /** The XMPP domain (ASCII; the stand-in libidn of these builds knows no more). */
    public String domain() {
        return config.domain;
    }

    public String networkInterface() {
        return config.networkInterface;
    }

    public int port(Port port) {
        return ports.get(port);
    }

    /** e.g. {@code http://127.0.0.1:41234/} */
    public String adminConsoleUrl() {
        return "http://" + config.networkInterface + ":" + port(Port.ADMIN_CONSOLE) + "/";
    }

    /** The Openfire JVM's process id, for jcmd/jstack. */
    public long pid() {
        return openfireProcess().pid();
    }

    // ---- the log -----------------------------------------------------------------------------------------

    /** The whole of {@code logs/openfire.log} so far. */
    public String log() {
        return logSince(new LogMark(0));
    }

    /** Where the log ends now; {@link #logSince} and {@link #awaitLog} read what comes after it. */
    public LogMark logMark() {
        try {
            return new LogMark(Files.exists(logFile()) ? Files.size(logFile()) : 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String logSince(LogMark mark) {
        try {
            if (!Files.exists(logFile())) {
                return "";
            }
            byte[] all = Files.readAllBytes(logFile());
            int from = (int) Math.min(mark.offset, all.length);
            // Openfire's layout colours the level with ANSI escapes; tests match on the words.
            return new String(all, from, all.length - from, StandardCharsets.UTF_8).replaceAll("\u001B\\[[0-9;]*m", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls the log after {@code mark} until {@code regex} appears; fails, quoting the log, at the deadline. */
    public Matcher awaitLog(LogMark mark, String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex);
        String log = Poll.until("/" + regex + "/ in openfire.log of " + name(), timeout, () -> {
            String since = logSince(mark);
            if (!pattern.matcher(since).find() && !isRunning()) {
                throw new AssertionError("Openfire " + name() + " exited while waiting for /" + regex + "/.\n"
                        + logTail(80) + "\n--- stdout ---\n" + stdout());
            }
            return since;
        }, since -> pattern.matcher(since).find(), since -> "\n" + logTail(80));
        Matcher m = pattern.matcher(log);
        m.find();
        return m;
    }

    /** The last lines of openfire.log, headed by where the file is, for failure messages. */
    public String logTail(int lines) {
        List<String> all = List.of(log().split("\n"));
        String tail = String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        return "--- last " + lines + " lines of " + logFile() + " ---\n" + tail;
    }

    private String stdout() {
        try {
            Path file = home.resolve("stdout.log");
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    // ---- plugins -----------------------------------------------------------------------------------------

    /**
     * Copies a plugin jar into {@code plugins/} (atomically, with a new modification time), so that Openfire
     * loads it, or redeploys it when a jar of that name is already there.
     */
    public void installPlugin(Path jar, String fileName) {
        try {
            Path temp = Files.createTempFile(home, "plugin", ".tmp");
            Files.copy(jar, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(temp, FileTime.from(Instant.now()));
            Files.move(temp, pluginsDirectory().resolve(fileName), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Installs (or, when it is there, replaces) our plugin jar and waits until Openfire has (re)loaded it.
     * Returns the log mark from just before, so that callers can read what this start logged.
     */
    public LogMark deploySystemMetrics() {
        LogMark mark = logMark();
        installPlugin(systemMetricsJar(), SYSTEMMETRICS + ".jar");
        awaitLog(mark, "Successfully loaded plugin '" + SYSTEMMETRICS + "[-']", config.startTimeout);
        return mark;
    }

    /** Deletes {@code plugins/<canonicalName>.jar} and waits until Openfire has unloaded it and removed its folder. */
    public void removePlugin(String canonicalName) {
        LogMark mark = logMark();
        try {
            Files.delete(pluginsDirectory().resolve(canonicalName + ".jar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitLog(mark, "Successfully unloaded plugin '" + Pattern.quote(canonicalName) + "'", config.startTimeout);
        Path folder = pluginsDirectory().resolve(canonicalName);
        Poll.until("Openfire " + name() + " to remove " + folder + " after unloading the plugin", config.startTimeout,
                () -> Files.exists(folder), exists -> !exists, exists -> "the folder is still there");
    }

    /**
     * The jar that {@code package} built ({@code target/systemmetrics.jar}), refused when it was built with the
     * project's GA4 property: where a test keeps Google's URL (the collector's) or picks its EU one (the pictures'),
     * that jar would send to the project's real property, and these tests never leave loopback.
     */
    public static Path systemMetricsJar() {
        Path jar = Paths.get(System.getProperty("plugin.jar", "target/systemmetrics.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no plugin jar at " + jar.toAbsolutePath() + ": run mvn package first");
        }
        if (!projectMeasurementId(jar).isBlank()) {
            throw new IllegalStateException(jar.toAbsolutePath() + " was built with -Dsystemmetrics.ga4.measurementId:"
                    + " the real-server tests run only a jar without the project's property");
        }
        return jar;
    }

    /** The measurementId in the jar's project-property.properties (inside lib/systemmetrics-*.jar), or "". */
    private static String projectMeasurementId(Path jar) {
        try (JarFile outer = new JarFile(jar.toFile())) {
            JarEntry ours = outer.stream().filter(e -> e.getName().startsWith("lib/systemmetrics-")).findFirst()
                    .orElseThrow();
            try (JarInputStream inner = new JarInputStream(outer.getInputStream(ours))) {
                for (JarEntry e = inner.getNextJarEntry(); e != null; e = inner.getNextJarEntry()) {
                    if (e.getName().endsWith("/delivery/ga4/project-property.properties")) {
                        Properties properties = new Properties();
                        properties.load(new InputStreamReader(inner, StandardCharsets.UTF_8));
                        return properties.getProperty("measurementId", "");
                    }
                }
            }
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- threads -----------------------------------------------------------------------------------------

    /** The Openfire JVM's threads as jcmd prints them. */
    public String threadDump() {
        try {
            Path jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid() + " Thread.print failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Names of the Openfire JVM's threads, from {@link #threadDump()}. */
    public List<String> threadNames() {
        return Pattern.compile("(?m)^\"([^\"]*)\"").matcher(threadDump()).results().map(thread -> thread.group(1))
                .collect(Collectors.toList());
    }

    // ---- life cycle --------------------------------------------------------------------------------------

    private void launch() {
        // The home as Openfire sees it: the real folder, or an administrator's path bind-mounted over it.
        Path seen = config.homeSeenAs == null ? home : config.homeSeenAs;
        List<String> command = new ArrayList<>();
        if (config.homeSeenAs != null) {
            // A mount namespace of Openfire's own (unshare's default propagation is private): an empty tmpfs over
            // the path's parent, the home bound into it; nothing outside this process sees either.
            command.addAll(List.of("unshare", "--mount", "--map-root-user", "sh", "-c",
                    "mount -t tmpfs tmpfs \"$1\" && mkdir \"$2\" && mount --bind \"$3\" \"$2\" "
                            + "&& shift 3 && exec \"$@\"",
                    "openfire-home", seen.getParent().toString(), seen.toString(), home.toString()));
        }
        command.add(javaExecutable.toString());
        command.add("-server");
        // Small and quick to start on two shared cores; nothing here measures Openfire's top speed.
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-DopenfireHome=" + seen);
        command.add("-Dopenfire.lib.dir=" + seen.resolve("lib"));
        command.add("-Djava.security.properties=" + seen.resolve("resources/security/java.security"));
        command.add("-Dlog4j.configurationFile=" + seen.resolve("lib/log4j2.xml"));
        command.add("-Dlog4j2.formatMsgNoLookups=true");
        command.add("-Djava.net.preferIPv6Addresses=system");
        command.addAll(config.jvmOptions);
        command.add("-jar");
        command.add(seen.resolve("lib/startup.jar").toString());

        // The watchdog: Openfire is a child of this shell, which kills it as soon as the test JVM is gone
        // (also after kill -9, when no shutdown hook runs).
        List<String> shell = new ArrayList<>(List.of("sh", "-c",
                "\"$@\" >\"$OF_STDOUT\" 2>&1 &\n"
                        + "of=$!\n"
                        + "trap 'kill -9 $of 2>/dev/null; exit 143' TERM INT\n"
                        + "while kill -0 $of 2>/dev/null; do\n"
                        + "  if ! kill -0 $OF_WATCH 2>/dev/null; then kill -9 $of 2>/dev/null; exit 1; fi\n"
                        + "  sleep 1 & wait $!\n"
                        + "done\n"
                        + "wait $of\n",
                "openfire-watchdog"));
        shell.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(shell).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("watchdog.log").toFile());
        builder.environment().put("OF_STDOUT", home.resolve("stdout.log").toString());
        builder.environment().put("OF_WATCH", Long.toString(ProcessHandle.current().pid()));
        builder.environment().remove("DO_NOT_TRACK");
        builder.environment().putAll(config.environment);
        try {
            LIVE.add(this);
            watchdog = builder.start();
        } catch (IOException e) {
            LIVE.remove(this);
            throw new UncheckedIOException("could not start Openfire " + name(), e);
        }
    }

    private void awaitReady(LogMark mark) {
        awaitLog(mark, "Successfully loaded plugin 'admin'", config.startTimeout);
        if (config.withSystemMetrics || !config.extraPlugins.isEmpty()) {
            // Logged only when a plugin besides the admin console was loaded.
            awaitLog(mark, "Finished processing all plugins", config.startTimeout);
        }
        if (config.withSystemMetrics) {
            awaitLog(mark, "Successfully loaded plugin '" + SYSTEMMETRICS + "[-']", config.startTimeout);
        }
        // Openfire opens its XMPP listeners once the plugins are processed, all in one go.
        Poll.until("the admin console and the XMPP listeners of " + name() + " to accept connections",
                config.startTimeout, () -> {
                    if (!isRunning()) {
                        throw new AssertionError("Openfire " + name() + " exited while opening its listeners.\n"
                                + logTail(80));
                    }
                    return accepts(port(Port.ADMIN_CONSOLE)) && Stream.of(Port.C2S, Port.C2S_DIRECT_TLS,
                            Port.COMPONENT, Port.S2S, Port.S2S_DIRECT_TLS).anyMatch(p -> accepts(port(p)));
                }, ready -> ready, ready -> "not all of them do.\n" + logTail(80));
    }

    /** Whether a listener of this server accepts TCP connections now. */
    public boolean accepts(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress(config.networkInterface, port), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    public boolean isRunning() {
        Process w = watchdog;
        return w != null && w.isAlive();
    }

    private ProcessHandle openfireProcess() {
        Process w = watchdog;
        if (w == null) {
            throw new IllegalStateException("Openfire " + name() + " is not running");
        }
        List<ProcessHandle> children = Poll.until("the Openfire JVM of " + name() + " under its watchdog",
                Duration.ofSeconds(10), () -> w.toHandle().children()
                        .filter(c -> c.info().command().map(cmd -> cmd.endsWith("java")).orElse(false))
                        .collect(Collectors.toList()), found -> found.size() == 1);
        return children.get(0);
    }

    /**
     * Stops Openfire the way an administrator does (SIGTERM, Openfire's own shutdown) and starts it again on
     * the same home and ports; returns when it is ready again.
     */
    public void restart() {
        stopGracefully();
        LogMark mark = logMark();
        launch();
        awaitReady(mark);
    }

    /** SIGTERM, then up to 30 s for Openfire's own shutdown; killed if it takes longer. */
    public void stopGracefully() {
        Process w = watchdog;
        if (w == null) {
            return;
        }
        ProcessHandle openfire = openfireProcess();
        openfire.destroy();
        try {
            openfire.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            openfire.destroyForcibly();
        }
        try {
            w.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
    }

    /** Marks this server's home to be kept after close (a test failed while it ran). */
    public void keepHome() {
        keepHome = true;
    }

    /** Kills Openfire (there is nothing to save in a test home) and deletes the home unless it is to be kept. */
    @Override
    public void close() {
        kill();
        if (!keepHome && !Boolean.getBoolean("realserver.keepHomes")) { // -Drealserver.keepHomes=true to look inside
            try {
                deleteTree(home);
            } catch (IOException e) {
                System.err.println("Could not delete " + home + ": " + e);
            }
        } else {
            System.err.println("Kept the home of Openfire " + name() + " for a failed test: " + home);
        }
    }

    private void kill() {
        Process w = watchdog;
        if (w != null) {
            w.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            w.destroyForcibly();
            w.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            try {
                w.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            watchdog = null;
        }
        LIVE.remove(this);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(path); // a link (lib/) is removed, never followed
            }
        }
    }

    @Override
    public String toString() {
        return "Openfire " + version() + " (" + name() + ")";
    }

    /** Where a log ended at some moment. */
    public static final class LogMark {
        final long offset;

        LogMark(long offset) {
            this.offset = offset;
        }
    }

    /** Options of one server; everything has a default that gives a plain single server on 127.0.0.1. */
    public static final class Builder {
        private static final Map<String, Integer> NEXT_NUMBER = new ConcurrentHashMap<>();

        private final OpenfireDistribution distribution;
        private final String name;
        private String networkInterface = "127.0.0.1";
        private String domain = "realserver.test";
        private String fqdn = "node1.realserver.test";
        private boolean withSystemMetrics = true;
        private final List<Path> extraPlugins = new ArrayList<>();
        private final Map<String, String> xmlProperties = new LinkedHashMap<>();
        private final Map<String, String> confFiles = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<Port, Integer> fixedPorts = new EnumMap<>(Port.class);
        private Duration startTimeout = Duration.ofSeconds(150);
        private Path homeSeenAs;

        private Builder(OpenfireDistribution distribution, String name) {
            this.distribution = distribution;
            this.name = name;
        }

        /** The address every listener, the admin console included, binds to (default 127.0.0.1). */
        public Builder networkInterface(String address) {
            this.networkInterface = address;
            return this;
        }

        public Builder domain(String domain) {
            this.domain = domain;
            return this;
        }

        public Builder fqdn(String fqdn) {
            this.fqdn = fqdn;
            return this;
        }

        /** Leaves our plugin out (a server to compare with). */
        public Builder withoutSystemMetrics() {
            this.withSystemMetrics = false;
            return this;
        }

        /** Another plugin jar for {@code plugins/} (e.g. the Hazelcast plugin), under its own file name. */
        public Builder plugin(Path jar) {
            extraPlugins.add(jar);
            return this;
        }

        /**
         * A property in {@code conf/openfire.xml}, dotted name to nested elements. Autosetup copies it into the
         * database on the first start, so this also sets Openfire system properties (except XML-only ones such
         * as {@code clustering.enabled} or {@code network.interface}, which stay in the file). A shared database:
         * {@code autosetup.database.mode} {@code standard} and {@code autosetup.database.defaultProvider.driver},
         * {@code .serverURL}, {@code .username}, {@code .password}.
         */
        public Builder xmlProperty(String name, String value) {
            xmlProperties.put(name, value);
            return this;
        }

        /** A file in {@code conf/} (e.g. {@code system_metrics.yml}, {@code hazelcast-local-config.xml}). */
        public Builder confFile(String fileName, String content) {
            confFiles.put(fileName, content);
            return this;
        }

        /** An environment variable of the Openfire process ({@code DO_NOT_TRACK} is removed unless set here). */
        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** A fixed port instead of a free one (e.g. the same port on two interfaces). */
        public Builder port(Port port, int number) {
            fixedPorts.put(port, number);
            return this;
        }

        /**
         * The path at which Openfire sees its home (e.g. {@code /opt/openfire}, where Openfire's own install guide
         * unpacks it), so that its pages and logs show an administrator's path instead of the build folder. Openfire
         * runs in a mount namespace of its own (util-linux {@code unshare}, as root or with user namespaces), which
         * hides the path's parent behind an empty folder; the host's folder of that name is never touched.
         */
        public Builder homeSeenAs(String absolutePath) {
            this.homeSeenAs = Paths.get(absolutePath);
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** Makes the home, starts Openfire and returns once it has loaded its plugins (ours included). */
        public RealOpenfire start() {
            RealOpenfire server = prepare();
            LogMark mark = server.logMark();
            server.launch();
            try {
                server.awaitReady(mark);
            } catch (RuntimeException | Error e) {
                server.keepHome();
                server.close();
                throw e;
            }
            return server;
        }

        private RealOpenfire prepare() {
            Path work = Paths.get(System.getProperty("realserver.dir", "target/realserver")).toAbsolutePath();
            Path hidden = homeSeenAs == null ? null : homeSeenAs.getParent();
            Path javaHome = Paths.get(System.getProperty("java.home"));
            if (hidden != null && (work.startsWith(hidden) || javaHome.startsWith(hidden))) {
                throw new IllegalStateException("Openfire's home cannot be shown as " + homeSeenAs + ": " + hidden
                        + " would hide the Java runtime or " + work + " from Openfire");
            }
            Path dist = distribution.unpacked(work);
            String base = name + "-" + distribution.version();
            Path home = work.resolve(base + "-" + NEXT_NUMBER.merge(base, 1, Integer::sum));
            try {
                deleteTree(home);
                Files.createDirectories(home.resolve("logs"));
                copyTree(dist.resolve("conf"), home.resolve("conf"));
                copyTree(dist.resolve("plugins"), home.resolve("plugins"));
                copyTree(dist.resolve("resources"), home.resolve("resources"));
                Files.createSymbolicLink(home.resolve("lib"), dist.resolve("lib"));
                Map<Port, Integer> ports = freePorts();
                Files.writeString(home.resolve("conf/openfire.xml"), openfireXml(ports));
                for (Map.Entry<String, String> file : confFiles.entrySet()) {
                    Files.writeString(home.resolve("conf").resolve(file.getKey()), file.getValue());
                }
                RealOpenfire server = new RealOpenfire(this, home, ports);
                if (withSystemMetrics) {
                    server.installPlugin(systemMetricsJar(), SYSTEMMETRICS + ".jar");
                }
                for (Path jar : extraPlugins) {
                    server.installPlugin(jar, jar.getFileName().toString());
                }
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("could not make the Openfire home " + home, e);
            }
        }

        private Map<Port, Integer> freePorts() throws IOException {
            Map<Port, Integer> ports = new EnumMap<>(fixedPorts);
            List<ServerSocket> held = new ArrayList<>();
            try {
                for (Port port : Port.values()) {
                    if (!ports.containsKey(port)) {
                        // Held open until all are chosen, so no two listeners get the same port.
                        ServerSocket socket = new ServerSocket();
                        socket.bind(new InetSocketAddress(InetAddress.getByName(networkInterface), 0));
                        held.add(socket);
                        ports.put(port, socket.getLocalPort());
                    }
                }
            } finally {
                for (ServerSocket socket : held) {
                    socket.close();
                }
            }
            return ports;
        }

        private String openfireXml(Map<Port, Integer> ports) {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("locale", "en");
            properties.put("network.interface", networkInterface);
            properties.put("adminConsole.interface", networkInterface);
            // Embedded HSQLDB unless the caller sets up a shared database (autosetup.database.mode "standard" with
            // autosetup.database.defaultProvider.*), which Openfire reaches through its pooled provider.
            boolean sharedDatabase = "standard".equals(xmlProperties.get("autosetup.database.mode"));
            properties.put("connectionProvider.className", sharedDatabase
                    ? "org.jivesoftware.database.DefaultConnectionProvider"
                    : "org.jivesoftware.database.EmbeddedConnectionProvider");
            ports.forEach((port, number) -> properties.put(port.property(), Integer.toString(number)));
            // Plugins are noticed within a second or two (Openfire's default is 20 s), and no update check
            // tries to reach the internet.
            properties.put("plugins.loading.monitor.interval", "1");
            properties.put("update.service-enabled", "false");
            properties.put("update.notify-admins", "false");
            properties.put("autosetup.run", "true");
            properties.put("autosetup.locale", "en");
            properties.put("autosetup.xmpp.domain", domain);
            properties.put("autosetup.xmpp.fqdn", fqdn);
            properties.put("autosetup.database.mode", "embedded");
            properties.put("autosetup.admin.email", "admin@" + domain);
            properties.put("autosetup.admin.password", ADMIN_PASSWORD);
            properties.putAll(xmlProperties);
            try {
                Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
                Element root = doc.createElement("jive");
                doc.appendChild(root);
                properties.forEach((name, value) -> element(doc, root, name).setTextContent(value));
                Transformer out = TransformerFactory.newInstance().newTransformer();
                out.setOutputProperty(OutputKeys.INDENT, "yes");
                java.io.StringWriter text = new java.io.StringWriter();
                out.transform(new DOMSource(doc), new StreamResult(text));
                return text.toString();
            } catch (ParserConfigurationException | TransformerException e) {
                throw new IllegalStateException(e);
            }
        }

        private static Element element(Document doc, Element root, String dottedName) {
            Element current = root;
            for (String part : dottedName.split("\\.")) {
                Element child = null;
                for (Node n = current.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element && n.getNodeName().equals(part)) {
                        child = (Element) n;
                    }
                }
                if (child == null) {
                    child = doc.createElement(part);
                    current.appendChild(child);
                }
                current = child;
            }
            return current;
        }

        private static void copyTree(Path from, Path to) throws IOException {
            try (Stream<Path> paths = Files.walk(from)) {
                for (Path source : paths.collect(Collectors.toList())) {
                    Path target = to.resolve(from.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
    }
}
