package dev.aiguard.llm;

import java.util.Locale;
import java.util.Optional;

/** Where a piece of prompt text came from; the prompt stage applies a threshold per source. */
public enum SegmentSource {
    /** System or developer instructions (including Anthropic {@code system}, Gemini {@code systemInstruction}). */
    SYSTEM,
    /** Text typed by the end user (chat user turns, completion prompts, embedding inputs). */
    USER,
    /** Earlier model output replayed in the conversation. */
    ASSISTANT,
    /** Output of a tool or function call fed back to the model (indirect-injection surface). */
    TOOL_RESULT,
    /** Arguments of a tool call the model made (JSON text). */
    TOOL_CALL_ARGUMENTS,
    /** A retrieved or attached document (RAG context, file input, search result). */
    RETRIEVED_DOCUMENT;

    /** The policy spelling, e.g. {@code tool_result}. */
    public String policyName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the policy spelling (case-insensitive); empty for anything else. */
    public static Optional<SegmentSource> parse(String text) {
        for (SegmentSource s : values()) {
            if (s.policyName().equalsIgnoreCase(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Whether text from this source reaches the model from a third party rather than the caller. */
    public boolean isIndirect() {
        return this == TOOL_RESULT || this == RETRIEVED_DOCUMENT;
    }
}
