package dev.aiguard.benchmarks;

import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.api.Verdict;
import dev.aiguard.llm.internal.detect.Detection;
import dev.aiguard.llm.internal.detect.PromptDetector;
import dev.aiguard.llm.internal.detect.PromptModel;
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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The {@code type: prompt} stage on one prompt of {@link #promptBytes} bytes: {@code detector} scores the text
 * (normalization, signatures, encodings, classifier: the per-segment work), {@code stage} runs a chat-completion
 * request through {@code Guard.inspect} with only the prompt stage (JSON parse, segment extraction, scoring, verdict).
 * Each invocation scores a different prompt of the same size (a counter is spliced in), so nothing is memoized.
 * SampleTime: read p50/p99 from the percentiles JMH prints.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PromptStageBenchmark {

    /** Prompt size in bytes (ASCII prose). */
    @Param("8192")
    public int promptBytes;

    private PromptDetector detector;
    private Guard guard;
    private String prompt;
    private int counter;

    @Setup(Level.Trial)
    public void setUp() throws IOException, dev.aiguard.api.PolicyException {
        detector = new PromptDetector(PromptModel.loadDefault());
        guard = Guard.create(PolicyLoader.create().load("bench.yaml", """
                apiVersion: aiguard.dev/v1
                stages:
                  - type: prompt
                    budget: 1m
                """).toGuardConfig());
        prompt = prose(promptBytes);
    }

    /** Benign business prose with some structure (lists, numbers, a quoted instruction), cut to {@code bytes}. */
    static String prose(int bytes) {
        String paragraph = "Please review the attached quarterly report and summarise the key risks for the board. "
                + "Include revenue by region (EMEA 41%, APAC 23%), churn, hiring plans and open legal matters, "
                + "with one line each.\n- Keep the tone neutral; the CFO said \"do not speculate\".\n";
        return paragraph.repeat(bytes / paragraph.length() + 1).substring(0, bytes);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        guard.close();
    }

    private String nextPrompt() {
        String n = Integer.toString(counter++ & 0xffff);
        return n + prompt.substring(n.length());
    }

    @Benchmark
    public Detection detector() {
        return detector.detect(nextPrompt());
    }

    @Benchmark
    public Verdict stage() {
        String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a helpful "
                + "assistant.\"},{\"role\":\"user\",\"content\":\"" + nextPrompt().replace("\"", "\\\"").replace("\n", "\\n")
                + "\"}]}";
        return guard.inspect(GuardRequest.builder().method("POST").uri("/v1/chat/completions")
                .headers(Headers.of("Host", "api.example.com", "Content-Type", "application/json"))
                .body(body.getBytes(StandardCharsets.UTF_8)).build());
    }
}
