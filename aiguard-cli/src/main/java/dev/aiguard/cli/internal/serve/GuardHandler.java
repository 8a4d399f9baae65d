package dev.aiguard.cli.internal.serve;

import dev.aiguard.api.Exchange;
import dev.aiguard.api.Guard;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Usage;
import dev.aiguard.api.Verdict;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;

/**
 * Puts a {@link Guard} in front of another handler (the mock model or the reverse proxy). Every request is read (body
 * bounded by the policy's {@code maxBodyBytes}), inspected, and either answered with the block as an RFC 9457 problem
 * or passed on with its body replayed; when the response ends, {@link Guard#complete} gets its status, headers and the
 * token usage the model reported.
 *
 * <p>Nothing thrown on the guard path reaches Jetty: it becomes a 500 problem and a log line that names the exception
 * type and the request id, never request data.
 */
public final class GuardHandler extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(GuardHandler.class);

    private final Guard guard;
    private final BodyBuffer bodies;
    private final RequestListener listener;

    /**
     * @param guard       the guard; its current configuration's {@code maxBodyBytes} bounds what is buffered
     * @param bodyTimeout how long a client may stall while sending the body
     * @param next        what allowed requests go to
     */
    public GuardHandler(Guard guard, Duration bodyTimeout, Handler next) {
        this(guard, bodyTimeout, next, RequestListener.NONE);
    }

    /** As above, telling {@code listener} about every finished request. */
    public GuardHandler(Guard guard, Duration bodyTimeout, Handler next, RequestListener listener) {
        super(next);
        this.guard = guard;
        this.bodies = new BodyBuffer(bodyTimeout);
        this.listener = listener;
    }

    /** Reading the body blocks the thread, so Jetty must never call this handler from a non-blocking context. */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        BufferedBody body;
        Verdict verdict;
        try {
            body = bodies.read(request, guard.config().maxBodyBytes());
            verdict = guard.inspect(GuardRequests.from(request, body));
        } catch (IOException e) {
            // The client stalled, went away or sent a broken body: its fault, not the guard's.
            LOG.debug("AIGuard serve: request body unreadable (request {}, {})", request.getId(), e.getClass().getName());
            ProblemResponses.write(response, HttpStatus.BAD_REQUEST_400, "aiguard.body_unreadable", request.getId(), callback);
            return true;
        } catch (Throwable e) {
            failBeforeModel(request, response, callback, e);
            return true;
        }
        Exchange exchange = verdict.exchange();
        if (verdict.blocked()) {
            answerBlock(response, callback, verdict, exchange);
            return true;
        }
        forward(new ReplayingRequest(request, body), response, callback, exchange);
        return true;
    }

    private void answerBlock(Response response, Callback callback, Verdict verdict, Exchange exchange) {
        try {
            ProblemResponses.blocked(response, verdict,
                    completing(callback, exchange, response, null));
        } catch (Throwable e) {
            logFailure("answering a block failed", exchange.requestId(), e);
            guard.complete(exchange, new ResponseInfo(0, GuardRequests.headers(response.getHeaders()), Usage.unknown(),
                    ResponseInfo.Outcome.FAILED));
            callback.failed(e);
        }
    }

    private void forward(Request request, Response response, Callback callback, Exchange exchange) {
        UsageRecordingResponse recording = new UsageRecordingResponse(request, response);
        Callback done = completing(callback, exchange, response, recording);
        try {
            if (!super.handle(request, recording, done)) {
                ProblemResponses.write(response, HttpStatus.NOT_FOUND_404, "not_found", exchange.requestId(), done);
            }
        } catch (EofException e) {
            // The client went away mid-response (closed a stream early): nothing failed on our side.
            LOG.debug("AIGuard serve: client closed the connection (request {})", exchange.requestId());
            done.failed(e);
        } catch (Throwable e) {
            logFailure("the handler behind the guard failed", exchange.requestId(), e);
            if (response.isCommitted()) {
                done.failed(e);
            } else {
                ProblemResponses.internalError(response, exchange.requestId(), done);
            }
        }
    }

    /** A callback that reports the finished exchange to the guard before telling Jetty. */
    private Callback completing(Callback callback, Exchange exchange, Response response, UsageRecordingResponse usage) {
        return new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                report(ResponseInfo.Outcome.COMPLETED);
                super.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                report(failure instanceof EofException ? ResponseInfo.Outcome.CANCELLED : ResponseInfo.Outcome.FAILED);
                super.failed(failure);
            }

            private void report(ResponseInfo.Outcome outcome) {
                Usage reported = usage == null ? Usage.unknown() : usage.usage();
                guard.complete(exchange, new ResponseInfo(response.getStatus(),
                        GuardRequests.headers(response.getHeaders()), reported, outcome));
                try {
                    listener.finished(exchange, response.getStatus(), reported);
                } catch (RuntimeException e) {
                    LOG.debug("AIGuard serve: request listener failed (request {})", exchange.requestId(), e);
                }
            }
        };
    }

    private static void failBeforeModel(Request request, Response response, Callback callback, Throwable e) {
        String requestId = request.getId();
        logFailure("inspecting a request failed", requestId, e);
        if (response.isCommitted()) {
            callback.failed(e);
            return;
        }
        try {
            ProblemResponses.internalError(response, requestId, callback);
        } catch (Throwable again) {
            callback.failed(again);
        }
    }

    /** Names the exception type only: its message may quote request data. */
    private static void logFailure(String what, String requestId, Throwable e) {
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
            throw (VirtualMachineError) e;
        }
        LOG.warn("AIGuard serve: {} (request {}, {})", what, requestId, e.getClass().getName());
        LOG.debug("AIGuard serve: {} (request {})", what, requestId, e);
    }
}
