package dev.aiguard.llm;

import java.util.Locale;
import java.util.Optional;

/** The wire format of an LLM API request. */
public enum LlmFormat {
    /** OpenAI {@code /v1/chat/completions} (also vLLM, TGI Messages API, llama.cpp server and other compatibles). */
    OPENAI_CHAT,
    /** OpenAI legacy {@code /v1/completions} ({@code prompt} string or array). */
    OPENAI_COMPLETIONS,
    /** OpenAI Responses API {@code /v1/responses}. */
    OPENAI_RESPONSES,
    /** OpenAI {@code /v1/embeddings}. */
    OPENAI_EMBEDDINGS,
    /** Anthropic {@code /v1/messages}. */
    ANTHROPIC_MESSAGES,
    /** Google Gemini {@code models/*:generateContent} and {@code :streamGenerateContent}. */
    GEMINI,
    /** Ollama {@code /api/chat}. */
    OLLAMA_CHAT,
    /** Ollama {@code /api/generate}. */
    OLLAMA_GENERATE,
    /** Hugging Face TGI native {@code /generate} and {@code /generate_stream} ({@code inputs} + {@code parameters}). */
    TGI_GENERATE,
    /** llama.cpp server native {@code /completion} ({@code prompt}, {@code n_predict}). */
    LLAMA_CPP_COMPLETION,
    /** Not an LLM payload this module understands. */
    UNKNOWN;

    /** The policy spelling, e.g. {@code openai_chat}. */
    public String policyName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the policy spelling (case-insensitive); empty for anything else. */
    public static Optional<LlmFormat> parse(String text) {
        for (LlmFormat f : values()) {
            if (f.policyName().equalsIgnoreCase(text)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
