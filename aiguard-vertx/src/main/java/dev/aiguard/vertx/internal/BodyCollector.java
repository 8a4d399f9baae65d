package dev.aiguard.vertx.internal;

import io.vertx.core.buffer.Buffer;

/**
 * Collects a request body up to a limit, as Vert.x Web's {@code BodyHandler} does: the application gets the whole
 * body, so all of it is kept; past the limit the collector keeps nothing more and reports the overflow once.
 */
public final class BodyCollector {

    private static final int MAX_INITIAL = 64 * 1024;

    private final long limit;
    private Buffer body;
    private boolean over;

    /** @param declaredLength the {@code Content-Length}, or -1; it only sizes the first allocation */
    public BodyCollector(long limit, long declaredLength) {
        this.limit = limit;
        int initial = declaredLength > 0 ? (int) Math.min(declaredLength, MAX_INITIAL) : 1024;
        this.body = Buffer.buffer(initial);
    }

    /** Adds a chunk; {@code true} exactly once, for the chunk that crosses the limit. */
    public boolean add(Buffer chunk) {
        if (over) {
            return false;
        }
        if ((long) body.length() + chunk.length() > limit) {
            over = true;
            body = null;
            return true;
        }
        body.appendBuffer(chunk);
        return false;
    }

    /** Whether the body went past the limit. */
    public boolean over() {
        return over;
    }

    /** The body collected; {@code null} after an overflow. */
    public Buffer body() {
        return body;
    }
}
