package dev.aiguard.cli.internal.serve;

import java.util.Arrays;

/**
 * The part of a request body read before the guard decides.
 *
 * @param consumed the bytes taken from the connection so far (at most the limit plus one network chunk); they are
 *                 replayed to whatever handles the request next
 * @param complete whether {@code consumed} is the whole body
 * @param limit    how many bytes the guard inspects
 */
public record BufferedBody(byte[] consumed, boolean complete, int limit) {

    /** The bytes the guard inspects: the first {@code limit} consumed ones. */
    public byte[] inspected() {
        return consumed.length > limit ? Arrays.copyOf(consumed, limit) : consumed;
    }

    /** Whether the body is longer than what the guard inspects. */
    public boolean truncated() {
        return consumed.length > limit || !complete;
    }
}
