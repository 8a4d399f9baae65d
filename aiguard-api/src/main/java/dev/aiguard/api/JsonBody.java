package dev.aiguard.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * The request body parsed as JSON: either a tree or the reason it could not be parsed.
 *
 * @param tree  the parsed document, or {@code null}
 * @param error why parsing failed (not JSON, too deep, truncated...), or {@code null} when parsed or not JSON at all
 */
public record JsonBody(JsonNode tree, String error) {

    private static final JsonBody ABSENT = new JsonBody(null, null);

    /** The body is not JSON (by content type) or empty. */
    public static JsonBody absent() {
        return ABSENT;
    }

    /** The parsed tree, if parsing succeeded. */
    public Optional<JsonNode> asTree() {
        return Optional.ofNullable(tree);
    }
}
