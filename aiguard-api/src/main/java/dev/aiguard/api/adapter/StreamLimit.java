package dev.aiguard.api.adapter;

import dev.aiguard.api.Exchange;
import dev.aiguard.api.Usage;

/**
 * Decides, while a response streams, whether it must be cut: asked after each write with the usage the stream has
 * reported so far. Supplied by whoever owns the policy (a budget, an output rule); adapters only apply the answer.
 * Must be fast and thread-safe; it never sees the response body.
 */
@FunctionalInterface
public interface StreamLimit {

    /** Whether to cut the response now. */
    boolean exceeded(Exchange exchange, Usage soFar);

    /** Cuts once the stream reports more than {@code maxOutputTokens} output tokens. */
    static StreamLimit outputTokens(long maxOutputTokens) {
        return (exchange, soFar) -> soFar.outputTokens() > maxOutputTokens;
    }
}
