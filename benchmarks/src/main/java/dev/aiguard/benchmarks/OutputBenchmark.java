package dev.aiguard.benchmarks;

import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.Exchange;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.OutputChunk;
import dev.aiguard.api.ResponseGuard;
import dev.aiguard.output.OutputStageConfig;
import dev.aiguard.output.internal.OutputStageImpl;
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
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The output stage's cost. {@code stream}: one whole 64 KiB answer through {@link ResponseGuard} (SSE with a token
 * per event, the same text as one JSON body, and as plain text); divide the bytes by the time for MB/s.
 * {@code perChunk}: the latency one SSE event (one token) gains in strict and audit mode, against the inactive
 * pass-through. The text is model-like prose with numbers, code and, every ~2 KiB, an e-mail address to redact.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar OutputBenchmark</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OutputBenchmark {

    /** Size of the generated answer. */
    static final int TEXT_BYTES = 64 * 1024;

    private static final String[] WORDS = ("the model returns a concise answer with context and examples for each "
            + "step of the process which users can follow easily while the service keeps latency low and throughput "
            + "high under load so that requests complete within the budget defined by the operator configuration "
            + "function value result error retry timeout cache index query token stream event response request")
            .split(" ");

    @Param({"sse", "json", "text"})
    public String format;

    private Guard strict;
    private Guard audit;
    private Guard none;
    private Exchange exchange;
    private Exchange auditExchange;
    private Exchange noneExchange;
    private byte[] body;
    private String contentType;
    private List<byte[]> events;
    private ResponseGuard strictStream;
    private ResponseGuard auditStream;
    private ResponseGuard noneStream;
    private int next;

    static String modelText(int bytes) {
        Random r = new Random(42);
        StringBuilder sb = new StringBuilder(bytes + 64);
        int sinceEmail = 0;
        while (sb.length() < bytes) {
            int sentence = 6 + r.nextInt(14);
            for (int i = 0; i < sentence; i++) {
                sb.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
                if (r.nextInt(12) == 0) {
                    sb.append(' ').append(r.nextInt(10_000));
                }
            }
            sb.append(r.nextInt(8) == 0 ? ":\n```\nfor (int i = 0; i < n; i++) { sum += values[i]; }\n```\n" : ". ");
            if (sb.length() - sinceEmail > 2048) {
                sb.append("Contact user").append(r.nextInt(1000)).append("@example.com for details. ");
                sinceEmail = sb.length();
            }
        }
        return sb.substring(0, bytes);
    }

    /** Splits text into OpenAI chat SSE events of roughly one token (1-8 chars) each. */
    static List<byte[]> sseEvents(String text) {
        Random r = new Random(7);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < text.length(); ) {
            int end = Math.min(text.length(), i + 1 + r.nextInt(8));
            String delta = com.fasterxml.jackson.databind.node.TextNode.valueOf(text.substring(i, end)).toString();
            out.add(("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"content\":" + delta + "}}]}\n\n").getBytes(StandardCharsets.UTF_8));
            i = end;
        }
        return out;
    }

    private static Guard guard(String streaming) {
        OutputStageConfig config = new OutputStageConfig(streaming, null, null, null, null, null, null, null, null, null);
        return Guard.create(GuardConfig.builder()
                .stage(ConfiguredStage.of("output", new OutputStageImpl("output", config))).build());
    }

    private static Exchange exchange(Guard guard) {
        GuardRequest request = GuardRequest.builder().method("POST").uri("/v1/chat/completions")
                .headers(Headers.of("Content-Type", "application/json"))
                .body("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a helpful assistant "
                        + "for the operator's product documentation.\"},{\"role\":\"user\",\"content\":\"hi\"}]}")
                .build();
        return guard.inspect(request).exchange();
    }

    @Setup
    public void setUp() {
        strict = guard("strict");
        audit = guard("audit");
        none = Guard.create(GuardConfig.builder().build());
        exchange = exchange(strict);
        auditExchange = exchange(audit);
        noneExchange = exchange(none);
        String text = modelText(TEXT_BYTES);
        events = sseEvents(text);
        switch (format) {
            case "sse" -> {
                contentType = "text/event-stream";
                int n = events.stream().mapToInt(e -> e.length).sum();
                body = new byte[n];
                int at = 0;
                for (byte[] e : events) {
                    System.arraycopy(e, 0, body, at, e.length);
                    at += e.length;
                }
            }
            case "json" -> {
                contentType = "application/json";
                body = ("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":"
                        + com.fasterxml.jackson.databind.node.TextNode.valueOf(text) + "}}]}")
                        .getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                contentType = "text/plain";
                body = text.getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    /** Fresh per-response state for the per-chunk benchmarks, every iteration. */
    @Setup(Level.Iteration)
    public void openStreams() {
        strictStream = strict.responseGuard(exchange, "text/event-stream");
        auditStream = audit.responseGuard(auditExchange, "text/event-stream");
        noneStream = none.responseGuard(noneExchange, "text/event-stream");
        next = 0;
    }

    /** One whole answer in 4 KiB writes (the servlet container's usual buffer), strict mode. */
    @Benchmark
    public void streamStrict(Blackhole bh) {
        ResponseGuard rg = strict.responseGuard(exchange, contentType);
        for (int i = 0; i < body.length; i += 4096) {
            bh.consume(rg.write(body, i, Math.min(4096, body.length - i)));
        }
        bh.consume(rg.finish());
    }

    /** One SSE event (a token) through strict mode: the latency strict inspection adds to each chunk. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public OutputChunk perChunkStrict() {
        byte[] e = events.get(next++ % events.size());
        return strictStream.write(e, 0, e.length);
    }

    /** One SSE event through audit mode (forwarded at once, inspected behind). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public OutputChunk perChunkAudit() {
        byte[] e = events.get(next++ % events.size());
        return auditStream.write(e, 0, e.length);
    }

    /** One SSE event with no output stage (the inactive pass-through adapters skip entirely): the baseline. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public OutputChunk perChunkNone() {
        byte[] e = events.get(next++ % events.size());
        return noneStream.write(e, 0, e.length);
    }
}
