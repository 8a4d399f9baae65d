package dev.aiguard.ratelimit.internal;

/**
 * Tokens and cost of one request, estimated at admission or measured at completion.
 *
 * @param inputTokens  prompt tokens
 * @param outputTokens output tokens
 * @param cost         cost units per the policy's cost model
 */
public record CostEstimate(long inputTokens, long outputTokens, long cost) {

    /** Input plus output tokens. */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }
}
