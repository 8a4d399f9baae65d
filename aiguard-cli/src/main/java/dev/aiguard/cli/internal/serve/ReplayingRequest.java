package dev.aiguard.cli.internal.serve;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

import java.nio.ByteBuffer;

/**
 * A request whose body the guard has already (partly) read: the next handler reads those bytes first, then whatever is
 * still on the connection, as if nothing had been read.
 *
 * <p>{@code Expect: 100-continue} is dropped from the headers: reading the body already answered it, and a proxy must
 * not wait for a second {@code 100 Continue} from its upstream.
 */
public final class ReplayingRequest extends Request.Wrapper {

    private final Object lock = new Object();
    private final boolean sourceFinished;
    private final HttpFields headers;
    private ByteBuffer pending;

    /** @param body what the guard read from {@code request} */
    public ReplayingRequest(Request request, BufferedBody body) {
        super(request);
        this.sourceFinished = body.complete();
        this.pending = body.consumed().length == 0 ? null : ByteBuffer.wrap(body.consumed());
        HttpFields original = request.getHeaders();
        this.headers = original.contains(HttpHeader.EXPECT)
                ? HttpFields.build(original).remove(HttpHeader.EXPECT).asImmutable()
                : original;
    }

    @Override
    public HttpFields getHeaders() {
        return headers;
    }

    @Override
    public Content.Chunk read() {
        synchronized (lock) {
            if (pending != null) {
                ByteBuffer bytes = pending;
                pending = null;
                return Content.Chunk.from(bytes, sourceFinished);
            }
        }
        return sourceFinished ? Content.Chunk.EOF : super.read();
    }

    @Override
    public void demand(Runnable demandCallback) {
        boolean ready;
        synchronized (lock) {
            ready = pending != null || sourceFinished;
        }
        if (ready) {
            demandCallback.run();
        } else {
            super.demand(demandCallback);
        }
    }

    @Override
    public boolean consumeAvailable() {
        synchronized (lock) {
            pending = null;
        }
        return sourceFinished || super.consumeAvailable();
    }
}
