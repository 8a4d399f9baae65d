package dev.aiguard.servlet;

import dev.aiguard.api.Exchange;
import dev.aiguard.api.Usage;

/**
 * The stream-cut switch under its original servlet name; the type every adapter takes is
 * {@link dev.aiguard.api.adapter.StreamLimit}. Kept so that code written against the servlet adapter compiles.
 */
@FunctionalInterface
public interface StreamLimit extends dev.aiguard.api.adapter.StreamLimit {

    @Override
    boolean exceeded(Exchange exchange, Usage soFar);

    /** Cuts once the stream reports more than {@code maxOutputTokens} output tokens. */
    static StreamLimit outputTokens(long maxOutputTokens) {
        return dev.aiguard.api.adapter.StreamLimit.outputTokens(maxOutputTokens)::exceeded;
    }
}
