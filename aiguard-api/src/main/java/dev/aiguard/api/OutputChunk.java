package dev.aiguard.api;

import java.util.List;
import java.util.Objects;

/**
 * What an {@link OutputFilter} (or a {@link ResponseGuard}) hands back for a chunk of the response.
 *
 * @param data     bytes to forward to the client now, possibly rewritten; may be empty (held back)
 * @param findings what was detected in this chunk (excerpts redacted, never the full secret)
 * @param block    non-null when the response must stop: forward {@code data}, then end the response (an event stream
 *                 gets a closing event); the block's reason says why
 */
public record OutputChunk(byte[] data, List<Finding> findings, Block block) {

    private static final byte[] NONE = new byte[0];
    private static final OutputChunk EMPTY = new OutputChunk(NONE, List.of(), null);

    public OutputChunk {
        Objects.requireNonNull(data, "data");
        findings = List.copyOf(findings);
    }

    /** Forward {@code data}, nothing found. */
    public static OutputChunk pass(byte[] data) {
        return data.length == 0 ? EMPTY : new OutputChunk(data, List.of(), null);
    }

    /** Nothing to forward yet, nothing found. */
    public static OutputChunk empty() {
        return EMPTY;
    }

    /** Whether the response must stop after {@link #data()}. */
    public boolean cut() {
        return block != null;
    }
}
