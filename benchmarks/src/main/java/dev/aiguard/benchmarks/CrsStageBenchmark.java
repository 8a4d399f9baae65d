package dev.aiguard.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.api.Verdict;
import dev.aiguard.cli.internal.RecordedRequest;
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

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code type: crs} stage (OWASP CRS, phases 1-2) through {@code Guard.inspect} on the recorded LLM API workload
 * ({@code shared/bench/llm-workload.jsonl}: chat completions of 200 B to 20 KB, embeddings, model listings). Each call
 * inspects the next request of the file, so the score is requests per second over the workload's mix; SampleTime
 * gives the latency distribution (p50/p99). One thread.
 *
 * <p>Needs {@code -Daiguard.shared.dir=DIR} (default {@code ../shared}) with {@code crs/} and {@code bench/}.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class CrsStageBenchmark {

    /** Regex engine of the CRS stage. */
    @Param({"hyperscan", "re2j"})
    public String engine;

    /** Blocking paranoia level. */
    @Param({"1", "2"})
    public int paranoiaLevel;

    /** How many workload requests to cycle through (the file has 5,000). */
    @Param("5000")
    public int requests;

    private Guard guard;
    private GuardRequest[] workload;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path shared = Path.of(System.getProperty("aiguard.shared.dir", "../shared"));
        String policy = """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: crs
                    budget: 1m
                    directory: %s
                    paranoiaLevel: %d
                    engine: %s
                """.formatted(shared.resolve("crs").toAbsolutePath(), paranoiaLevel, engine);
        guard = Guard.create(PolicyLoader.create().load("bench.yaml", policy).toGuardConfig());
        workload = load(shared.resolve("bench/llm-workload.jsonl"), requests, guard.config().maxBodyBytes());
    }

    static GuardRequest[] load(Path file, int limit, int maxBodyBytes) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<GuardRequest> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while (out.size() < limit && (line = in.readLine()) != null) {
                out.add(RecordedRequest.fromJson(json.readTree(line)).toGuardRequest(maxBodyBytes));
            }
        }
        return out.toArray(GuardRequest[]::new);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        guard.close();
    }

    @Benchmark
    @BenchmarkMode({Mode.Throughput})
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Verdict throughput() {
        return inspectNext();
    }

    @Benchmark
    @BenchmarkMode({Mode.SampleTime})
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Verdict latency() {
        return inspectNext();
    }

    private Verdict inspectNext() {
        GuardRequest request = workload[next];
        next = next + 1 == workload.length ? 0 : next + 1;
        return guard.inspect(request);
    }
}
