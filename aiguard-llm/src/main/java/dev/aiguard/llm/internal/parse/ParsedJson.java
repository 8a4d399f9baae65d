package dev.aiguard.llm.internal.parse;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON document read under {@link JsonLimits}: what could be read, and why reading stopped early.
 *
 * @param root  the (possibly partial) document; {@code null} when not even the first value started
 * @param error why reading stopped early, or {@code null} when the whole document was read
 */
public record ParsedJson(JsonNode root, String error) {
}
