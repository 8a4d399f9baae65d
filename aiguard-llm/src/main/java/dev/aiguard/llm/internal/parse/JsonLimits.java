package dev.aiguard.llm.internal.parse;

/**
 * Bounds for reading an LLM payload.
 *
 * @param maxDepth       deepest nesting of arrays/objects accepted
 * @param maxNodes       most JSON values read (objects, arrays and scalars together)
 * @param maxStringChars longest single string accepted
 * @param maxSegments    most prompt segments extracted
 */
public record JsonLimits(int maxDepth, int maxNodes, int maxStringChars, int maxSegments) {

    /** Defaults sized for chat payloads up to the guard's 1 MiB body limit with room to spare. */
    public static final JsonLimits DEFAULTS = new JsonLimits(64, 200_000, 4 << 20, 4096);

    public JsonLimits {
        if (maxDepth < 1 || maxNodes < 1 || maxStringChars < 1 || maxSegments < 1) {
            throw new IllegalArgumentException("JSON limits must be >= 1");
        }
    }
}
