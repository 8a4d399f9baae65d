package dev.aiguard.grpc.internal;

import dev.aiguard.api.Block;
import dev.aiguard.api.ResponseInfo;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call as the service sees it: responses pass through the usage extractor and the exchange's output stages
 * ({@link GuardedResponses}), closing completes the exchange, and the one message the interceptor pulled itself (to
 * inspect it before starting the service) is counted against the service's first {@code request}, so flow control
 * stays exact.
 *
 * <p>When an output stage stops the response, the call is closed with the block's status (as a refused request is),
 * the service's later messages are dropped, and the call reads as cancelled to the service so that it stops
 * generating.
 */
final class ObservedCall<ReqT, RespT> extends ForwardingServerCall.SimpleForwardingServerCall<ReqT, RespT> {

    private static final Logger LOG = LoggerFactory.getLogger(ObservedCall.class);

    private final CallCompletion completion;
    /** The response side; {@code null} when no output stage inspects this call's responses. */
    private final GuardedResponses responses;
    private final String requestId;
    private final Object lock = new Object();
    /** Set when the guard ended the call (a follow-up message was refused): the service's later answers are dropped. */
    private boolean closedByGuard;
    /** Messages already pulled from the transport on the service's behalf; touched by the service's requests only. */
    private int credit;

    ObservedCall(ServerCall<ReqT, RespT> call, CallCompletion completion, int credit, GuardedResponses responses,
                 String requestId) {
        super(call);
        this.completion = completion;
        this.credit = credit;
        this.responses = responses;
        this.requestId = requestId;
    }

    @Override
    public void request(int numMessages) {
        int absorbed;
        synchronized (this) {
            absorbed = Math.min(credit, Math.max(numMessages, 0));
            credit -= absorbed;
        }
        if (numMessages - absorbed > 0 || numMessages <= 0) {
            super.request(numMessages - absorbed);
        }
    }

    @Override
    public void sendMessage(RespT message) {
        synchronized (lock) {
            if (closedByGuard) {
                return;
            }
            completion.responseSent(message);
            if (responses == null) {
                super.sendMessage(message);
                return;
            }
            GuardedResponses.Step step;
            try {
                step = responses.send(message);
            } catch (RuntimeException e) {
                failedInspecting(e);
                return;
            }
            forward(step);
        }
    }

    /** Whether the guard ended the call (a refused follow-up message or a response cut by an output stage). */
    boolean closedByGuard() {
        synchronized (lock) {
            return closedByGuard;
        }
    }

    /** A call the guard ended reads as cancelled, so a service polling {@code isCancelled} stops generating. */
    @Override
    public boolean isCancelled() {
        return closedByGuard() || super.isCancelled();
    }

    /** The client went away: the response side reports what it found; held-back messages have nowhere to go. */
    void abandoned() {
        synchronized (lock) {
            if (responses != null && !closedByGuard) {
                try {
                    responses.finish();
                } catch (RuntimeException e) {
                    LOG.debug("AIGuard: response inspection failed after cancel ({})", e.getClass().getName());
                }
            }
        }
    }

    /** Sends what the guard forwarded; a cut closes the call with the block's status. Called under the lock. */
    @SuppressWarnings("unchecked")
    private void forward(GuardedResponses.Step step) {
        for (Object m : step.messages()) {
            super.sendMessage((RespT) m);
        }
        if (step.cut()) {
            Block block = step.block();
            BlockAnswer answer = BlockAnswer.of(block, null, requestId);
            completion.finish(block.httpStatus(), answer.trailers(), ResponseInfo.Outcome.CANCELLED);
            closeByGuardLocked(answer.status(), answer.trailers());
        }
    }

    /** Messages could not be turned back from what the output stage forwarded: never send the original. */
    private void failedInspecting(RuntimeException e) {
        LOG.error("AIGuard response inspection failed ({}); call closed with INTERNAL", e.getClass().getName());
        BlockAnswer answer = BlockAnswer.internalError();
        completion.finish(500, answer.trailers(), ResponseInfo.Outcome.FAILED);
        closeByGuardLocked(answer.status(), answer.trailers());
    }

    /** Ends the call on the guard's behalf; whatever the service sends afterwards is dropped. */
    void closeByGuard(Status status, Metadata trailers) {
        synchronized (lock) {
            closeByGuardLocked(status, trailers);
        }
    }

    private void closeByGuardLocked(Status status, Metadata trailers) {
        if (closedByGuard) {
            return;
        }
        closedByGuard = true;
        try {
            super.close(status, trailers);
        } catch (IllegalStateException e) {
            // the service closed it first: its status stands
        }
    }

    /**
     * Completes the exchange before the status goes out: a client that waits for its answer before its next call then
     * never meets its own previous call's in-flight slot.
     */
    @Override
    public void close(Status status, Metadata trailers) {
        synchronized (lock) {
            if (closedByGuard) {
                return;
            }
            if (responses != null) {
                GuardedResponses.Step held;
                try {
                    held = responses.finish();
                } catch (RuntimeException e) {
                    failedInspecting(e);
                    return;
                }
                // Held-back messages go out before the service's status, whatever it is.
                forward(held);
                if (held.cut()) {
                    return;
                }
            }
            completion.finish(StatusMapping.httpStatus(status.getCode()), trailers,
                    status.isOk() ? ResponseInfo.Outcome.COMPLETED : ResponseInfo.Outcome.FAILED);
            super.close(status, trailers);
        }
    }
}
