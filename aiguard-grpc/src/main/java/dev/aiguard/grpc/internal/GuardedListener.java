package dev.aiguard.grpc.internal;

import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Verdict;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * One guarded call. The service's handler is started only once the guard has allowed the call: the listener pulls
 * the first message itself, inspects it (or, for a call that half-closes without one, the metadata alone), and then
 * starts the service and hands it what arrived meanwhile. Later messages of streaming calls are inspected by the
 * follow-up guard when one is configured.
 *
 * <p>gRPC calls a listener's methods one at a time, so the state needs no lock. Nothing here throws into gRPC except
 * what the service itself throws.
 */
public final class GuardedListener<ReqT, RespT> extends ServerCall.Listener<ReqT> {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedListener.class);

    /** How early before the server's deadline a cancel still counts as the deadline's (see cancelledOutcome). */
    private static final long DEADLINE_SLACK_MILLIS = 250;

    private enum State { WAITING, PASSING, CLOSED }

    private final Settings settings;
    private final ServerCall<ReqT, RespT> call;
    private final Metadata headers;
    private final ServerCallHandler<ReqT, RespT> next;
    private final CallCompletion completion;
    private State state = State.WAITING;
    private ObservedCall<ReqT, RespT> observed;
    private ServerCall.Listener<ReqT> delegate;
    private boolean readyPending;
    private boolean delegateEnded;
    private int followUpsInspected;

    private GuardedListener(Settings settings, ServerCall<ReqT, RespT> call, Metadata headers,
                            ServerCallHandler<ReqT, RespT> next) {
        this.settings = settings;
        this.call = call;
        this.headers = headers;
        this.next = next;
        this.completion = new CallCompletion(settings.guard(), settings.usageExtractor());
    }

    /** Starts guarding a call: asks the transport for the first message and returns the listener to give gRPC. */
    public static <ReqT, RespT> ServerCall.Listener<ReqT> start(Settings settings, ServerCall<ReqT, RespT> call,
                                                             Metadata headers, ServerCallHandler<ReqT, RespT> next) {
        GuardedListener<ReqT, RespT> listener = new GuardedListener<>(settings, call, headers, next);
        call.request(1);
        return listener;
    }

    @Override
    public void onMessage(ReqT message) {
        switch (state) {
            case WAITING -> {
                if (admit(message, true)) {
                    forwardMessage(message);
                }
            }
            case PASSING -> {
                if (followUpAllowed(message)) {
                    forwardMessage(message);
                }
            }
            default -> { } // the guard ended the call; the message goes nowhere
        }
    }

    @Override
    public void onHalfClose() {
        if (state == State.WAITING && !admit(null, false)) {
            return;
        }
        if (state == State.PASSING) {
            try {
                delegate.onHalfClose();
            } catch (RuntimeException | Error e) {
                serviceFailed();
                throw e;
            }
        }
    }

    @Override
    public void onCancel() {
        if (state == State.PASSING) {
            observed.abandoned();
            ResponseInfo.Outcome outcome = cancelledOutcome();
            completion.finish(StatusMapping.httpStatus(outcome == ResponseInfo.Outcome.TIMED_OUT
                    ? Status.Code.DEADLINE_EXCEEDED : Status.Code.CANCELLED), null, outcome);
        }
        state = State.CLOSED;
        endDelegate();
    }

    @Override
    public void onComplete() {
        if (state == State.PASSING && observed.closedByGuard()) {
            // An output stage cut the response: to the service, the call was cancelled.
            state = State.CLOSED;
            endDelegate();
            return;
        }
        if (state == State.PASSING) {
            // The service closed the call, which already completed the exchange; this only covers a close that
            // bypassed the observed call.
            completion.finish(StatusMapping.httpStatus(Status.Code.OK), null, ResponseInfo.Outcome.COMPLETED);
            try {
                delegate.onComplete();
            } finally {
                delegateEnded = true;
            }
            return;
        }
        endDelegate();
    }

    @Override
    public void onReady() {
        if (state == State.PASSING) {
            delegate.onReady();
        } else if (state == State.WAITING) {
            readyPending = true;
        }
    }

    /** Inspects the call; on allow starts the service. Returns whether the service now runs. */
    private boolean admit(ReqT first, boolean hasMessage) {
        Guard guard = settings.guard();
        Verdict verdict = inspect(guard, first);
        if (verdict == null) {
            return false;
        }
        completion.exchange(verdict.exchange());
        if (verdict.blocked()) {
            refuse(verdict);
            return false;
        }
        try {
            GuardedResponses responses = GuardedResponses.open(guard, verdict.exchange(), call.getMethodDescriptor(),
                    settings.views());
            observed = new ObservedCall<>(call, completion, hasMessage ? 1 : 0, responses,
                    verdict.exchange().requestId());
            delegate = next.startCall(observed, headers);
        } catch (RuntimeException | Error e) {
            // The service's handler failed to start; answer as gRPC answers an application failure.
            LOG.warn("gRPC service handler for {} failed to start ({}); call closed with UNKNOWN",
                    call.getMethodDescriptor().getFullMethodName(), e.getClass().getName());
            state = State.CLOSED;
            completion.finish(500, null, ResponseInfo.Outcome.FAILED);
            closeQuietly(Status.UNKNOWN, new Metadata());
            rethrowIfFatal(e);
            return false;
        }
        state = State.PASSING;
        if (readyPending) {
            delegate.onReady();
        }
        return true;
    }

    /** A later message of a streaming call: inspected by the follow-up guard, up to the configured number. */
    private boolean followUpAllowed(ReqT message) {
        Guard guard = settings.followUpGuard();
        if (guard == null || followUpsInspected >= settings.followUpMessages()) {
            return true;
        }
        followUpsInspected++;
        Verdict verdict = inspect(guard, message);
        if (verdict == null) {
            return false;
        }
        completion.followUp(guard, verdict.exchange());
        if (verdict.blocked()) {
            refuse(verdict);
            return false;
        }
        return true;
    }

    /** Runs the guard; {@code null} when AIGuard itself failed (the call is then closed with INTERNAL). */
    private Verdict inspect(Guard guard, ReqT message) {
        try {
            MessageView.Body body = settings.views().of(call.getMethodDescriptor().getFullMethodName(), message);
            GuardRequest request = RequestTranslator.translate(call, headers, body, guard.config().maxBodyBytes());
            return guard.inspect(request);
        } catch (RuntimeException | Error e) {
            rethrowIfFatal(e);
            LOG.error("AIGuard interceptor failed ({}); call closed with INTERNAL", e.getClass().getName());
            if (LOG.isDebugEnabled()) {
                LOG.debug("AIGuard interceptor failure", e);
            }
            boolean started = state == State.PASSING;
            state = State.CLOSED;
            completion.finish(500, null, ResponseInfo.Outcome.FAILED);
            BlockAnswer answer = BlockAnswer.internalError();
            close(started, answer.status(), answer.trailers());
            return null;
        }
    }

    /** Answers a block: completes the call's exchanges with the block's status, then closes the call. */
    private void refuse(Verdict verdict) {
        boolean started = state == State.PASSING;
        state = State.CLOSED;
        BlockAnswer answer = BlockAnswer.of(verdict);
        completion.finish(verdict.httpStatus(), answer.trailers(), ResponseInfo.Outcome.COMPLETED);
        close(started, answer.status(), answer.trailers());
    }

    private void close(boolean serviceStarted, Status status, Metadata trailers) {
        if (serviceStarted) {
            observed.closeByGuard(status, trailers);
        } else {
            closeQuietly(status, trailers);
        }
    }

    private void closeQuietly(Status status, Metadata trailers) {
        try {
            call.close(status, trailers);
        } catch (IllegalStateException e) {
            // already closed (cancelled meanwhile): nothing left to answer
        }
    }

    private void forwardMessage(ReqT message) {
        try {
            delegate.onMessage(message);
        } catch (RuntimeException | Error e) {
            serviceFailed();
            throw e;
        }
    }

    /** The service threw from a listener method: gRPC will end the call; the exchange ends as failed. */
    private void serviceFailed() {
        completion.finish(500, null, ResponseInfo.Outcome.FAILED);
    }

    /** Tells a started service that its call is over, once: the guard ended it or the client went away. */
    private void endDelegate() {
        if (delegate != null && !delegateEnded) {
            delegateEnded = true;
            delegate.onCancel();
        }
    }

    /**
     * A cancel at (or just before) the call's deadline is a timeout. "Just before": the client's copy of the deadline
     * started earlier than the server's (by the request's transit), so a client cancelling because its deadline passed
     * arrives while the server's copy still has that transit time left.
     */
    private static ResponseInfo.Outcome cancelledOutcome() {
        Deadline deadline = Context.current().getDeadline();
        return deadline != null && deadline.timeRemaining(TimeUnit.MILLISECONDS) < DEADLINE_SLACK_MILLIS
                ? ResponseInfo.Outcome.TIMED_OUT : ResponseInfo.Outcome.CANCELLED;
    }

    private static void rethrowIfFatal(Throwable e) {
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError) && !(e instanceof InternalError)) {
            throw (VirtualMachineError) e;
        }
    }
}
