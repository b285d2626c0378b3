package org.systemmetrics.openfire;

import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The heap the JVM's default TLS context holds, with the JDK's own trust store, measured as
 * {@link RetainedHeapBenchmark} measures the plugin ({@code heapDelta} and {@code retained}, secondary results
 * that need {@code -prof org.systemmetrics.openfire.FiguresProfiler}). The plugin's HTTPS client uses this
 * context: if nothing in Openfire has made it before, the plugin's first start does, and it then stays for the
 * life of the JVM, also after the plugin is unloaded. The score, the time to make it, is incidental.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// Lets JOL take object sizes from the JVM's Instrumentation; without it JOL computes them and warns.
@Fork(value = 10, jvmArgsAppend = "-Djdk.attach.allowAttachSelf=true")
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@State(Scope.Thread)
public class TlsContextHeapBenchmark {
    private SSLContext context;
    private long baselineBytes;

    @Setup(Level.Iteration)
    public void measureBaseline() {
        ReachableHeap.prepare();
        RetainedHeapBenchmark.usedHeapAfterGc();
        baselineBytes = RetainedHeapBenchmark.usedHeapAfterGc();
    }

    @Benchmark
    public SSLContext makeDefaultContext() throws GeneralSecurityException {
        context = SSLContext.getDefault();
        return context;
    }

    @TearDown(Level.Iteration)
    public void measure() {
        FiguresProfiler.record("heapDelta", (RetainedHeapBenchmark.usedHeapAfterGc() - baselineBytes) / 1024.0, "KiB");
        ReachableHeap heap = new ReachableHeap(RetainedHeapBenchmark::belongsToSomeoneElse);
        FiguresProfiler.record("retained", heap.add(context) / 1024.0, "KiB");
        System.out.println("Largest classes of the default TLS context:\n" + heap.largestClasses(8));
    }
}
