package dev.aiguard.api;

/**
 * Token usage reported by the model for one request.
 *
 * @param inputTokens  prompt tokens, or -1 if not reported
 * @param outputTokens completion tokens, or -1 if not reported
 */
public record Usage(long inputTokens, long outputTokens) {

    private static final Usage UNKNOWN = new Usage(-1, -1);

    /** Usage the model did not report. */
    public static Usage unknown() {
        return UNKNOWN;
    }

    /** Whether the model reported anything. */
    public boolean isKnown() {
        return inputTokens >= 0 || outputTokens >= 0;
    }

    /** Input plus output tokens, counting unreported parts as 0. */
    public long totalTokens() {
        return Math.max(inputTokens, 0) + Math.max(outputTokens, 0);
    }
}
