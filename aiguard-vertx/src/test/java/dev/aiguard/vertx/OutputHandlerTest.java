package dev.aiguard.vertx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiguard.api.Guard;
import dev.aiguard.output.spec.OutputAdapterSpec;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response-side behaviour on a real Vert.x HTTP server: an SSE stream written chunk by chunk (from timers, like a
 * model server) and a buffered JSON answer go through the output stages; a stopped stream ends with an
 * {@code aiguard.cut} event, a stopped buffered answer is answered with the block's problem.
 */
class OutputHandlerTest extends OutputAdapterSpec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Vertx vertx;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Set when the application's write failed because the guard had ended its response. */
    private final AtomicBoolean writeRefused = new AtomicBoolean();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Streams each piece as an OpenAI chat chunk, one every 2 ms, then {@code [DONE]}; or answers it whole. */
    private Consumer<Router> model(List<String> pieces) {
        return router -> {
            router.post("/v1/chat/completions").handler(ctx -> {
                HttpServerResponse response = ctx.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
                int[] next = {0};
                ctx.vertx().setPeriodic(2, id -> {
                    try {
                        if (next[0] < pieces.size()) {
                            response.write(new JsonObject().put("choices", new JsonArray().add(new JsonObject()
                                    .put("index", 0).put("delta", new JsonObject().put("content", pieces.get(next[0]++)))))
                                    .encode().transform("data: "::concat) + "\n\n");
                            return;
                        }
                        ctx.vertx().cancelTimer(id);
                        response.end("data: [DONE]\n\n");
                    } catch (IllegalStateException e) {
                        writeRefused.set(true);
                        ctx.vertx().cancelTimer(id);
                    }
                });
            });
            router.post("/v1/whole").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                            .put("message", new JsonObject().put("role", "assistant")
                                    .put("content", String.join("", pieces))))).encode()));
        };
    }

    private HttpResponse<String> post(Guard guard, List<String> pieces, String path) throws Exception {
        try (VertxServer server = VertxServer.start(vertx, AiGuardHandler.create(guard), model(pieces))) {
            return client.send(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"stream\":true,\"messages\":"
                            + "[{\"role\":\"user\",\"content\":\"What is my key?\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @Override
    protected Answer stream(Guard guard, List<String> pieces) throws Exception {
        HttpResponse<String> response = post(guard, pieces, "/v1/chat/completions");
        assertThat(response.statusCode()).isEqualTo(200);
        StringBuilder text = new StringBuilder();
        boolean done = false;
        String reason = null;
        for (String event : response.body().split("\n\n")) {
            if (event.startsWith("event: aiguard.cut\n")) {
                reason = JSON.readTree(event.substring(event.indexOf("data: ") + 6)).path("reason").asText();
            } else if (event.equals("data: [DONE]")) {
                done = true;
            } else if (event.startsWith("data: ")) {
                JsonNode chunk = JSON.readTree(event.substring(6));
                text.append(chunk.path("choices").path(0).path("delta").path("content").asText());
            }
        }
        return new Answer(text.toString(), done, reason);
    }

    @Override
    protected Answer whole(Guard guard, String text) throws Exception {
        HttpResponse<String> response = post(guard, List.of(text), "/v1/whole");
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(response.body().length());
            return new Answer("", false, body.path("reason").asText());
        }
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(response.body().length());
        return new Answer(body.path("choices").path(0).path("message").path("content").asText(), true, null);
    }

    @Test
    void theApplicationsNextWriteFailsOnceTheGuardCutItsStream() throws Exception {
        List<String> pieces = new java.util.ArrayList<>(LEAKING);
        for (int i = 0; i < 40; i++) {
            pieces.add(" and then some more text");
        }
        Answer answer = stream(guard("strict", Map.of("secret", "block")), pieces);

        assertThat(answer.reason()).isEqualTo("output.secret");
        assertThat(answer.text()).doesNotContain("AKIA");
        // The model's timer writes again after the cut: that write is refused, as if the client had gone.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!writeRefused.get() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(writeRefused).isTrue();
    }

    @Test
    void aKeepAliveConnectionServesTheNextRequestAfterACut() throws Exception {
        Guard guard = guard("strict", Map.of("secret", "block"));
        try (VertxServer server = VertxServer.start(vertx, AiGuardHandler.create(guard), model(LEAKING))) {
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/v1/chat/completions"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"stream\":true}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.body()).doesNotContain("AKIA")
                        .endsWith("event: aiguard.cut\ndata: {\"reason\":\"output.secret\"}\n\n");
            }
        }
    }
}
