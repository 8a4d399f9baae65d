package dev.aiguard.llm.internal.parse;

import static dev.aiguard.llm.internal.parse.Json.field;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiguard.llm.SegmentSource;

/** Native (non-OpenAI) endpoints of inference servers: Hugging Face TGI {@code /generate}, llama.cpp {@code /completion}. */
final class NativeServerExtractor {

    private NativeServerExtractor() {
    }

    static void tgi(JsonNode root, String path, SegmentCollector c) {
        c.stream(path.endsWith("/generate_stream") || Boolean.TRUE.equals(booleanField(root, "stream")));
        JsonNode parameters = field(root, "parameters");
        c.maxOutputTokens(parameters, "max_new_tokens");
        c.n(field(parameters, "best_of"));
        c.text(SegmentSource.USER, field(root, "inputs"), "inputs");
    }

    static void llamaCpp(JsonNode root, SegmentCollector c) {
        c.model(field(root, "model"));
        c.stream(field(root, "stream"));
        c.maxOutputTokens(root, "n_predict", "max_tokens");
        c.textOrTextArray(SegmentSource.USER, field(root, "prompt"), "prompt");
        c.text(SegmentSource.SYSTEM, field(root, "system_prompt"), "system_prompt");
    }

    private static Boolean booleanField(JsonNode root, String name) {
        JsonNode v = field(root, name);
        return v != null && v.isBoolean() ? v.booleanValue() : null;
    }
}
