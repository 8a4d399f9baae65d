package dev.aiguard.api;

import java.util.Objects;

/**
 * What the adapter learned about the response, passed to {@link Guard#complete(Exchange, ResponseInfo)}.
 *
 * @param status   HTTP status (or the HTTP equivalent of the gRPC status); 0 when no response was sent
 * @param headers  response headers
 * @param usage    token usage the model reported ({@link Usage#unknown()} if none)
 * @param outcome  how the exchange ended
 */
public record ResponseInfo(int status, Headers headers, Usage usage, Outcome outcome) {

    public ResponseInfo {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** A completed response with a status and usage, no headers. */
    public static ResponseInfo of(int status, Usage usage) {
        return new ResponseInfo(status, Headers.empty(), usage, Outcome.COMPLETED);
    }

    /** How an exchange ended. */
    public enum Outcome {
        /** The response was sent in full. */
        COMPLETED,
        /** The upstream or application failed. */
        FAILED,
        /** The client went away or the call was cancelled. */
        CANCELLED,
        /** A time limit ended it. */
        TIMED_OUT
    }
}
