package dev.aiguard.benchmarks;

import dev.aiguard.llm.TokenCounter;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The hot-path token estimator against the exact jtokkit count, on the same 8 KB prose as
 * {@link PromptStageBenchmark}. The estimator's error against jtokkit on the corpus is measured by
 * {@code TokenEstimatorAccuracyTest} in aiguard-llm (figures in RESULTS.md).
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenEstimatorBenchmark {

    /** Model: o200k_base and cl100k_base encodings. */
    @Param({"gpt-4o", "gpt-4"})
    public String model;

    @Param("8192")
    public int promptBytes;

    private TokenCounter tokens;
    private String text;

    @Setup(Level.Trial)
    public void setUp() {
        tokens = TokenCounter.create();
        text = PromptStageBenchmark.prose(promptBytes);
    }

    @Benchmark
    public long estimate() {
        return tokens.estimate(model, text);
    }

    @Benchmark
    public long jtokkitCount() {
        return tokens.count(model, text);
    }
}
