package dev.aiguard.cli.internal.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A mock of an OpenAI-compatible model server, for the demo: {@code POST /v1/chat/completions} answers a canned
 * assistant message, as one JSON document or (with {@code "stream": true}) as server-sent events ending with a usage
 * chunk and {@code data: [DONE]}; {@code GET /v1/models} lists the one model. Token counts are estimated as one token
 * per four characters, the usual rule of thumb for English text.
 */
public final class MockModelHandler extends Handler.Abstract {

    /** The model this mock serves. */
    public static final String MODEL = "aiguard-demo";
    /** What the mock always answers. */
    public static final String ANSWER = "Hello! I am the AIGuard demo model, a mock that gives this same answer to every "
            + "request. Your request passed every stage of the guard before reaching me.";
    static final String CHAT_PATH = "/v1/chat/completions";
    static final String MODELS_PATH = "/v1/models";
    private static final int MAX_REQUEST_BYTES = 1 << 20;

    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong ids = new AtomicLong();
    private final BodyBuffer bodies = new BodyBuffer(Duration.ofSeconds(30));
    private final Duration chunkDelay;

    /** @param chunkDelay pause between streamed chunks, so a stream looks like one */
    public MockModelHandler(Duration chunkDelay) {
        super(InvocationType.BLOCKING);
        this.chunkDelay = chunkDelay;
    }

    /** Estimated tokens of a text: a quarter of its characters, rounded up. */
    public static long estimateTokens(long chars) {
        return (chars + 3) / 4;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        if (CHAT_PATH.equals(path)) {
            if (!HttpMethod.POST.is(method)) {
                return error(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "use POST for " + CHAT_PATH);
            }
            return chat(request, response, callback);
        }
        if (MODELS_PATH.equals(path)) {
            if (!HttpMethod.GET.is(method)) {
                return error(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "use GET for " + MODELS_PATH);
            }
            return sendJson(response, callback, HttpStatus.OK_200, models());
        }
        return error(response, callback, HttpStatus.NOT_FOUND_404, "unknown path; try POST " + CHAT_PATH);
    }

    private boolean chat(Request request, Response response, Callback callback) throws IOException {
        BufferedBody body = bodies.read(request, MAX_REQUEST_BYTES);
        if (body.truncated()) {
            return error(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, "request body too large");
        }
        JsonNode chat;
        try {
            chat = json.readTree(body.consumed());
        } catch (IOException e) {
            return error(response, callback, HttpStatus.BAD_REQUEST_400, "request body is not valid JSON");
        }
        if (chat == null || !chat.path("messages").isArray() || chat.path("messages").isEmpty()) {
            return error(response, callback, HttpStatus.BAD_REQUEST_400, "'messages' must be a non-empty array");
        }
        String model = chat.path("model").isTextual() ? chat.path("model").asText() : MODEL;
        Completion completion = new Completion("chatcmpl-demo-" + ids.incrementAndGet(), System.currentTimeMillis() / 1000,
                model, estimateTokens(promptChars(chat.path("messages"))), estimateTokens(ANSWER.length()));
        if (chat.path("stream").asBoolean(false)) {
            stream(response, callback, completion);
            return true;
        }
        return sendJson(response, callback, HttpStatus.OK_200, completionJson(completion));
    }

    /** Characters of every message's text, whether {@code content} is a string or a list of text parts. */
    private static long promptChars(JsonNode messages) {
        long chars = 0;
        for (JsonNode message : messages) {
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                chars += content.asText().length();
            } else if (content.isArray()) {
                for (JsonNode part : content) {
                    chars += part.path("text").asText("").length();
                }
            }
        }
        return chars;
    }

    private ObjectNode completionJson(Completion c) {
        ObjectNode root = header(c, "chat.completion");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", ANSWER);
        choice.put("finish_reason", "stop");
        usage(root, c);
        return root;
    }

    private void stream(Response response, Callback callback, Completion c) throws IOException {
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        List<String> events = new ArrayList<>();
        boolean first = true;
        for (String piece : pieces(ANSWER)) {
            ObjectNode chunk = header(c, "chat.completion.chunk");
            ObjectNode choice = chunk.putArray("choices").addObject();
            choice.put("index", 0);
            ObjectNode delta = choice.putObject("delta");
            if (first) {
                delta.put("role", "assistant");
                first = false;
            }
            delta.put("content", piece);
            choice.putNull("finish_reason");
            events.add(chunk.toString());
        }
        ObjectNode stop = header(c, "chat.completion.chunk");
        ObjectNode stopChoice = stop.putArray("choices").addObject();
        stopChoice.put("index", 0);
        stopChoice.putObject("delta");
        stopChoice.put("finish_reason", "stop");
        events.add(stop.toString());
        ObjectNode usage = header(c, "chat.completion.chunk");
        usage.putArray("choices");
        usage(usage, c);
        events.add(usage.toString());
        events.add("[DONE]");
        for (String event : events) {
            writeBlocking(response, "data: " + event + "\n\n");
            pause();
        }
        response.write(true, null, callback);
    }

    /** The answer cut into word-sized pieces (each keeps its leading space, as models stream them). */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                pieces.add(text.substring(start, i));
                start = i;
            }
        }
        return pieces;
    }

    private ObjectNode header(Completion c, String object) {
        ObjectNode root = json.createObjectNode();
        root.put("id", c.id());
        root.put("object", object);
        root.put("created", c.created());
        root.put("model", c.model());
        return root;
    }

    private static void usage(ObjectNode root, Completion c) {
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", c.promptTokens());
        usage.put("completion_tokens", c.completionTokens());
        usage.put("total_tokens", c.promptTokens() + c.completionTokens());
    }

    private ObjectNode models() {
        ObjectNode root = json.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        ObjectNode model = data.addObject();
        model.put("id", MODEL);
        model.put("object", "model");
        model.put("created", 0);
        model.put("owned_by", "aiguard");
        return root;
    }

    /** An OpenAI-style error document. */
    private boolean error(Response response, Callback callback, int status, String message) {
        ObjectNode root = json.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", status >= 500 ? "server_error" : "invalid_request_error");
        error.putNull("param");
        error.putNull("code");
        return sendJson(response, callback, status, root);
    }

    private static boolean sendJson(Response response, Callback callback, int status, ObjectNode body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, body.toString(), callback);
        return true;
    }

    private static void writeBlocking(Response response, String text) throws IOException {
        try (Blocker.Callback written = Blocker.callback()) {
            response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), written);
            written.block();
        }
    }

    private void pause() throws InterruptedIOException {
        if (chunkDelay.isZero()) {
            return;
        }
        try {
            Thread.sleep(chunkDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("stream interrupted");
        }
    }

    private record Completion(String id, long created, String model, long promptTokens, long completionTokens) {
    }
}
