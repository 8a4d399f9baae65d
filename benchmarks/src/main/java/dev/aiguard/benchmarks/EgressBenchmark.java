package dev.aiguard.benchmarks;

import dev.aiguard.egress.EgressDecision;
import dev.aiguard.egress.EgressGuard;
import dev.aiguard.egress.EgressPolicy;
import dev.aiguard.egress.EgressRule;
import dev.aiguard.egress.Resolver;
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
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One egress decision ({@link EgressGuard#check(String)}) against a six-rule policy, with name resolution answered
 * from a fixed table (no network here) and the guard's resolution cache warm: the cost an outbound call pays before
 * connecting. Allowed by name, allowed by address rule, and two denials.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EgressBenchmark {

    /** The URL checked. */
    @Param({"https://api.openai.com/v1/chat/completions",
            "http://10.20.0.5:6333/collections/docs/points/search",
            "http://169.254.169.254/latest/meta-data/",
            "http://0x7f.1/"})
    public String url;

    private EgressGuard guard;

    @Setup
    public void setUp() {
        Map<String, List<InetAddress>> table = Map.of("api.openai.com",
                List.of(address(104, 18, 7, 192), address(104, 18, 6, 192)));
        Resolver fixed = host -> {
            List<InetAddress> addresses = table.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            return addresses;
        };
        guard = EgressGuard.builder(EgressPolicy.builder().enforce()
                        .allow(EgressRule.host("api.openai.com").schemes("https").ports(443).pathPrefix("/v1/"))
                        .allow(EgressRule.host("*.pinecone.io"), EgressRule.cidr("10.20.0.0/16").ports(6333))
                        .deny(EgressRule.host("uploads.pinecone.io"))
                        .build())
                .resolver(fixed)
                .build();
    }

    /** One decision. */
    @Benchmark
    public EgressDecision check() {
        return guard.check(url);
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
