package dev.aiguard.llm.internal.usage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiguard.api.Usage;

/**
 * Reads token usage from one JSON object of any supported API, response or stream event:
 * OpenAI {@code usage.prompt_tokens/completion_tokens}, Responses and Anthropic {@code usage.input_tokens/output_tokens}
 * (also nested under {@code response} or {@code message} in stream events), Gemini {@code usageMetadata}, Ollama
 * {@code prompt_eval_count/eval_count}, TGI {@code details.generated_tokens}, llama.cpp {@code timings}.
 */
public final class UsageExtractor {

    private UsageExtractor() {
    }

    /** The usage in {@code node}, with -1 for parts it does not report. */
    public static Usage extract(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Usage.unknown();
        }
        Usage u = usageObject(node.get("usage"));
        if (u.isKnown()) {
            return u;
        }
        for (String wrapper : new String[] {"response", "message"}) {
            JsonNode inner = node.get(wrapper);
            if (inner != null && inner.isObject()) {
                u = usageObject(inner.get("usage"));
                if (u.isKnown()) {
                    return u;
                }
            }
        }
        return otherShapes(node);
    }

    /** Keeps what {@code later} reports and fills the rest from {@code earlier} (usage only grows in a stream). */
    public static Usage merge(Usage earlier, Usage later) {
        return new Usage(later.inputTokens() >= 0 ? later.inputTokens() : earlier.inputTokens(),
                later.outputTokens() >= 0 ? later.outputTokens() : earlier.outputTokens());
    }

    private static Usage usageObject(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Usage.unknown();
        }
        long input = first(usage, "prompt_tokens", "input_tokens");
        if (input >= 0) {
            // Anthropic reports cached prompt tokens separately; they are still input the model read.
            input += Math.max(0, count(usage, "cache_creation_input_tokens"))
                    + Math.max(0, count(usage, "cache_read_input_tokens"));
        }
        long output = first(usage, "completion_tokens", "output_tokens");
        return new Usage(input, output);
    }

    private static Usage otherShapes(JsonNode node) {
        JsonNode meta = node.get("usageMetadata");
        if (meta != null && meta.isObject()) {
            long out = count(meta, "candidatesTokenCount");
            long thoughts = count(meta, "thoughtsTokenCount");
            return new Usage(count(meta, "promptTokenCount"), out < 0 && thoughts < 0 ? -1 : Math.max(out, 0) + Math.max(thoughts, 0));
        }
        if (node.has("eval_count") || node.has("prompt_eval_count")) {
            return new Usage(count(node, "prompt_eval_count"), count(node, "eval_count"));
        }
        JsonNode timings = node.get("timings");
        if (timings != null && timings.isObject()) {
            return new Usage(count(timings, "prompt_n"), count(timings, "predicted_n"));
        }
        JsonNode details = node.get("details");
        if (details != null && details.isObject() && details.has("generated_tokens")) {
            return new Usage(-1, count(details, "generated_tokens"));
        }
        return Usage.unknown();
    }

    private static long first(JsonNode node, String a, String b) {
        long v = count(node, a);
        return v >= 0 ? v : count(node, b);
    }

    private static long count(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v != null && v.isIntegralNumber() && v.asLong() >= 0 ? v.asLong() : -1;
    }
}
