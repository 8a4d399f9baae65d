package dev.aiguard.vertx;

import dev.aiguard.api.ConfiguredStage;
import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardConfig;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.adapter.StreamLimit;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The stream-cut switch on Vert.x: a streamed response ends cleanly once the stream limit trips, and only then. */
class StreamCutTest {

    private static final int EVENTS = 20;
    private static Vertx vertx;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger written = new AtomicInteger();
    private final AtomicBoolean writeRefused = new AtomicBoolean();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Streams Anthropic-style deltas from a timer, each reporting two more output tokens. */
    private Consumer<Router> streaming() {
        return router -> router.post("/v1/messages").handler(ctx -> {
            HttpServerResponse response = ctx.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
            ctx.vertx().setPeriodic(2, id -> {
                int i = written.get() + 1;
                try {
                    response.write("event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":"
                            + (2 * i) + "}}\n\n");
                    written.incrementAndGet();
                    if (i == EVENTS) {
                        ctx.vertx().cancelTimer(id);
                        response.end();
                    }
                } catch (IllegalStateException e) {
                    // The response was ended by the cut: the application learns its stream is over.
                    writeRefused.set(true);
                    ctx.vertx().cancelTimer(id);
                }
            });
        });
    }

    private HttpResponse<String> stream(VertxServer server) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri("/v1/messages"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void streamIsCutCleanlyOnceTheLimitTrips() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        Guard guard = Guard.create(GuardConfig.builder().stage(ConfiguredStage.of("t", stage)).build());
        AiGuardHandler handler = AiGuardHandler.builder(guard).streamLimit(StreamLimit.outputTokens(5)).build();
        try (VertxServer server = VertxServer.start(vertx, handler, streaming())) {
            HttpResponse<String> response = stream(server);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"output_tokens\":6}")
                    .doesNotContain("\"output_tokens\":8}")
                    .endsWith("event: aiguard.cut\ndata: {\"reason\":\"aiguard.stream_limit\"}\n\n");
            ResponseInfo info = stage.nextCompleted();
            assertThat(info.usage().outputTokens()).isEqualTo(6);
            assertThat(info.outcome()).isEqualTo(ResponseInfo.Outcome.CANCELLED);
            assertThat(written).hasValue(3);
            assertThat(writeRefused).isTrue();
        }
    }

    @Test
    void withoutAStreamLimitTheWholeStreamPasses() throws Exception {
        TestStages.Recording stage = TestStages.Recording.allowing();
        Guard guard = Guard.create(GuardConfig.builder().stage(ConfiguredStage.of("t", stage)).build());
        try (VertxServer server = VertxServer.start(vertx, AiGuardHandler.create(guard), streaming())) {
            HttpResponse<String> response = stream(server);

            assertThat(response.body()).contains("\"output_tokens\":40}").doesNotContain("aiguard.cut");
            ResponseInfo info = stage.nextCompleted();
            assertThat(info.usage().outputTokens()).isEqualTo(40);
            assertThat(info.outcome()).isEqualTo(ResponseInfo.Outcome.COMPLETED);
        }
    }
}
