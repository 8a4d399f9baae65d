package dev.aiguard.llm.internal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiguard.llm.LlmFormat;

/** Recognises an LLM API by its path first and, for unknown paths (proxies, custom routes), by the body's shape. */
public final class FormatDetector {

    private FormatDetector() {
    }

    /** The format implied by a request path, or {@link LlmFormat#UNKNOWN}. */
    public static LlmFormat byPath(String path) {
        String p = stripTrailingSlash(path);
        if (p.contains(":generateContent") || p.contains(":streamGenerateContent")) {
            return LlmFormat.GEMINI;
        }
        if (p.endsWith("/chat/completions")) {
            return LlmFormat.OPENAI_CHAT;
        }
        if (p.endsWith("/completions")) {
            return LlmFormat.OPENAI_COMPLETIONS;
        }
        if (p.endsWith("/responses")) {
            return LlmFormat.OPENAI_RESPONSES;
        }
        if (p.endsWith("/embeddings") || p.endsWith("/api/embed")) {
            return LlmFormat.OPENAI_EMBEDDINGS;
        }
        if (p.endsWith("/api/chat")) {
            return LlmFormat.OLLAMA_CHAT;
        }
        if (p.endsWith("/api/generate")) {
            return LlmFormat.OLLAMA_GENERATE;
        }
        if (p.endsWith("/v1/messages")) {
            return LlmFormat.ANTHROPIC_MESSAGES;
        }
        if (p.endsWith("/generate") || p.endsWith("/generate_stream")) {
            return LlmFormat.TGI_GENERATE;
        }
        if (p.endsWith("/completion")) {
            return LlmFormat.LLAMA_CPP_COMPLETION;
        }
        return LlmFormat.UNKNOWN;
    }

    /** The format a JSON body looks like, or {@link LlmFormat#UNKNOWN}. */
    public static LlmFormat byShape(JsonNode root) {
        if (root == null || !root.isObject()) {
            return LlmFormat.UNKNOWN;
        }
        if (root.has("contents")) {
            return LlmFormat.GEMINI;
        }
        if (root.has("messages")) {
            return messagesShape(root);
        }
        if (root.has("input")) {
            return inputShape(root);
        }
        if (root.has("prompt")) {
            return promptShape(root);
        }
        if (root.has("inputs")) {
            return LlmFormat.TGI_GENERATE;
        }
        return LlmFormat.UNKNOWN;
    }

    private static LlmFormat messagesShape(JsonNode root) {
        if (root.has("system") || root.has("anthropic_version") || root.has("stop_sequences")) {
            return LlmFormat.ANTHROPIC_MESSAGES;
        }
        if (root.has("options") || root.has("keep_alive")) {
            return LlmFormat.OLLAMA_CHAT;
        }
        return LlmFormat.OPENAI_CHAT;
    }

    private static LlmFormat inputShape(JsonNode root) {
        if (root.has("encoding_format") || root.has("dimensions")
                || Json.text(root, "model").toLowerCase(java.util.Locale.ROOT).contains("embed")) {
            return LlmFormat.OPENAI_EMBEDDINGS;
        }
        return LlmFormat.OPENAI_RESPONSES;
    }

    private static LlmFormat promptShape(JsonNode root) {
        if (root.has("options") || root.has("images") || root.has("keep_alive") || root.has("system")) {
            return LlmFormat.OLLAMA_GENERATE;
        }
        if (root.has("n_predict")) {
            return LlmFormat.LLAMA_CPP_COMPLETION;
        }
        return LlmFormat.OPENAI_COMPLETIONS;
    }

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
