package dev.aiguard.vertx;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A mock OpenAI-style model behind the guard. {@code POST /v1/chat/completions} answers JSON, or with
 * {@code "stream":true} an SSE stream written from timers (one event every 5 ms) that ends with a usage chunk;
 * {@code "mock_output_tokens"} sets the reported completion tokens, and the model {@code "endless"} streams until the
 * client leaves. {@code POST /echo} returns the body it received.
 */
final class MockModel implements Consumer<Router> {

    static final int STREAM_PROMPT_TOKENS = 7;
    static final int JSON_PROMPT_TOKENS = 10;

    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger streamWritesAfterClose = new AtomicInteger();

    @Override
    public void accept(Router router) {
        router.post("/echo").handler(ctx -> {
            calls.incrementAndGet();
            ctx.response().putHeader("Content-Type", "application/octet-stream").end(ctx.body().buffer());
        });
        router.post("/v1/chat/completions").handler(this::chat);
    }

    private void chat(RoutingContext ctx) {
        calls.incrementAndGet();
        JsonObject request = ctx.body().asJsonObject();
        long output = request.getLong("mock_output_tokens", 3L);
        if (request.getBoolean("stream", false)) {
            stream(ctx, output, "endless".equals(request.getString("model")));
            return;
        }
        ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                .put("id", "chatcmpl-1").put("object", "chat.completion")
                .put("choices", new io.vertx.core.json.JsonArray().add(new JsonObject().put("index", 0)
                        .put("message", new JsonObject().put("role", "assistant").put("content", "hi"))))
                .put("usage", new JsonObject().put("prompt_tokens", JSON_PROMPT_TOKENS)
                        .put("completion_tokens", output).put("total_tokens", JSON_PROMPT_TOKENS + output))
                .encode());
    }

    private void stream(RoutingContext ctx, long output, boolean endless) {
        HttpServerResponse response = ctx.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
        AtomicInteger sent = new AtomicInteger();
        ctx.vertx().setPeriodic(5, id -> {
            if (response.closed() || response.ended()) {
                ctx.vertx().cancelTimer(id);
                return;
            }
            int n = sent.incrementAndGet();
            if (endless || n <= 3) {
                response.write("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"t" + n + "\"}}]}\n\n");
                return;
            }
            ctx.vertx().cancelTimer(id);
            response.write("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":" + STREAM_PROMPT_TOKENS
                    + ",\"completion_tokens\":" + output + ",\"total_tokens\":" + (STREAM_PROMPT_TOKENS + output)
                    + "}}\n\n");
            response.end("data: [DONE]\n\n");
        });
    }
}
