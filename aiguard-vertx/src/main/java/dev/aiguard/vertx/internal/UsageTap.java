package dev.aiguard.vertx.internal;

import dev.aiguard.llm.adapter.ResponseObserver;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows the body bytes of a guarded HTTP/1.x response to its {@link ResponseObserver} as they go to the client, and
 * hands them to its {@link GuardedBody}, which applies the exchange's output stages (and may rewrite, hold back or
 * stop them).
 *
 * <p>Vert.x offers no hook on the bytes a response writes, whatever API the application writes them with
 * ({@code write}, {@code end}, {@code send}, a pipe). This handler sits in the connection's Netty pipeline just before
 * Vert.x's own handler, so it sees the response objects before compression and encoding, and passes every one on
 * unchanged unless output stages say otherwise. HTTP/1.x answers one request at a time per connection, so the next final response head written after
 * {@link #expect} belongs to the guarded request; its content up to the last chunk is shown to the observer. Runs on
 * the connection's event loop only.
 */
public final class UsageTap extends ChannelOutboundHandlerAdapter {

    /** Name of the handler in the pipeline. */
    static final String NAME = "aiguard.usage";

    private static final Logger LOG = LoggerFactory.getLogger(UsageTap.class);

    private final EventLoop eventLoop;
    private ResponseObserver next;
    private ResponseObserver current;
    private GuardedBody nextBody;
    private GuardedBody currentBody;

    private UsageTap(EventLoop eventLoop) {
        this.eventLoop = eventLoop;
    }

    /**
     * The tap of the request's connection, added on first use; {@code null} when the response cannot be tapped
     * (HTTP/2, or a Vert.x whose connection is not a Netty channel), in which case usage is not read.
     */
    public static UsageTap of(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            return null;
        }
        HttpConnection connection = request.connection();
        if (!(connection instanceof ConnectionBase base)) {
            LOG.debug("AIGuard cannot read response usage on {}", connection == null ? null : connection.getClass());
            return null;
        }
        ChannelHandlerContext handler = base.channelHandlerContext();
        ChannelPipeline pipeline = handler.pipeline();
        if (pipeline.get(NAME) instanceof UsageTap tap) {
            return tap;
        }
        UsageTap tap = new UsageTap(handler.channel().eventLoop());
        pipeline.addBefore(handler.name(), NAME, tap);
        return tap;
    }

    /** The event loop the tap runs on: whoever reads the observer must run there too. */
    public EventLoop eventLoop() {
        return eventLoop;
    }

    /** The next response written on this connection is observed by {@code observer}. Call on the event loop. */
    public void expect(ResponseObserver observer) {
        expect(observer, null);
    }

    /**
     * The next response written on this connection is observed by {@code observer} and its body goes through
     * {@code body} ({@code null}: passes untouched). Call on the event loop.
     */
    public void expect(ResponseObserver observer, GuardedBody body) {
        next = observer;
        nextBody = body;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse head && head.status().code() >= 200) {
            // A final response head starts a response: observed if it is the one expected, otherwise not at all.
            current = next;
            currentBody = nextBody;
            next = null;
            nextBody = null;
        }
        ResponseObserver observer = current;
        GuardedBody body = currentBody;
        if (observer != null) {
            if (msg instanceof HttpContent content) {
                show(observer, content.content());
            }
            if (msg instanceof LastHttpContent) {
                current = null;
                currentBody = null;
            }
        }
        if (body != null) {
            body.write(ctx, msg, promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    private static void show(ResponseObserver observer, ByteBuf bytes) {
        int length = bytes.readableBytes();
        if (length == 0 || !observer.wantsBytes()) {
            return;
        }
        if (bytes.hasArray()) {
            observer.written(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), length);
        } else {
            observer.written(ByteBufUtil.getBytes(bytes), 0, length);
        }
    }
}
