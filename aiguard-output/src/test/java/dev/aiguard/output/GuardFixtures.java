package dev.aiguard.output;

import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.OutputChunk;
import dev.aiguard.api.ResponseGuard;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Requests and response plumbing shared by the stage tests. */
public final class GuardFixtures {

    private GuardFixtures() {
    }

    /** An OpenAI chat request with a system and a user message. */
    public static GuardRequest chat(String system, String user) {
        var body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("model", "gpt-4o");
        var messages = body.putArray("messages");
        if (system != null) {
            messages.addObject().put("role", "system").put("content", system);
        }
        messages.addObject().put("role", "user").put("content", user);
        return GuardRequest.builder().method("POST").uri("/v1/chat/completions")
                .headers(Headers.of("Content-Type", "application/json")).body(body.toString()).build();
    }

    /** An OpenAI chat stream whose deltas are {@code deltas}. */
    public static byte[] sse(String... deltas) {
        StringBuilder sb = new StringBuilder();
        for (String d : deltas) {
            sb.append("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":")
                    .append(com.fasterxml.jackson.databind.node.TextNode.valueOf(d).toString()).append("}}]}\n\n");
        }
        return sb.append("data: [DONE]\n\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Feeds {@code body} in chunks of {@code chunk} bytes and returns what the client would get. */
    public static String respond(ResponseGuard guard, byte[] body, int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < body.length && !guard.cut(); i += chunk) {
            OutputChunk c = guard.write(body, i, Math.min(chunk, body.length - i));
            out.writeBytes(c.data());
        }
        out.writeBytes(guard.finish().data());
        return out.toString(StandardCharsets.UTF_8);
    }
}
