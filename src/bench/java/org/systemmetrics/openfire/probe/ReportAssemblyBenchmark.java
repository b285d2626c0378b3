package org.systemmetrics.openfire.probe;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.systemmetrics.core.report.ReportAssembler;
import org.systemmetrics.core.report.ReportContext;
import org.systemmetrics.core.report.ReportJson;
import org.systemmetrics.testing.FakeOpenfireServer;

/**
 * One report run as the reporter thread does it: every collector of the plugin assembles its events and the
 * report is serialised to the JSON written to disk, on servers with 10 or 500 installed plugins and 100 or
 * 10,000 connected components. Target: at most 5 ms at the largest size. Component sessions are only ever
 * counted, so their number must not change the time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class ReportAssemblyBenchmark {
    @Param({"10", "500"})
    public int plugins;

    @Param({"100", "10000"})
    public int components;

    private OpenfireProbes probes;
    private ReportAssembler assembler;
    private Path home;

    @Setup(Level.Trial)
    public void startPlugin() throws IOException {
        List<String> known = new ArrayList<>(OpenfireProbes.knownPlugins());
        Map<String, String> installed = new LinkedHashMap<>();
        for (int i = 0; i < plugins; i++) {
            if (i < known.size() / 2) {
                installed.put(known.get(i), "1." + i + ".0");
            } else {
                installed.put("inhouse-" + i, "0.9");
            }
        }
        home = Files.createTempDirectory("assembly-bench");
        FakeOpenfireServer server = new FakeOpenfireServer(home).plugins(installed).components(components).cluster(3, true);
        probes = new OpenfireProbes(server, "0.1.0", Clock.systemUTC());
        probes.stanzas().countStanzas(true);
        assembler = new ReportAssembler(probes.collectors(), Clock.systemUTC());
    }

    @TearDown(Level.Trial)
    public void stopPlugin() throws IOException {
        probes.stanzas().close();
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    @Benchmark
    public String assembleAndSerialise() {
        return ReportJson.toPrettyJson(assembler.assemble("6f1c3c9e-0d7b-4c39-9d0a-3a5b1f1f2a10",
                ReportContext.DEFAULT));
    }
}
