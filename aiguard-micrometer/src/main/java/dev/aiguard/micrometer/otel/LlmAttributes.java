package dev.aiguard.micrometer.otel;

import dev.aiguard.api.GuardRequest;
import dev.aiguard.llm.LlmFormat;
import dev.aiguard.llm.LlmPayloads;
import dev.aiguard.llm.LlmRequest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;

/**
 * The GenAI request attributes, read from the LLM payload. Kept apart so that {@link AiGuardTracing} loads without
 * {@code aiguard-llm}. The payload parse is the request's shared, memoized one: free when a stage already parsed it.
 */
final class LlmAttributes {

    static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<Long> MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");

    private LlmAttributes() {
    }

    static boolean available() {
        try {
            Class.forName("dev.aiguard.llm.LlmPayloads", false, LlmAttributes.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static void apply(Span span, GuardRequest request) {
        LlmRequest llm = request.view(LlmPayloads.VIEW);
        if (!llm.isLlm()) {
            return;
        }
        span.setAttribute(OPERATION, operation(llm.format()));
        if (!llm.model().isEmpty()) {
            span.setAttribute(MODEL, llm.model());
        }
        if (llm.maxOutputTokens() >= 0) {
            span.setAttribute(MAX_TOKENS, llm.maxOutputTokens());
        }
    }

    /** The semantic conventions' operation names. */
    static String operation(LlmFormat format) {
        return switch (format) {
            case OPENAI_EMBEDDINGS -> "embeddings";
            case OPENAI_COMPLETIONS, OLLAMA_GENERATE, TGI_GENERATE, LLAMA_CPP_COMPLETION -> "text_completion";
            case GEMINI -> "generate_content";
            default -> "chat";
        };
    }
}
