package dev.aiguard.grpc.internal;

import dev.aiguard.api.Exchange;
import dev.aiguard.api.Guard;
import dev.aiguard.api.Headers;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Usage;
import dev.aiguard.grpc.UsageExtractor;
import io.grpc.Metadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Completes a call's exchanges exactly once, when the call ends (closed by the service, cancelled, or refused): the
 * call's own exchange with the usage read from the response messages, and the exchanges of inspected follow-up
 * messages with the same status and outcome and unknown usage (the call's usage is reconciled once, on its own
 * exchange). Thread-safe: responses are sent on the service's threads, cancellation arrives on gRPC's.
 */
public final class CallCompletion {

    private static final Logger LOG = LoggerFactory.getLogger(CallCompletion.class);

    private final Guard guard;
    private final UsageExtractor usageExtractor;
    private Exchange exchange;
    private Guard followUpGuard;
    private List<Exchange> followUps;
    private long inputTokens = -1;
    private long outputTokens = -1;
    private boolean done;

    public CallCompletion(Guard guard, UsageExtractor usageExtractor) {
        this.guard = guard;
        this.usageExtractor = usageExtractor;
    }

    /** The call's own exchange, from the inspection of its first message. */
    public synchronized void exchange(Exchange exchange) {
        this.exchange = exchange;
    }

    /** An exchange of a follow-up message, inspected by {@code followUpGuard}; completed with the call. */
    public synchronized void followUp(Guard followUpGuard, Exchange followUp) {
        if (done) {
            complete(followUpGuard, followUp, new ResponseInfo(0, Headers.empty(), Usage.unknown(),
                    ResponseInfo.Outcome.CANCELLED));
            return;
        }
        this.followUpGuard = followUpGuard;
        if (followUps == null) {
            followUps = new ArrayList<>(4);
        }
        followUps.add(followUp);
    }

    /** Reads the usage a response message reports; known parts override what earlier messages said. */
    public void responseSent(Object message) {
        Usage usage;
        try {
            usage = usageExtractor.extract(message);
        } catch (RuntimeException e) {
            LOG.warn("AIGuard usage extractor {} failed ({})", usageExtractor.getClass().getName(), e.getClass().getName());
            return;
        }
        if (usage == null || !usage.isKnown()) {
            return;
        }
        synchronized (this) {
            if (usage.inputTokens() >= 0) {
                inputTokens = usage.inputTokens();
            }
            if (usage.outputTokens() >= 0) {
                outputTokens = usage.outputTokens();
            }
        }
    }

    /**
     * Ends the call: completes every exchange once; later calls do nothing.
     *
     * @param httpStatus the HTTP equivalent of the status the call ended with (0 when none was sent)
     * @param trailers   the trailers sent, or {@code null}
     */
    public void finish(int httpStatus, Metadata trailers, ResponseInfo.Outcome outcome) {
        Exchange own;
        List<Exchange> others;
        Usage usage;
        Guard othersGuard;
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            own = exchange;
            others = followUps;
            othersGuard = followUpGuard;
            usage = inputTokens < 0 && outputTokens < 0 ? Usage.unknown() : new Usage(inputTokens, outputTokens);
        }
        Headers headers = trailers == null ? Headers.empty() : TrailerHeaders.of(trailers);
        if (own != null) {
            complete(guard, own, new ResponseInfo(httpStatus, headers, usage, outcome));
        }
        if (others != null) {
            ResponseInfo info = new ResponseInfo(httpStatus, headers, Usage.unknown(), outcome);
            for (Exchange followUp : others) {
                complete(othersGuard, followUp, info);
            }
        }
    }

    /** Whether {@link #finish} has run. */
    public synchronized boolean finished() {
        return done;
    }

    private static void complete(Guard guard, Exchange exchange, ResponseInfo info) {
        try {
            guard.complete(exchange, info);
        } catch (RuntimeException e) {
            // Guard.complete does not throw; this only guards the host against a broken guard build.
            LOG.warn("AIGuard could not complete exchange {} ({})", exchange.requestId(), e.getClass().getName());
        }
    }
}
