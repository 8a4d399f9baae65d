package dev.aiguard.grpc.internal;

import dev.aiguard.api.ResponseInfo;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;

/**
 * The call as the service sees it: responses pass through the usage extractor, closing completes the exchange, and
 * the one message the interceptor pulled itself (to inspect it before starting the service) is counted against the
 * service's first {@code request}, so flow control stays exact.
 */
final class ObservedCall<ReqT, RespT> extends ForwardingServerCall.SimpleForwardingServerCall<ReqT, RespT> {

    private final CallCompletion completion;
    private final Object lock = new Object();
    /** Set when the guard ended the call (a follow-up message was refused): the service's later answers are dropped. */
    private boolean closedByGuard;
    /** Messages already pulled from the transport on the service's behalf; touched by the service's requests only. */
    private int credit;

    ObservedCall(ServerCall<ReqT, RespT> call, CallCompletion completion, int credit) {
        super(call);
        this.completion = completion;
        this.credit = credit;
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
            super.sendMessage(message);
        }
    }

    /** Ends the call on the guard's behalf; whatever the service sends afterwards is dropped. */
    void closeByGuard(Status status, Metadata trailers) {
        synchronized (lock) {
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
            completion.finish(StatusMapping.httpStatus(status.getCode()), trailers,
                    status.isOk() ? ResponseInfo.Outcome.COMPLETED : ResponseInfo.Outcome.FAILED);
            super.close(status, trailers);
        }
    }
}
