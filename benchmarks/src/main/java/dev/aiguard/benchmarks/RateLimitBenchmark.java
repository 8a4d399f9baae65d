package dev.aiguard.benchmarks;

import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.PolicyException;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Usage;
import dev.aiguard.api.Verdict;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The local (in-process) rate-limit stage per request: reserve at {@code inspect}, reconcile at {@code complete},
 * through a guard holding only that stage. {@code payload=none} is a request without an LLM body (one request
 * counted, no token estimate): the limiter itself. {@code payload=chat} adds the shared JSON parse and the token
 * estimate of a small chat request, reconciled with reported usage. Budgets are large enough never to refuse.
 * Compare with {@link PipelineOverhead#noStages()} for the guard's own share.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RateLimitBenchmark {

    private static final String POLICY = """
            apiVersion: aiguard.dev/v1
            stages:
              - type: ratelimit
                budget: 10s
                limits:
                  - name: requests
                    key: [ip]
                    unit: requests
                    bandwidths: [ {capacity: 1000000000000, period: 1h} ]
                  - name: tokens
                    key: [ip, model]
                    unit: tokens
                    bandwidths: [ {capacity: 1000000000000, period: 1h} ]
                inFlight: {perKey: 64, global: 1024}
            """;

    /** {@code none}: a GET without body; {@code chat}: a small chat-completion request. */
    @Param({"none", "chat"})
    public String payload;

    private Guard guard;
    private GuardRequest request;
    private ResponseInfo response;

    @Setup
    public void setUp() throws PolicyException {
        guard = Guard.create(PolicyLoader.create().load("ratelimit-bench.yaml", POLICY).toGuardConfig());
        GuardRequest.Builder builder = GuardRequest.builder()
                .headers(Headers.of("Host", "api.example.com", "Content-Type", "application/json"))
                .remoteAddress(new InetSocketAddress("203.0.113.10", 51000));
        if (payload.equals("chat")) {
            request = builder.method("POST").uri("/v1/chat/completions")
                    .body("{\"model\":\"m\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}")
                    .build();
            response = ResponseInfo.of(200, new Usage(12, 40));
        } else {
            request = builder.method("GET").uri("/v1/models").build();
            response = ResponseInfo.of(200, Usage.unknown());
        }
        Verdict first = guard.inspect(request);
        guard.complete(first.exchange(), response);
        if (first.blocked()) {
            throw new IllegalStateException("the benchmark request is refused: " + first);
        }
    }

    @TearDown
    public void tearDown() {
        guard.close();
    }

    /** One request: reserve, then reconcile. */
    @Benchmark
    public Verdict reserveAndReconcile() {
        Verdict verdict = guard.inspect(request);
        guard.complete(verdict.exchange(), response);
        return verdict;
    }
}
