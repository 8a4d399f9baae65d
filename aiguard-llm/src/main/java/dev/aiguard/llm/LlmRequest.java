package dev.aiguard.llm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An LLM API request as the guard understands it. Parsing never throws: a malformed, truncated or oversized body gives a
 * request with {@link #error()} set and whatever was read before the problem.
 *
 * @param format          the detected (or configured) wire format
 * @param model           the model name; empty when absent (Gemini carries it in the path)
 * @param stream          whether a streamed response was asked for
 * @param maxOutputTokens the output-token limit under any of its spellings, or -1 when absent
 * @param n               number of choices asked for (OpenAI {@code n}, Gemini {@code candidateCount}); 1 when absent
 * @param tools           names of the tools/functions offered to the model
 * @param segments        prompt text in document order
 * @param imageParts      image inputs seen (counted, never decoded)
 * @param audioParts      audio inputs seen (counted, never decoded)
 * @param error           why the body could not be fully read, or {@code null}
 */
public record LlmRequest(LlmFormat format, String model, boolean stream, long maxOutputTokens, int n, List<String> tools,
                         List<PromptSegment> segments, int imageParts, int audioParts, String error) {

    public LlmRequest {
        Objects.requireNonNull(format, "format");
        model = model == null ? "" : model;
        tools = List.copyOf(tools);
        segments = List.copyOf(segments);
    }

    /** A request that is not an LLM payload (or has no body). */
    public static LlmRequest notLlm() {
        return new LlmRequest(LlmFormat.UNKNOWN, "", false, -1, 1, List.of(), List.of(), 0, 0, null);
    }

    /** Whether this is a recognised LLM payload. */
    public boolean isLlm() {
        return format != LlmFormat.UNKNOWN;
    }

    /** The parse error, if any. */
    public Optional<String> parseError() {
        return Optional.ofNullable(error);
    }

    /** Total characters of prompt text. */
    public long promptChars() {
        long sum = 0;
        for (PromptSegment s : segments) {
            sum += s.text().length();
        }
        return sum;
    }
}
