package dev.aiguard.vertx.internal;

import dev.aiguard.api.Block;
import dev.aiguard.api.Exchange;
import dev.aiguard.api.Guard;
import dev.aiguard.api.Headers;
import dev.aiguard.api.OutputChunk;
import dev.aiguard.api.ResponseGuard;
import dev.aiguard.api.adapter.ProblemAnswer;
import dev.aiguard.llm.adapter.ResponseObserver;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * One guarded response's body on its way to the client, rewritten by the exchange's output stages
 * ({@link ResponseGuard}). It sits where {@link UsageTap} sees the response objects Vert.x writes, so it covers every
 * way an application writes ({@code write}, {@code end}, {@code send}, a pipe), and runs on the connection's event loop
 * only.
 *
 * <ul>
 *   <li>The guard is opened on the response head, once the content type is known; when no stage inspects the response,
 *       everything passes untouched.</li>
 *   <li>Otherwise {@code Content-Length} is dropped (a redaction changes the length) and the body is chunked.</li>
 *   <li>A whole answer in one piece ({@code end(buffer)}: head and body together) is inspected before anything is
 *       sent, so a block answers the block's status with a problem body instead.</li>
 *   <li>A cut of a streamed answer sends what the guard forwarded, an event stream's {@code aiguard.cut} event, and ends
 *       the HTTP response; later writes of the application are dropped, and the handler ends the Vert.x response so
 *       the application's next write fails as if the client had gone.</li>
 * </ul>
 */
public final class GuardedBody {

    private final Guard guard;
    private final Exchange exchange;
    private final Runnable onCut;
    private ResponseGuard responses;
    private String contentType;
    private boolean cut;

    /**
     * @param onCut run (on the event loop) when an output stage stopped a streamed response: ends the Vert.x response
     */
    public GuardedBody(Guard guard, Exchange exchange, Runnable onCut) {
        this.guard = guard;
        this.exchange = exchange;
        this.onCut = onCut;
    }

    /** Whether an output stage stopped this response. */
    public boolean cut() {
        return cut;
    }

    /** The response ended without its last content passing (the client went): reports what was found. */
    public void abandon() {
        if (responses != null) {
            responses.finish();
        }
    }

    /** Writes {@code msg} (a part of this response) on, as the output stages say. Takes ownership of {@code msg}. */
    void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (cut) {
            // The client's response has ended; what the application still writes goes nowhere.
            ReferenceCountUtil.release(msg);
            promise.trySuccess();
            return;
        }
        if (msg instanceof HttpResponse head) {
            contentType = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
            responses = guard.responseGuard(exchange, contentType);
            if (!responses.active()) {
                ctx.write(msg, promise);
                return;
            }
            if (msg instanceof FullHttpResponse full) {
                whole(ctx, full, promise);
                return;
            }
            head.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
            if (head.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
                HttpUtil.setTransferEncodingChunked(head, true);
            }
            if (!(msg instanceof HttpContent)) {
                ctx.write(head, promise);
                return;
            }
            // Vert.x sends the head together with the first chunk: the head goes on alone, the chunk through the guard.
            ctx.write(new DefaultHttpResponse(head.protocolVersion(), head.status(), head.headers()));
        }
        if (!(msg instanceof HttpContent content) || responses == null || !responses.active()) {
            ctx.write(msg, promise);
            return;
        }
        OutputChunk chunk = responses.write(bytes(content.content()), 0, content.content().readableBytes());
        boolean last = msg instanceof LastHttpContent;
        if (last && !chunk.cut()) {
            OutputChunk tail = responses.finish();
            chunk = new OutputChunk(concat(chunk.data(), tail.data()), tail.findings(), tail.block());
        }
        if (chunk.cut()) {
            ReferenceCountUtil.release(msg);
            end(ctx, chunk, promise);
            if (!last) {
                onCut.run();
            }
            return;
        }
        ByteBuf data = Unpooled.wrappedBuffer(chunk.data());
        if (last) {
            DefaultLastHttpContent out = new DefaultLastHttpContent(data);
            out.trailingHeaders().set(((LastHttpContent) msg).trailingHeaders());
            ReferenceCountUtil.release(msg);
            ctx.write(out, promise);
        } else {
            ReferenceCountUtil.release(msg);
            ctx.write(new DefaultHttpContent(data), promise);
        }
    }

    /** Head and whole body in one message: inspected whole; a block becomes the block's own answer. */
    private void whole(ChannelHandlerContext ctx, FullHttpResponse full, ChannelPromise promise) {
        OutputChunk all;
        try {
            all = responses.inspect(bytes(full.content()));
        } finally {
            ReferenceCountUtil.release(full);
        }
        FullHttpResponse out;
        if (all.cut()) {
            cut = true;
            out = problem(full, all.block());
        } else {
            out = new DefaultFullHttpResponse(full.protocolVersion(), full.status(), Unpooled.wrappedBuffer(all.data()));
            out.headers().set(full.headers());
            out.trailingHeaders().set(full.trailingHeaders());
        }
        HttpUtil.setContentLength(out, out.content().readableBytes());
        ctx.write(out, promise);
    }

    private FullHttpResponse problem(FullHttpResponse original, Block block) {
        ProblemAnswer answer = ProblemAnswer.forBlock(block, exchange.requestId());
        FullHttpResponse out = new DefaultFullHttpResponse(original.protocolVersion(),
                HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
        // Connection handling stays Vert.x's; everything that described the refused body goes.
        String connection = original.headers().get(HttpHeaderNames.CONNECTION);
        if (connection != null) {
            out.headers().set(HttpHeaderNames.CONNECTION, connection);
        }
        for (Headers.Header h : answer.headers().lines()) {
            out.headers().add(h.name(), h.value());
        }
        return out;
    }

    /** Ends a streamed response the guard stopped: what it forwarded, the cut event, the last chunk. */
    private void end(ChannelHandlerContext ctx, OutputChunk chunk, ChannelPromise promise) {
        cut = true;
        byte[] event = ResponseObserver.cutEvent(contentType, chunk.block().reason());
        LastHttpContent last = new DefaultLastHttpContent(Unpooled.wrappedBuffer(concat(chunk.data(), event)));
        ctx.write(last, promise);
    }

    private static byte[] bytes(ByteBuf buf) {
        return ByteBufUtil.getBytes(buf, buf.readerIndex(), buf.readableBytes(), false);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (b.length == 0) {
            return a;
        }
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
