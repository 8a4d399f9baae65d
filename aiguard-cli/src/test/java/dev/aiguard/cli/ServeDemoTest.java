package dev.aiguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code aiguard serve --demo} over loopback, with a policy of test stages (keyword blocks, refuse answers 429). One
 * server serves every test of the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeDemoTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "{\"model\":\"aiguard-demo\",\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}]%s}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private ServeRun serve;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), """
                apiVersion: aiguard.dev/v1
                request:
                  maxBodyBytes: 4096
                stages:
                  - type: refuse
                    name: budget
                    header: X-Burst
                    status: 429
                    reason: budget.requests
                    retryAfter: 1500ms
                  - type: keyword
                    word: DROP TABLE
                """);
        serve = ServeRun.start("serve", "--demo", "--port", "0", "--policy", policy.toString(), "--stream-delay", "0");
    }

    @AfterAll
    void stop() throws Exception {
        assertThat(serve.stop()).isZero();
    }

    @Test
    void printsTheActualUrlAndTheAllowedCurlLine() {
        URI uri = serve.uri();
        assertThat(uri.getPort()).isPositive();
        assertThat(serve.out())
                .contains("at " + uri)
                .contains("stages: budget (refuse), keyword (keyword)")
                .contains("curl -s '" + uri + "/v1/chat/completions' -H 'Content-Type: application/json' -d '")
                .contains("Press Ctrl-C to stop.");
    }

    @Test
    void allowedChatCompletionAnswers200WithEstimatedUsage() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", CHAT.formatted("What is the capital of France?", ""));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = JSON.readTree(response.body());
        String answer = body.at("/choices/0/message/content").asText();
        assertThat(answer).startsWith("Hello! I am the AIGuard demo model");
        assertThat(body.at("/usage/prompt_tokens").asLong()).isEqualTo((30 + 3) / 4);
        assertThat(body.at("/usage/completion_tokens").asLong()).isEqualTo((answer.length() + 3) / 4);
        assertThat(body.at("/usage/total_tokens").asLong())
                .isEqualTo(body.at("/usage/prompt_tokens").asLong() + body.at("/usage/completion_tokens").asLong());
    }

    @Test
    void blockedRequestAnswers403ProblemJsonWithoutReachingTheModel() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", CHAT.formatted("x'; DROP TABLE users; --", ""));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(403);
        assertThat(problem.get("title").asText()).isEqualTo("Forbidden");
        assertThat(problem.get("reason").asText()).isEqualTo("keyword");
        assertThat(problem.get("type").asText()).isEqualTo("about:blank");
        assertThat(problem.get("requestId").asText()).isNotBlank()
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(response.body()).doesNotContain("choices").doesNotContain("DROP");
    }

    @Test
    void rateLimitedRequestAnswers429WithRetryAfter() throws Exception {
        HttpRequest request = chatRequest(CHAT.formatted("hello", "")).header("X-Burst", "1").build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(JSON.readTree(response.body()).get("reason").asText()).isEqualTo("budget.requests");
    }

    @Test
    void callerRequestIdIsNamedInTheProblem() throws Exception {
        HttpRequest request = chatRequest(CHAT.formatted("DROP TABLE", "")).header("X-Request-Id", "trace-42").build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(response.body()).get("requestId").asText()).isEqualTo("trace-42");
    }

    @Test
    void streamingAnswerArrivesAsServerSentEventsEndingWithUsageAndDone() throws Exception {
        HttpResponse<Stream<String>> response = http.send(chatRequest(CHAT.formatted("Stream please", ",\"stream\":true")).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        List<String> data = response.body().filter(line -> line.startsWith("data: ")).map(line -> line.substring(6)).toList();
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        for (String event : data.subList(0, data.size() - 2)) {
            JsonNode chunk = JSON.readTree(event);
            assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
            text.append(chunk.at("/choices/0/delta/content").asText(""));
        }
        assertThat(text.toString()).startsWith("Hello! I am the AIGuard demo model");
        JsonNode usage = JSON.readTree(data.get(data.size() - 2));
        assertThat(usage.get("choices")).isEmpty();
        assertThat(usage.at("/usage/prompt_tokens").asLong()).isEqualTo((13 + 3) / 4);
        assertThat(usage.at("/usage/completion_tokens").asLong()).isEqualTo((text.length() + 3) / 4);
        assertThat(data.size()).isGreaterThan(10);
    }

    @Test
    void listsTheDemoModel() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(serve.uri().resolve("/v1/models")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).at("/data/0/id").asText()).isEqualTo("aiguard-demo");
    }

    @Test
    void malformedChatBodyIsTheModelsOwn400() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", "{not json");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(serve.uri().resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder chatRequest(String body) {
        return HttpRequest.newBuilder(serve.uri().resolve("/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }
}
