package dev.aiguard.benchmarks;

import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.Exchange;
import dev.aiguard.api.Finding;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Severity;
import dev.aiguard.api.Stage;
import dev.aiguard.api.StageOutcome;
import dev.aiguard.api.Usage;
import dev.aiguard.api.Verdict;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the guard itself costs per request: {@code inspect} plus {@code complete} through three stages that do nothing
 * (and a variant where one stage reports a finding), so that any stage's own cost can be measured against it.
 * Run with {@code -prof gc} for {@code gc.alloc.rate.norm} (bytes allocated per request).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PipelineOverhead {

    private static final ResponseInfo RESPONSE = ResponseInfo.of(200, new Usage(120, 480));

    /** A stage that finds nothing. */
    static final class NoOpStage implements Stage {
        @Override
        public StageOutcome inspect(Exchange exchange) {
            return StageOutcome.pass();
        }

        @Override
        public void complete(Exchange exchange, ResponseInfo response) {
            // Nothing to reconcile.
        }
    }

    /** A stage that reports the same below-threshold finding every time (the request still passes). */
    static final class OneFindingStage implements Stage {
        private final StageOutcome outcome = StageOutcome.pass(List.of(new Finding("waf", "920350", Severity.LOW,
                "Host header is a numeric IP address", "REQUEST_HEADERS:Host", "127.0.0.1", 2, List.of("protocol"))));

        @Override
        public StageOutcome inspect(Exchange exchange) {
            return outcome;
        }
    }

    private Guard empty;
    private Guard noOp;
    private Guard oneFinding;
    private GuardRequest request;

    @Setup
    public void setUp() {
        empty = Guard.create(GuardConfig.builder().build());
        noOp = Guard.create(GuardConfig.builder()
                .stage(ConfiguredStage.of("identity", new NoOpStage()))
                .stage(ConfiguredStage.of("waf", new NoOpStage()))
                .stage(ConfiguredStage.of("budget", new NoOpStage()))
                .build());
        oneFinding = Guard.create(GuardConfig.builder()
                .stage(ConfiguredStage.of("identity", new NoOpStage()))
                .stage(ConfiguredStage.of("waf", new OneFindingStage()))
                .stage(ConfiguredStage.of("budget", new NoOpStage()))
                .build());
        request = GuardRequest.builder()
                .method("POST")
                .uri("/v1/chat/completions")
                .headers(Headers.of("Host", "api.example.com", "Content-Type", "application/json",
                        "Authorization", "Bearer sk-bench-0123456789abcdef", "User-Agent", "bench/1.0"))
                .remoteAddress(new InetSocketAddress("203.0.113.10", 51000))
                .body("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}")
                .build();
    }

    @TearDown
    public void tearDown() {
        empty.close();
        noOp.close();
        oneFinding.close();
    }

    /** Baseline: a guard with no stages. */
    @Benchmark
    public Verdict noStages() {
        return run(empty);
    }

    /** Three no-op stages: the pipeline's own overhead on the allow path. */
    @Benchmark
    public Verdict threeNoOpStages() {
        return run(noOp);
    }

    /** Three stages, one of which reports a finding (allowed). */
    @Benchmark
    public Verdict threeStagesOneFinding() {
        return run(oneFinding);
    }

    /**
     * Reference: one {@code System.nanoTime()}. The guard reads the clock once per request and once per stage (budget
     * checks), so on hosts with a slow clock (VMs without a vDSO clock source) this sets the floor.
     */
    @Benchmark
    public long clockRead() {
        return System.nanoTime();
    }

    private Verdict run(Guard guard) {
        Verdict verdict = guard.inspect(request);
        guard.complete(verdict.exchange(), RESPONSE);
        return verdict;
    }
}
