package dev.aiguard.cli.internal.serve;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiguard.api.Usage;

import java.io.IOException;

/**
 * Finds the token usage a model reported at the end of its response: the last {@code "usage": {...}} object in the
 * text, which is where OpenAI-style JSON bodies and SSE streams (the final usage chunk) put it. Understands OpenAI
 * ({@code prompt_tokens}/{@code completion_tokens}) and Anthropic ({@code input_tokens}/{@code output_tokens}) names.
 */
public final class UsageExtractor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "\"usage\"";
    /** A stream may carry {@code "usage": null} in every chunk before the real one: look back a few times at most. */
    private static final int MAX_CANDIDATES = 8;

    private UsageExtractor() {
    }

    /** The usage in {@code text}, or {@link Usage#unknown()} when there is none. */
    public static Usage find(String text) {
        int end = text.length();
        for (int tries = 0; tries < MAX_CANDIDATES; tries++) {
            int key = text.lastIndexOf(KEY, end);
            if (key < 0) {
                break;
            }
            Usage usage = parseAfter(text, key + KEY.length());
            if (usage.isKnown()) {
                return usage;
            }
            end = key - 1;
        }
        return Usage.unknown();
    }

    private static Usage parseAfter(String text, int from) {
        int colon = text.indexOf(':', from);
        if (colon < 0 || !text.substring(from, colon).isBlank()) {
            return Usage.unknown();
        }
        try (JsonParser parser = JSON.createParser(text.substring(colon + 1))) {
            JsonNode node = parser.readValueAsTree();
            if (node == null || !node.isObject()) {
                return Usage.unknown();
            }
            return new Usage(tokens(node, "prompt_tokens", "input_tokens"), tokens(node, "completion_tokens", "output_tokens"));
        } catch (JsonProcessingException e) {
            return Usage.unknown();
        } catch (IOException e) {
            return Usage.unknown();
        }
    }

    private static long tokens(JsonNode usage, String name, String alternative) {
        JsonNode value = usage.has(name) ? usage.get(name) : usage.get(alternative);
        return value != null && value.canConvertToLong() && value.asLong() >= 0 ? value.asLong() : -1;
    }
}
