package dev.aiguard.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.PolicyLoader;
import dev.aiguard.api.Verdict;
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
import java.util.concurrent.TimeUnit;

/**
 * Cost of the {@code type: crs} stage (CRS v4, PL1, phases 1-2) on one chat-completion request as its body grows:
 * 1 KB to 1 MB of model-like prose in the user message. The prose is the chat messages of
 * {@code shared/bench/llm-workload.jsonl} in file order, joined by blank lines and cut at the size, so every run
 * inspects the same bytes. {@code prompts} chooses whether the CRS sees the prompt as an ordinary JSON argument
 * ({@code plain}, the libmodsecurity setup: worst case, the injection families scan all of it) or with the stage's
 * default field scoping ({@code scoped}).
 *
 * <p>Needs {@code -Daiguard.shared.dir=DIR} (default {@code ../shared}) with {@code crs/} and {@code bench/}.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class CrsBodySizeBenchmark {

    /** Regex engine of the CRS stage. */
    @Param({"hyperscan", "re2j"})
    public String engine;

    /** Body size in KiB (the whole JSON body, envelope included). */
    @Param({"1", "4", "16", "64", "256", "1024"})
    public int bodyKb;

    /** {@code plain}: prompt fields are ordinary JSON arguments; {@code scoped}: the stage's default scoping. */
    @Param({"plain"})
    public String prompts;

    private Guard guard;
    private GuardRequest request;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path shared = Path.of(System.getProperty("aiguard.shared.dir", "../shared"));
        String policy = """
                apiVersion: aiguard.dev/v1
                request:
                  maxBodyBytes: %d
                stages:
                  - type: crs
                    budget: 1m
                    directory: %s
                    paranoiaLevel: 1
                    engine: %s
                    prompts:
                      enabled: %s
                """.formatted(2 << 20, shared.resolve("crs").toAbsolutePath(), engine, !"plain".equals(prompts));
        guard = Guard.create(PolicyLoader.create().load("bench.yaml", policy).toGuardConfig());
        byte[] body = chatBody(shared.resolve("bench/llm-workload.jsonl"), bodyKb * 1024);
        request = GuardRequest.builder().method("POST").uri("/v1/chat/completions")
                .headers(Headers.of("Host", "api.example-llm.com", "Content-Type", "application/json",
                        "User-Agent", "openai-python/1.54.0", "Accept", "application/json"))
                .body(body).maxBodyBytes(guard.config().maxBodyBytes()).build();
        Verdict first = guard.inspect(request);
        if (first.findings().isEmpty() && "plain".equals(prompts)) {
            // the prose is chosen so the CRS has work to do at every size; a verdict without any finding at 16 KB+
            // would mean the body was not inspected
            System.err.println("note: no CRS finding on the " + bodyKb + " KB body");
        }
    }

    /**
     * An OpenAI chat-completion body of exactly {@code size} bytes: a short system message and a user message of
     * workload prose.
     */
    static byte[] chatBody(Path workload, int size) throws IOException {
        ObjectMapper json = new ObjectMapper();
        StringBuilder prose = new StringBuilder();
        try (BufferedReader in = Files.newBufferedReader(workload, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null && prose.length() < size; line = in.readLine()) {
                JsonNode request = json.readTree(line);
                if (!request.path("uri").asText().endsWith("/chat/completions")) {
                    continue;
                }
                for (JsonNode message : json.readTree(request.path("body").asText()).path("messages")) {
                    if (message.path("content").isTextual()) {
                        prose.append(message.path("content").asText()).append("\n\n");
                    }
                }
            }
        }
        ObjectNode body = json.createObjectNode();
        body.put("model", "gpt-4o");
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", "You are a helpful assistant.");
        ObjectNode user = messages.addObject().put("role", "user").put("content", "");
        body.put("temperature", 0.7);
        int envelope = json.writeValueAsBytes(body).length;
        // ASCII prose serialises to at least one byte per char; trim until the body fits exactly
        String text = prose.substring(0, Math.max(0, Math.min(prose.length(), size - envelope)));
        byte[] out;
        while (true) {
            user.put("content", text);
            out = json.writeValueAsBytes(body);
            if (out.length <= size) {
                break;
            }
            text = text.substring(0, text.length() - (out.length - size));
        }
        if (out.length < size) {
            user.put("content", text + " ".repeat(size - out.length));
            out = json.writeValueAsBytes(body);
        }
        return out;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        guard.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Verdict inspect() {
        return guard.inspect(request);
    }
}
