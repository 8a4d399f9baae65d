package dev.aiguard.output.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the string values of a JSON document as {@link Piece}s, and writes a (rewritten) document back. */
final class JsonPieces {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Fields whose string value is generated text in streamed chunks (OpenAI {@code delta.content}, Responses
     * {@code delta}, Anthropic {@code delta.text} and {@code partial_json}, Gemini {@code parts[].text}, Ollama
     * {@code response} and {@code message.content}, tool-call {@code arguments}): these are joined across events.
     */
    private static final Set<String> GENERATED = Set.of("content", "text", "delta", "partial_json", "arguments",
            "output_text", "thinking", "response", "reasoning_content", "refusal");

    /** Deepest nesting walked; deeper values are not inspected (model answers are shallow). */
    private static final int MAX_DEPTH = 64;

    private JsonPieces() {
    }

    /** Parses {@code text} as a JSON object or array; {@code null} when it is not one. */
    static JsonNode parse(byte[] bytes, int offset, int length) {
        int i = offset;
        while (i < offset + length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) {
            i++;
        }
        if (i == offset + length || (bytes[i] != '{' && bytes[i] != '[')) {
            return null;
        }
        try {
            return MAPPER.readTree(bytes, offset, length);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /** Adds a piece for every string value in {@code root}; generated-text fields join when {@code stream}. */
    static void collect(JsonNode root, boolean stream, List<Piece> out) {
        walk(root, stream, out, 0);
    }

    private static void walk(JsonNode node, boolean stream, List<Piece> out, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getValue().isTextual()) {
                    out.add(Piece.field(object, f.getKey(), stream && GENERATED.contains(f.getKey())));
                } else {
                    walk(f.getValue(), stream, out, depth + 1);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    out.add(Piece.element(array, i, false));
                } else {
                    walk(array.get(i), stream, out, depth + 1);
                }
            }
        }
    }

    static String write(JsonNode root) {
        try {
            return MAPPER.writeValueAsString(root);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
