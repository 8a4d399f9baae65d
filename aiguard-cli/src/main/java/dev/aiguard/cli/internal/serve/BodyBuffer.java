package dev.aiguard.cli.internal.serve;

import org.eclipse.jetty.io.Content;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a request body up to a limit, blocking the calling thread. Stops as soon as more than {@code limit} bytes have
 * arrived, so memory stays bounded by the limit plus one network chunk whatever the client sends.
 */
public final class BodyBuffer {

    private final Duration readTimeout;

    /** @param readTimeout how long to wait for more body bytes before giving up */
    public BodyBuffer(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    /**
     * Reads from {@code source} until the body ends or more than {@code limit} bytes were read.
     *
     * @throws IOException when the client fails, stalls longer than the read timeout, or the thread is interrupted
     */
    public BufferedBody read(Content.Source source, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 8192) + 1);
        boolean last = false;
        while (!last && out.size() <= limit) {
            Content.Chunk chunk = source.read();
            if (chunk == null) {
                awaitDemand(source);
                continue;
            }
            if (Content.Chunk.isFailure(chunk)) {
                throw new IOException("request body could not be read", chunk.getFailure());
            }
            try {
                ByteBuffer bytes = chunk.getByteBuffer();
                if (bytes.hasArray()) {
                    out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                } else {
                    byte[] copy = new byte[bytes.remaining()];
                    bytes.duplicate().get(copy);
                    out.write(copy, 0, copy.length);
                }
                last = chunk.isLast();
            } finally {
                chunk.release();
            }
        }
        return new BufferedBody(out.toByteArray(), last, limit);
    }

    private void awaitDemand(Content.Source source) throws IOException {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        source.demand(() -> ready.complete(null));
        try {
            ready.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the request body");
        } catch (ExecutionException e) {
            throw new IOException("request body could not be read", e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("request body stalled for more than " + readTimeout.toSeconds() + " s");
        }
    }
}
