package dev.aiguard.llm.internal.parse;

import com.fasterxml.jackson.databind.JsonNode;

/** Null-safe tree navigation shared by the format extractors. */
final class Json {

    private Json() {
    }

    /** {@code node.get(name)} or {@code null} when node is not an object or lacks the field. */
    static JsonNode field(JsonNode node, String name) {
        return node != null && node.isObject() ? node.get(name) : null;
    }

    /** The first present field among the spellings (camelCase and snake_case variants). */
    static JsonNode field(JsonNode node, String name, String alternative) {
        JsonNode v = field(node, name);
        return v != null ? v : field(node, alternative);
    }

    /** The field's text, or empty. */
    static String text(JsonNode node, String name) {
        JsonNode v = field(node, name);
        return v != null && v.isTextual() ? v.textValue() : "";
    }

    static boolean isArray(JsonNode node) {
        return node != null && node.isArray();
    }
}
