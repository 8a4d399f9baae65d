package dev.aiguard.llm.internal.parse;

import static dev.aiguard.llm.internal.parse.Json.field;
import static dev.aiguard.llm.internal.parse.Json.isArray;
import static dev.aiguard.llm.internal.parse.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiguard.llm.SegmentSource;

/** Ollama native API: {@code /api/chat} and {@code /api/generate}. Ollama streams unless told {@code "stream": false}. */
final class OllamaExtractor {

    private OllamaExtractor() {
    }

    static void chat(JsonNode root, SegmentCollector c) {
        common(root, c);
        JsonNode messages = field(root, "messages");
        if (!isArray(messages)) {
            return;
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String path = "messages[" + i + "]";
            c.text(OpenAiExtractor.roleSource(text(m, "role")), field(m, "content"), path + ".content");
            images(field(m, "images"), c);
            JsonNode calls = field(m, "tool_calls");
            if (isArray(calls)) {
                for (int j = 0; j < calls.size(); j++) {
                    c.textOrJson(SegmentSource.TOOL_CALL_ARGUMENTS, field(field(calls.get(j), "function"), "arguments"),
                            path + ".tool_calls[" + j + "].function.arguments");
                }
            }
        }
    }

    static void generate(JsonNode root, SegmentCollector c) {
        common(root, c);
        c.text(SegmentSource.SYSTEM, field(root, "system"), "system");
        c.text(SegmentSource.USER, field(root, "prompt"), "prompt");
        c.text(SegmentSource.USER, field(root, "suffix"), "suffix");
        images(field(root, "images"), c);
    }

    private static void common(JsonNode root, SegmentCollector c) {
        c.model(field(root, "model"));
        c.stream(true);
        c.stream(field(root, "stream"));
        c.maxOutputTokens(field(root, "options"), "num_predict");
        JsonNode tools = field(root, "tools");
        if (isArray(tools)) {
            tools.forEach(t -> c.tool(field(field(t, "function"), "name")));
        }
    }

    private static void images(JsonNode images, SegmentCollector c) {
        if (isArray(images)) {
            images.forEach(x -> c.image());
        }
    }
}
