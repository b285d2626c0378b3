package org.systemmetrics.openfire;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
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
import org.systemmetrics.core.schedule.ExecutorTaskScheduler;
import org.systemmetrics.testing.FakeOpenfireServer;

/**
 * How long Openfire waits for this plugin to start, and how soon the administrator reads its first log line.
 * The score is one {@code new SystemMetricsPlugin(...)} plus {@code initializePlugin(...)} on a fake Openfire
 * whose home has no configuration file, with the real reporter thread and clock. The secondary result
 * {@code firstLogLine} is the time from the same start until the first line reached the log; it needs
 * {@code -prof org.systemmetrics.openfire.FiguresProfiler}. That line must be the consent notice (WARN), logged on
 * the calling thread, i.e. synchronously inside {@code initializePlugin}; anything else fails the run.
 * Target: first log line within 200 ms.
 *
 * <p>Run with {@code -f 20 -wi 0 -i 1} for the cold start the administrator sees (each fork a fresh JVM, so the
 * plugin's classes and its libraries are loaded and run for the first time), and with many warm-up iterations
 * for the warm figure. Logging is set up before the clock starts, as Openfire's is before it loads plugins.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(20)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@State(Scope.Thread)
public class PluginStartBenchmark {
    static final String CONSENT_NOTICE = "System metrics: this server gathers anonymous usage metrics";

    private Path home;
    private SystemMetricsPlugin plugin;
    private FirstLine firstLine;

    /**
     * Whether something in the JVM has already made its default TLS context, which the plugin's HTTPS client
     * uses. Making it reads the JDK's trust store (144 certificates on the measuring machine), the largest single
     * cost of a cold start; in an Openfire that has already made an HTTPS call with the JDK's defaults it exists.
     */
    @Param({"notYetCreated", "alreadyCreated"})
    public String jvmDefaultTls;

    /** Remembers the first event logged by anyone, and when. */
    static final class FirstLine extends AppenderBase<ILoggingEvent> {
        volatile ILoggingEvent event;
        volatile long nanos;

        @Override
        protected void append(ILoggingEvent e) {
            if (event == null) {
                nanos = System.nanoTime();
                e.prepareForDeferredProcessing();
                event = e;
            }
        }
    }

    @Setup(Level.Iteration)
    public void prepareOpenfire() throws IOException, NoSuchAlgorithmException {
        home = Files.createTempDirectory("systemmetrics-start");
        // The folders Openfire has at this point; creating them is not the plugin's work.
        Files.createDirectories(home.resolve("conf"));
        Files.createDirectories(home.resolve("logs"));
        Files.createDirectories(home.resolve("plugins").resolve("systemmetrics"));
        firstLine = new FirstLine();
        firstLine.start();
        rootLogger().addAppender(firstLine);
        // Openfire logs through log4j 2 and has configured it long before plugins load; the plugin touches it.
        Configurator.setLevel("org.jivesoftware", org.apache.logging.log4j.Level.INFO);
        if ("alreadyCreated".equals(jvmDefaultTls)) {
            SSLContext.getDefault();
        }
    }

    @Benchmark
    public SystemMetricsPlugin startPlugin() {
        long start = System.nanoTime();
        Path openfireHome = home;
        plugin = new SystemMetricsPlugin(dir -> new FakeOpenfireServer(openfireHome), ExecutorTaskScheduler::new,
                Clock.systemUTC(), Map.of(), PluginAdmin.ACTION_TIMEOUT);
        plugin.initializePlugin(null, pluginDirectory());
        ILoggingEvent first = firstLine.event;
        if (first == null || first.getLevel() != ch.qos.logback.classic.Level.WARN
                || !first.getFormattedMessage().startsWith(CONSENT_NOTICE)
                || !first.getThreadName().equals(Thread.currentThread().getName())) {
            throw new IllegalStateException("the first log line is not the consent notice logged inside "
                    + "initializePlugin: " + (first == null ? "nothing was logged" : first.getThreadName() + " "
                    + first.getLevel() + " " + first.getFormattedMessage()));
        }
        FiguresProfiler.record("firstLogLine", (firstLine.nanos - start) / 1e6, "ms");
        return plugin;
    }

    @TearDown(Level.Iteration)
    public void stopPlugin() throws IOException {
        if (plugin != null) {
            plugin.destroyPlugin();
            plugin = null;
        }
        rootLogger().detachAppender(firstLine);
        firstLine.stop();
        try (Stream<Path> files = Files.walk(home)) {
            for (Path path : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    private File pluginDirectory() {
        return home.resolve("plugins").resolve("systemmetrics").toFile();
    }

    private static Logger rootLogger() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
