package dev.aiguard.vertx.internal;

import dev.aiguard.api.Exchange;
import dev.aiguard.api.Guard;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.llm.adapter.ResponseObserver;
import io.netty.channel.EventLoop;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Calls {@link Guard#complete} exactly once for an allowed exchange, when the response ends, the connection closes
 * or the response fails. The call runs on the connection's event loop, after every write the application queued
 * before ending the response, so the usage read from those writes is complete and read by one thread.
 */
public final class ExchangeCompletion {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeCompletion.class);

    private final Guard guard;
    private final Exchange exchange;
    private final ResponseObserver observer;
    private final HttpServerResponse response;
    private final EventLoop eventLoop;
    private final BooleanSupplier applicationFailed;
    private final GuardedBody body;
    private final AtomicBoolean done = new AtomicBoolean();

    /**
     * @param eventLoop         where the observer is fed, or {@code null} when nothing feeds it
     * @param applicationFailed whether the routing context failed (a handler threw or called {@code fail})
     * @param body              the response body's output-stage guard, or {@code null}
     */
    public ExchangeCompletion(Guard guard, Exchange exchange, ResponseObserver observer, HttpServerResponse response,
                              EventLoop eventLoop, BooleanSupplier applicationFailed, GuardedBody body) {
        this.guard = guard;
        this.exchange = exchange;
        this.observer = observer;
        this.response = response;
        this.eventLoop = eventLoop;
        this.applicationFailed = applicationFailed;
        this.body = body;
    }

    /** The response ended ({@code succeeded}) or the connection closed or failed before it did. */
    public void ended(boolean succeeded) {
        if (!succeeded) {
            observer.clientGone();
        }
        if (eventLoop == null || eventLoop.inEventLoop()) {
            finish();
        } else {
            // Writes from another thread were queued to the event loop before the end was reported: finish after them.
            eventLoop.execute(this::finish);
        }
    }

    /** Ends a response cut by the stream limit: an event stream gets a last {@code aiguard.cut} event. */
    public void cut() {
        if (response.ended() || response.closed()) {
            return;
        }
        byte[] last = ResponseObserver.cutEvent(response.headers().get(HttpHeaders.CONTENT_TYPE));
        response.end(Buffer.buffer(last));
    }

    private void finish() {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        try {
            if (body != null) {
                // Findings reach the exchange before complete, also when the body never ended (the client went).
                body.abandon();
            }
            ResponseInfo.Outcome outcome = body != null && body.cut() ? ResponseInfo.Outcome.CANCELLED
                    : observer.outcome(applicationFailed.getAsBoolean());
            int status = response.headWritten() || outcome != ResponseInfo.Outcome.CANCELLED
                    ? response.getStatusCode() : 0;
            guard.complete(exchange, new ResponseInfo(status, RequestTranslator.headers(response.headers()),
                    observer.finishUsage(), outcome));
        } catch (RuntimeException e) {
            // Guard.complete does not throw; reading the response or its usage must not fail the host either.
            LOG.warn("AIGuard could not complete exchange {} ({})", exchange.requestId(), e.getClass().getName());
        }
    }
}
