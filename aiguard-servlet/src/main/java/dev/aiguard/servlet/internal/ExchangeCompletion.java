package dev.aiguard.servlet.internal;

import dev.aiguard.api.Exchange;
import dev.aiguard.api.Guard;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.llm.adapter.ResponseObserver;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Calls {@link Guard#complete} exactly once for an allowed exchange, when the response ends: after the filter chain
 * returns, or, for async requests, when the async context completes, times out or fails.
 */
public final class ExchangeCompletion implements AsyncListener {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeCompletion.class);

    private final Guard guard;
    private final Exchange exchange;
    private final ObservedResponse response;
    private final ResponseObserver observer;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile boolean async;

    public ExchangeCompletion(Guard guard, Exchange exchange, ObservedResponse response, ResponseObserver observer) {
        this.guard = guard;
        this.exchange = exchange;
        this.response = response;
        this.observer = observer;
    }

    /** Whether the application went async (the async listener then completes the exchange). */
    public boolean isAsync() {
        return async;
    }

    /** Registers for the end of an async context the application started. */
    public void asyncStarted(jakarta.servlet.AsyncContext context) {
        async = true;
        context.addListener(this);
    }

    /** Completes with the response's current status; {@code failed}: the application threw. */
    public void finish(boolean failed) {
        ResponseInfo.Outcome outcome = observer.outcome(failed);
        finish(outcome, failed && !response.isCommitted() ? 500 : response.getStatus());
    }

    private void finish(ResponseInfo.Outcome outcome, int status) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        // Held-back output goes out before the exchange completes, so that output findings reach complete().
        response.finishOutput();
        try {
            guard.complete(exchange, new ResponseInfo(status, response.headers(), observer.finishUsage(), outcome));
        } catch (RuntimeException e) {
            // Guard.complete does not throw; reading the response or its usage must not fail the host either.
            LOG.warn("AIGuard could not complete exchange {} ({})", exchange.requestId(), e.getClass().getName());
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        finish(false);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        finish(ResponseInfo.Outcome.TIMED_OUT, response.getStatus());
    }

    @Override
    public void onError(AsyncEvent event) {
        finish(observer.isClientGone() || event.getThrowable() instanceof java.io.IOException
                ? ResponseInfo.Outcome.CANCELLED : ResponseInfo.Outcome.FAILED, response.getStatus());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // A restarted async cycle: stay registered for its end.
        event.getAsyncContext().addListener(this);
    }
}
