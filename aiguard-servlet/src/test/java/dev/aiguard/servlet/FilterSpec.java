package dev.aiguard.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiguard.api.Block;
import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.EventType;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Mode;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.SecurityEvent;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The filter on a real servlet container: body pass-through, verdicts, and completion. Run per container. */
abstract class FilterSpec {

    /** Starts the server under test on 127.0.0.1, an ephemeral port, with one filter and one servlet. */
    abstract ServletServer start(jakarta.servlet.Filter filter, HttpServlet servlet) throws Exception;


    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();

    /** Echoes the request body; counts calls. */
    static final class EchoServlet extends HttpServlet {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            calls.incrementAndGet();
            byte[] body = req.getInputStream().readAllBytes();
            resp.setStatus(req.getParameter("status") == null ? 200 : Integer.parseInt(req.getParameter("status")));
            resp.setContentType("application/octet-stream");
            resp.getOutputStream().write(body);
        }
    }

    private static Guard guard(ConfiguredStage stage, Mode mode, int maxBodyBytes) {
        return Guard.create(GuardConfig.builder().mode(mode).maxBodyBytes(maxBodyBytes).stage(stage).build());
    }

    private HttpResponse<String> post(ServletServer server, String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void allowedRequestReachesApplicationWithBodyIntact() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        EchoServlet app = new EchoServlet();
        try (ServletServer server = start(new AiGuardFilter(guard(ConfiguredStage.of("t", stage), Mode.ENFORCE,
                1024)), app)) {
            HttpResponse<String> response = post(server, "/v1/chat?x=1", "{\"prompt\":\"hello\"}");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"prompt\":\"hello\"}");
            GuardRequest seen = stage.nextInspected();
            assertThat(seen.method()).isEqualTo("POST");
            assertThat(seen.path()).isEqualTo("/v1/chat");
            assertThat(seen.rawQuery()).isEqualTo("x=1");
            assertThat(seen.bodyAsString()).isEqualTo("{\"prompt\":\"hello\"}");
            assertThat(seen.bodyTruncated()).isFalse();
            assertThat(seen.headers().first("content-type")).contains("text/plain");
            assertThat(seen.remoteAddress().getAddress().isLoopbackAddress()).isTrue();
        }
    }

    @Test
    void bodyOverLimitIsInspectedTruncatedAndPassedWhole() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        String body = "0123456789".repeat(1000);
        try (ServletServer server = start(new AiGuardFilter(guard(ConfiguredStage.of("t", stage), Mode.ENFORCE,
                64)), new EchoServlet())) {
            HttpResponse<String> response = post(server, "/", body);

            assertThat(response.body()).isEqualTo(body);
            GuardRequest seen = stage.nextInspected();
            assertThat(seen.bodyTruncated()).isTrue();
            assertThat(seen.bodyAsString()).isEqualTo(body.substring(0, 64));
        }
    }

    @Test
    void bodyOfExactlyTheLimitIsNotTruncated() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        String body = "x".repeat(64);
        try (ServletServer server = start(new AiGuardFilter(guard(ConfiguredStage.of("t", stage), Mode.ENFORCE,
                64)), new EchoServlet())) {
            assertThat(post(server, "/", body).body()).isEqualTo(body);
            GuardRequest seen = stage.nextInspected();
            assertThat(seen.bodyTruncated()).isFalse();
            assertThat(seen.bodyAsString()).isEqualTo(body);
        }
    }

    @Test
    void zeroBodyLimitLeavesTheBodyToTheContainerAndMarksItTruncated() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        HttpServlet app = new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.getWriter().print(req.getParameter("name"));
            }
        };
        try (ServletServer server = start(new AiGuardFilter(guard(ConfiguredStage.of("t", stage), Mode.ENFORCE,
                0)), app)) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/form"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("name=container")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.body()).isEqualTo("container");
            GuardRequest seen = stage.nextInspected();
            assertThat(seen.body()).isEmpty();
            assertThat(seen.bodyTruncated()).isTrue();
        }
    }

    @Test
    void requestWithoutBodyIsNotTruncated() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        try (ServletServer server = start(new AiGuardFilter(guard(ConfiguredStage.of("t", stage), Mode.ENFORCE,
                16)), new EchoServlet())) {
            client.send(HttpRequest.newBuilder(server.uri("/")).GET().build(), HttpResponse.BodyHandlers.ofString());

            GuardRequest seen = stage.nextInspected();
            assertThat(seen.body()).isEmpty();
            assertThat(seen.bodyTruncated()).isFalse();
        }
    }

    @Test
    void formParametersStayReadableAfterInspection() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        HttpServlet app = new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("text/plain;charset=UTF-8");
                resp.getWriter().print(req.getParameter("q") + "|" + req.getParameter("name") + "|"
                        + String.join(",", req.getParameterValues("tag")));
            }
        };
        try (ServletServer server = start(new AiGuardFilter(guard(ConfiguredStage.of("t", stage), Mode.ENFORCE,
                8)), app)) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/form?q=1"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("name=J%C3%BCrgen+X&tag=a&tag=b")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.body()).isEqualTo("1|Jürgen X|a,b");
            assertThat(stage.nextInspected().bodyTruncated()).isTrue();
        }
    }

    @Test
    void blockedRequestGetsStatusAndProblemJsonAndNeverReachesApplication() throws Exception {
        TestStages.Recording stage = new TestStages.Recording(r -> Block.forbidden("test.forbidden", List.of("r1")));
        EchoServlet app = new EchoServlet();
        try (ServletServer server = start(new AiGuardFilter(guard(ConfiguredStage.of("t", stage), Mode.ENFORCE,
                1024)), app)) {
            HttpResponse<String> response = post(server, "/", "payload");

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/problem+json"));
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("status").asInt()).isEqualTo(403);
            assertThat(problem.get("title").asText()).isEqualTo("Forbidden");
            assertThat(problem.get("type").asText()).isEqualTo("about:blank");
            assertThat(problem.get("reason").asText()).isEqualTo("test.forbidden");
            assertThat(problem.get("requestId").asText()).isNotBlank();
            assertThat(app.calls).hasValue(0);
        }
    }

    @Test
    void tooManyRequestsCarriesRetryAfterRoundedUp() throws Exception {
        TestStages.Recording stage = new TestStages.Recording(
                r -> Block.tooManyRequests("budget.tokens", List.of(), Duration.ofMillis(1500)));
        try (ServletServer server = start(new AiGuardFilter(guard(ConfiguredStage.of("t", stage), Mode.ENFORCE,
                1024)), new EchoServlet())) {
            HttpResponse<String> response = post(server, "/", "x");

            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.headers().firstValue("Retry-After")).contains("2");
            assertThat(JSON.readTree(response.body()).get("title").asText()).isEqualTo("Too Many Requests");
        }
    }

    @Test
    void unauthorizedCarriesTheVerdictsResponseHeaders() throws Exception {
        TestStages.Recording stage = new TestStages.Recording(
                r -> Block.unauthorized("identity.missing", "Bearer realm=\"aiguard\""));
        try (ServletServer server = start(new AiGuardFilter(guard(ConfiguredStage.of("t", stage), Mode.ENFORCE,
                1024)), new EchoServlet())) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"aiguard\"");
            assertThat(JSON.readTree(response.body()).get("reason").asText()).isEqualTo("identity.missing");
        }
    }

    @Test
    void blockedExchangeIsCompletedWithTheBlockStatus() throws Exception {
        TestStages.Recording stage = new TestStages.Recording(r -> Block.payloadTooLarge("body.too_large"));
        try (ServletServer server = start(new AiGuardFilter(guard(ConfiguredStage.of("t", stage), Mode.ENFORCE,
                1024)), new EchoServlet())) {
            assertThat(post(server, "/", "x").statusCode()).isEqualTo(413);

            ResponseInfo info = stage.nextCompleted();
            assertThat(info.status()).isEqualTo(413);
            assertThat(info.outcome()).isEqualTo(ResponseInfo.Outcome.COMPLETED);
        }
    }

    @Test
    void allowedExchangeIsCompletedWithTheApplicationsStatus() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        try (ServletServer server = start(new AiGuardFilter(guard(ConfiguredStage.of("t", stage), Mode.ENFORCE,
                1024)), new EchoServlet())) {
            assertThat(post(server, "/?status=201", "x").statusCode()).isEqualTo(201);

            ResponseInfo info = stage.nextCompleted();
            assertThat(info.status()).isEqualTo(201);
            assertThat(info.outcome()).isEqualTo(ResponseInfo.Outcome.COMPLETED);
            assertThat(info.headers().first("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/octet-stream"));
        }
    }

    @Test
    void applicationFailureCompletesTheExchangeAsFailed() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        HttpServlet app = new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                throw new IllegalStateException("application bug");
            }
        };
        try (ServletServer server = start(new AiGuardFilter(guard(ConfiguredStage.of("t", stage), Mode.ENFORCE,
                1024)), app)) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(500);
            ResponseInfo info = stage.nextCompleted();
            assertThat(info.outcome()).isEqualTo(ResponseInfo.Outcome.FAILED);
            assertThat(info.status()).isEqualTo(500);
        }
    }

    @Test
    void monitorModeLetsABlockedRequestThroughAndEmitsAWouldBlockEvent() throws Exception {
        TestStages.Recording stage = new TestStages.Recording(r -> Block.forbidden("test.forbidden", List.of("r1")));
        List<SecurityEvent> events = new CopyOnWriteArrayList<>();
        Guard guard = Guard.create(GuardConfig.builder().mode(Mode.MONITOR).stage(ConfiguredStage.of("t", stage))
                .sink(events::add).build());
        EchoServlet app = new EchoServlet();
        try (ServletServer server = start(new AiGuardFilter(guard), app)) {
            HttpResponse<String> response = post(server, "/", "payload");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("payload");
            assertThat(app.calls).hasValue(1);
            assertThat(events).extracting(SecurityEvent::type).containsExactly(EventType.REQUEST_WOULD_BLOCK);
        }
    }

    @Test
    void guardFailureAnswers500ProblemAndNeverReachesTheContainer() throws Exception {
        // Guard.inspect rethrows errors the JVM cannot recover from; the filter must still answer.
        ConfiguredStage broken = ConfiguredStage.of("broken", exchange -> {
            throw new InternalError("secret-request-data");
        });
        EchoServlet app = new EchoServlet();
        try (ServletServer server = start(new AiGuardFilter(guard(broken, Mode.ENFORCE, 1024)), app)) {
            HttpResponse<String> response = post(server, "/", "x");

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(JSON.readTree(response.body()).get("reason").asText()).isEqualTo("aiguard.internal_error");
            assertThat(response.body()).doesNotContain("secret-request-data");
            assertThat(app.calls).hasValue(0);
        }
    }

    @Test
    void failingStageWithFailClosedAnswers503() throws Exception {
        ConfiguredStage broken = ConfiguredStage.of("broken", exchange -> {
            throw new IllegalStateException("boom");
        });
        try (ServletServer server = start(new AiGuardFilter(guard(broken, Mode.ENFORCE, 1024)),
                new EchoServlet())) {
            HttpResponse<String> response = post(server, "/", "x");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(503);
        }
    }

    @Test
    void problemBodyIsValidJsonForAnyReason() throws Exception {
        TestStages.Recording stage = new TestStages.Recording(
                r -> new Block(400, 3, "odd \"reason\"\\\n", List.of(), null, Map.of()));
        try (ServletServer server = start(new AiGuardFilter(guard(ConfiguredStage.of("t", stage), Mode.ENFORCE,
                1024)), new EchoServlet())) {
            HttpResponse<String> response = post(server, "/", "x");

            assertThat(JSON.readTree(response.body()).get("reason").asText()).isEqualTo("odd \"reason\"\\\n");
            assertThat(response.body().getBytes(StandardCharsets.UTF_8)).hasSize(
                    Integer.parseInt(response.headers().firstValue("Content-Length").orElseThrow()));
        }
    }
}
