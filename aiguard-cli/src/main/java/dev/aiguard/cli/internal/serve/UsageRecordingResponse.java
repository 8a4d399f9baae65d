package dev.aiguard.cli.internal.serve;

import dev.aiguard.api.Usage;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A response that lets every byte through as it is written (nothing is buffered on the way, so streams stay streams)
 * while keeping a copy of the last few KiB, where models report token usage.
 */
public final class UsageRecordingResponse extends Response.Wrapper {

    /** Usage objects are small: the last 16 KiB of a response hold the final one with room to spare. */
    static final int TAIL_BYTES = 16 * 1024;

    private final byte[] tail = new byte[TAIL_BYTES];
    private int tailStart;
    private int tailLength;

    public UsageRecordingResponse(Request request, Response response) {
        super(request, response);
    }

    @Override
    public void write(boolean last, ByteBuffer content, Callback callback) {
        if (content != null && content.hasRemaining()) {
            remember(content.slice());
        }
        super.write(last, content, callback);
    }

    private synchronized void remember(ByteBuffer bytes) {
        int n = Math.min(bytes.remaining(), TAIL_BYTES);
        bytes.position(bytes.limit() - n);
        int writeAt = (tailStart + tailLength) % TAIL_BYTES;
        int first = Math.min(n, TAIL_BYTES - writeAt);
        bytes.get(tail, writeAt, first);
        bytes.get(tail, 0, n - first);
        int overflow = tailLength + n - TAIL_BYTES;
        if (overflow > 0) {
            tailStart = (tailStart + overflow) % TAIL_BYTES;
            tailLength = TAIL_BYTES;
        } else {
            tailLength += n;
        }
    }

    /** The usage reported in what was written so far, or {@link Usage#unknown()}. */
    public Usage usage() {
        return UsageExtractor.find(tailText());
    }

    synchronized String tailText() {
        byte[] ordered = new byte[tailLength];
        for (int i = 0; i < tailLength; i++) {
            ordered[i] = tail[(tailStart + i) % TAIL_BYTES];
        }
        return new String(ordered, StandardCharsets.UTF_8);
    }
}
