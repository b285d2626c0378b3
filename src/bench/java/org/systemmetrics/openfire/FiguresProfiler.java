package org.systemmetrics.openfire;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Hands figures a benchmark measures itself (a moment inside the measured call, a heap size) to JMH as
 * secondary results, averaged over iterations and forks with JMH's usual error. {@code @AuxCounters} cannot do
 * this: it adds the forks' values up. Enabled with {@code -prof org.systemmetrics.openfire.FiguresProfiler};
 * without it, {@link #record} fails so a run never silently drops a figure.
 */
public final class FiguresProfiler implements InternalProfiler {
    private static final Map<String, ScalarResult> FIGURES = new ConcurrentHashMap<>();
    private static volatile boolean enabled;

    /** One figure of the current iteration; recording the same label again replaces it. */
    static void record(String label, double value, String unit) {
        if (!enabled) {
            throw new IllegalStateException("run with -prof " + FiguresProfiler.class.getName() + " to get " + label);
        }
        FIGURES.put(label, new ScalarResult(label, value, unit, AggregationPolicy.AVG));
    }

    @Override
    public String getDescription() {
        return "figures measured by the benchmark itself, averaged over forks";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        enabled = true;
        FIGURES.clear();
    }

    @Override
    public Collection<ScalarResult> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        List<ScalarResult> figures = new ArrayList<>(FIGURES.values());
        FIGURES.clear();
        return figures;
    }
}
