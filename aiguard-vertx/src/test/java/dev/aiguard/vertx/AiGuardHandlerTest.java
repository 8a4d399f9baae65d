package dev.aiguard.vertx;

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
import dev.aiguard.api.Usage;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The handler on a real Vert.x HTTP server: body pass-through, verdicts, completion and usage. */
class AiGuardHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPENAI_JSON = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{"
            + "\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"}}],"
            + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":34,\"total_tokens\":46}}";

    private static Vertx vertx;
    /** HTTP/1.1: usage is read from HTTP/1.x responses (see {@link #http2ResponseCompletesWithUnknownUsage}). */
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Guard guard(TestStages.Recording stage, Mode mode, int maxBodyBytes) {
        return Guard.create(GuardConfig.builder().mode(mode).maxBodyBytes(maxBodyBytes)
                .stage(ConfiguredStage.of("t", stage)).build());
    }

    /** Echoes the body the routes see; {@code ?status=} sets the status. */
    private Consumer<Router> echo() {
        return router -> router.route("/*").handler(ctx -> {
            calls.incrementAndGet();
            Buffer body = ctx.body().buffer();
            String status = ctx.request().getParam("status");
            ctx.response().setStatusCode(status == null ? 200 : Integer.parseInt(status))
                    .putHeader("Content-Type", "application/octet-stream")
                    .end(body == null ? Buffer.buffer() : body);
        });
    }

    private HttpResponse<String> post(VertxServer server, String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void allowedRequestReachesTheRoutesWithItsBodyIntact() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        try (VertxServer server = VertxServer.start(vertx, AiGuardHandler.create(guard(stage, Mode.ENFORCE, 1024)),
                echo())) {
            HttpResponse<String> response = post(server, "/v1/chat?x=1", "{\"prompt\":\"hello\"}");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"prompt\":\"hello\"}");
            GuardRequest seen = stage.nextInspected();
            assertThat(seen.method()).isEqualTo("POST");
            assertThat(seen.path()).isEqualTo("/v1/chat");
            assertThat(seen.rawQuery()).isEqualTo("x=1");
            assertThat(seen.protocol()).isEqualTo("HTTP/1.1");
            assertThat(seen.bodyAsString()).isEqualTo("{\"prompt\":\"hello\"}");
            assertThat(seen.bodyTruncated()).isFalse();
            assertThat(seen.headers().first("content-type")).contains("text/plain");
            assertThat(seen.remoteAddress().getAddress().isLoopbackAddress()).isTrue();
        }
    }

    @Test
    void bodyOverTheInspectionLimitIsInspectedTruncatedAndPassedWhole() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        String body = "0123456789".repeat(1000);
        try (VertxServer server = VertxServer.start(vertx, AiGuardHandler.create(guard(stage, Mode.ENFORCE, 64)),
                echo())) {
            assertThat(post(server, "/", body).body()).isEqualTo(body);

            GuardRequest seen = stage.nextInspected();
            assertThat(seen.bodyTruncated()).isTrue();
            assertThat(seen.bodyAsString()).isEqualTo(body.substring(0, 64));
        }
    }

    @Test
    void bodyOfExactlyTheLimitIsNotTruncated() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        String body = "x".repeat(64);
        try (VertxServer server = VertxServer.start(vertx, AiGuardHandler.create(guard(stage, Mode.ENFORCE, 64)),
                echo())) {
            assertThat(post(server, "/", body).body()).isEqualTo(body);

            GuardRequest seen = stage.nextInspected();
            assertThat(seen.bodyTruncated()).isFalse();
            assertThat(seen.bodyAsString()).isEqualTo(body);
        }
    }

    @Test
    void requestWithoutBodyIsInspectedWithAnEmptyBody() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        try (VertxServer server = VertxServer.start(vertx, AiGuardHandler.create(guard(stage, Mode.ENFORCE, 16)),
                echo())) {
            client.send(HttpRequest.newBuilder(server.uri("/")).GET().build(), HttpResponse.BodyHandlers.ofString());

            GuardRequest seen = stage.nextInspected();
            assertThat(seen.body()).isEmpty();
            assertThat(seen.bodyTruncated()).isFalse();
        }
    }

    @Test
    void bodyOverTheHandlersBodyLimitIsRefusedWith413BeforeInspection() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        AiGuardHandler handler = AiGuardHandler.builder(guard(stage, Mode.ENFORCE, 64)).bodyLimit(100).build();
        try (VertxServer server = VertxServer.start(vertx, handler, echo())) {
            HttpResponse<String> response = post(server, "/", "y".repeat(101));

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(JSON.readTree(response.body()).get("reason").asText())
                    .isEqualTo(AiGuardHandler.BODY_LIMIT_REASON);
            assertThat(calls).hasValue(0);
            assertThat(stage.inspected).isEmpty();
        }
    }

    @Test
    void chunkedBodyGrowingOverTheBodyLimitIsRefusedWith413() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        AiGuardHandler handler = AiGuardHandler.builder(guard(stage, Mode.ENFORCE, 64)).bodyLimit(1000).build();
        byte[] body = "z".repeat(5000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (VertxServer server = VertxServer.start(vertx, handler, echo())) {
            // An input-stream publisher has no length: the client sends the body chunked, without Content-Length.
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/"))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(calls).hasValue(0);
            assertThat(stage.inspected).isEmpty();
        }
    }

    @Test
    void formFieldsStayReadableAndALaterBodyHandlerIsHarmless() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        Consumer<Router> app = router -> {
            router.post("/form").handler(ctx -> ctx.response().end(ctx.request().getParam("q") + "|"
                    + ctx.request().getFormAttribute("name") + "|"
                    + String.join(",", ctx.request().formAttributes().getAll("tag")) + "|" + ctx.body().asString()));
            router.post("/merged").handler(BodyHandler.create()).handler(ctx -> ctx.response().end(
                    String.join(",", ctx.request().params().getAll("tag")) + "|" + ctx.body().asString()));
        };
        String form = "name=J%C3%BCrgen+X&tag=a&tag=b";
        try (VertxServer server = VertxServer.start(vertx, AiGuardHandler.create(guard(stage, Mode.ENFORCE, 8)), app)) {
            for (String path : List.of("/form?q=1", "/merged")) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());

                assertThat(response.body()).isEqualTo(path.equals("/merged") ? "a,b|" + form : "1|Jürgen X|a,b|" + form);
                assertThat(stage.nextInspected().bodyTruncated()).isTrue();
            }
        }
    }

    @Test
    void http2ResponseCompletesWithUnknownUsage() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        HttpClient h2c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        Consumer<Router> app = router -> router.route("/*").handler(ctx ->
                ctx.response().putHeader("Content-Type", "application/json").end(OPENAI_JSON));
        try (VertxServer server = VertxServer.start(vertx, AiGuardHandler.create(guard(stage, Mode.ENFORCE, 1024)),
                app)) {
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> response = h2c.send(HttpRequest.newBuilder(server.uri("/v1/chat/completions"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.body()).isEqualTo(OPENAI_JSON);
                // Vert.x serves the h2c upgrade request as HTTP/2 stream 1, like the requests after it.
                assertThat(stage.nextInspected().protocol()).isEqualTo("HTTP/2");
                ResponseInfo info = stage.nextCompleted();
                assertThat(info.outcome()).isEqualTo(ResponseInfo.Outcome.COMPLETED);
                assertThat(info.status()).isEqualTo(200);
                assertThat(info.usage()).isEqualTo(Usage.unknown());
            }
        }
    }

    @Test
    void blockedRequestGetsStatusAndProblemJsonAndNeverReachesTheRoutes() throws Exception {
        TestStages.Recording stage = new TestStages.Recording(r -> Block.forbidden("test.forbidden", List.of("r1")));
        try (VertxServer server = VertxServer.start(vertx, AiGuardHandler.create(guard(stage, Mode.ENFORCE, 1024)),
                echo())) {
            HttpResponse<String> response = post(server, "/", "payload");

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("status").asInt()).isEqualTo(403);
            assertThat(problem.get("title").asText()).isEqualTo("Forbidden");
            assertThat(problem.get("reason").asText()).isEqualTo("test.forbidden");
            assertThat(problem.get("requestId").asText()).isNotBlank();
            assertThat(calls).hasValue(0);
            ResponseInfo info = stage.nextCompleted();
            assertThat(info.status()).isEqualTo(403);
            assertThat(info.outcome()).isEqualTo(ResponseInfo.Outcome.COMPLETED);
        }
    }

    @Test
    void tooManyRequestsCarriesRetryAfterAndTheVerdictsHeaders() throws Exception {
        TestStages.Recording stage = new TestStages.Recording(r -> new Block(429, 8, "budget.tokens", List.of(),
                Duration.ofMillis(1500), Map.of("RateLimit", "\"user\";r=0;t=2")));
        try (VertxServer server = VertxServer.start(vertx, AiGuardHandler.create(guard(stage, Mode.ENFORCE, 1024)),
                echo())) {
            HttpResponse<String> response = post(server, "/", "x");

            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.headers().firstValue("Retry-After")).contains("2");
            assertThat(response.headers().firstValue("RateLimit")).contains("\"user\";r=0;t=2");
            assertThat(JSON.readTree(response.body()).get("title").asText()).isEqualTo("Too Many Requests");
        }
    }

    @Test
    void unauthorizedCarriesWwwAuthenticate() throws Exception {
        TestStages.Recording stage = new TestStages.Recording(
                r -> Block.unauthorized("identity.missing", "Bearer realm=\"aiguard\""));
        try (VertxServer server = VertxServer.start(vertx, AiGuardHandler.create(guard(stage, Mode.ENFORCE, 1024)),
                echo())) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"aiguard\"");
        }
    }

    @Test
    void allowedExchangeIsCompletedWithTheRoutesStatusAndJsonUsage() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        Consumer<Router> app = router -> router.post("/v1/chat/completions").handler(ctx ->
                ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(OPENAI_JSON));
        try (VertxServer server = VertxServer.start(vertx, AiGuardHandler.create(guard(stage, Mode.ENFORCE, 1024)),
                app)) {
            HttpResponse<String> response = post(server, "/v1/chat/completions", "{}");

            assertThat(response.body()).isEqualTo(OPENAI_JSON);
            ResponseInfo info = stage.nextCompleted();
            assertThat(info.status()).isEqualTo(201);
            assertThat(info.usage()).isEqualTo(new Usage(12, 34));
            assertThat(info.outcome()).isEqualTo(ResponseInfo.Outcome.COMPLETED);
            assertThat(info.headers().first("Content-Type")).contains("application/json");
        }
    }

    @Test
    void jsonWrittenInPiecesFromAWorkerThreadIsReconciled() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        Consumer<Router> app = router -> router.post("/v1/chat/completions").blockingHandler(ctx -> {
            ctx.response().setChunked(true).putHeader("Content-Type", "application/json");
            for (int i = 0; i < OPENAI_JSON.length(); i += 10) {
                ctx.response().write(OPENAI_JSON.substring(i, Math.min(OPENAI_JSON.length(), i + 10)));
            }
            ctx.response().end();
        });
        try (VertxServer server = VertxServer.start(vertx, AiGuardHandler.create(guard(stage, Mode.ENFORCE, 1024)),
                app)) {
            assertThat(post(server, "/v1/chat/completions", "{}").body()).isEqualTo(OPENAI_JSON);

            assertThat(stage.nextCompleted().usage()).isEqualTo(new Usage(12, 34));
        }
    }

    @Test
    void responseWithoutUsageCompletesWithUnknownUsage() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        Consumer<Router> app = router -> router.get("/").handler(ctx ->
                ctx.response().putHeader("Content-Type", "text/html").end("<p>{\"prompt_tokens\":5}</p>"));
        try (VertxServer server = VertxServer.start(vertx, AiGuardHandler.create(guard(stage, Mode.ENFORCE, 1024)),
                app)) {
            client.send(HttpRequest.newBuilder(server.uri("/")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(stage.nextCompleted().usage()).isEqualTo(Usage.unknown());
        }
    }

    @Test
    void routeFailureCompletesTheExchangeAsFailed() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        Consumer<Router> app = router -> router.get("/").handler(ctx -> {
            throw new IllegalStateException("application bug");
        });
        try (VertxServer server = VertxServer.start(vertx, AiGuardHandler.create(guard(stage, Mode.ENFORCE, 1024)),
                app)) {
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
        try (VertxServer server = VertxServer.start(vertx, AiGuardHandler.create(guard), echo())) {
            HttpResponse<String> response = post(server, "/", "payload");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("payload");
            assertThat(calls).hasValue(1);
            assertThat(events).extracting(SecurityEvent::type).containsExactly(EventType.REQUEST_WOULD_BLOCK);
        }
    }

    @Test
    void guardFailureAnswers500ProblemWithoutRequestData() throws Exception {
        ConfiguredStage broken = ConfiguredStage.of("broken", exchange -> {
            throw new InternalError("secret-request-data");
        });
        Guard guard = Guard.create(GuardConfig.builder().stage(broken).build());
        try (VertxServer server = VertxServer.start(vertx, AiGuardHandler.create(guard), echo())) {
            HttpResponse<String> response = post(server, "/", "x");

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(JSON.readTree(response.body()).get("reason").asText()).isEqualTo("aiguard.internal_error");
            assertThat(response.body()).doesNotContain("secret-request-data");
            assertThat(calls).hasValue(0);
        }
    }

    @Test
    void failingStageWithFailClosedAnswers503() throws Exception {
        ConfiguredStage broken = ConfiguredStage.of("broken", exchange -> {
            throw new IllegalStateException("boom");
        });
        Guard guard = Guard.create(GuardConfig.builder().stage(broken).build());
        try (VertxServer server = VertxServer.start(vertx, AiGuardHandler.create(guard), echo())) {
            HttpResponse<String> response = post(server, "/", "x");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(503);
        }
    }

    @Test
    void rerouteInspectsOnlyOnce() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        Consumer<Router> app = router -> {
            router.post("/old").handler(ctx -> ctx.reroute("/new"));
            router.post("/new").handler(ctx -> ctx.response().end("new:" + ctx.body().asString()));
        };
        try (VertxServer server = VertxServer.start(vertx, AiGuardHandler.create(guard(stage, Mode.ENFORCE, 1024)),
                app)) {
            assertThat(post(server, "/old", "abc").body()).isEqualTo("new:abc");

            stage.nextInspected();
            stage.nextCompleted();
            assertThat(stage.inspected).isEmpty();
            assertThat(stage.completed).isEmpty();
        }
    }
}
