package dev.aiguard.servlet;

import dev.aiguard.api.Guard;
import dev.aiguard.api.OutputStage;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Usage;
import dev.aiguard.api.Verdict;
import dev.aiguard.api.adapter.StreamLimit;
import dev.aiguard.llm.adapter.ResponseObserver;
import dev.aiguard.llm.adapter.UsageCapture;
import dev.aiguard.servlet.internal.BodyPrefix;
import dev.aiguard.servlet.internal.ExchangeCompletion;
import dev.aiguard.servlet.internal.GuardedRequest;
import dev.aiguard.servlet.internal.ObservedResponse;
import dev.aiguard.servlet.internal.ProblemResponse;
import dev.aiguard.servlet.internal.RequestTranslator;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A Jakarta Servlet 6.0 filter that puts a {@link Guard} in front of the application.
 *
 * <p>For each request it reads the body up to the guard's {@code maxBodyBytes} (the application still reads the
 * whole body, unchanged), asks {@link Guard#inspect}, and either answers the block (status, {@code Retry-After}, the
 * verdict's headers, an RFC 9457 {@code application/problem+json} body) or passes the request on. When the response
 * ends (also for async servlets) it calls {@link Guard#complete} with the status and the token usage read from a JSON
 * or streamed (SSE, NDJSON) response as it passes, without holding the stream back.
 *
 * <p>The filter decides nothing itself; the guard's policy does. An internal failure of AIGuard never reaches the
 * container: the client gets a 500 problem and the log names the failure without request data.
 *
 * <p>Register it for the {@code REQUEST} dispatch with async support on.
 */
public final class AiGuardFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(AiGuardFilter.class);

    private final Guard guard;
    private final StreamLimit streamLimit;

    /** A filter with stream cutting off. */
    public AiGuardFilter(Guard guard) {
        this(guard, null);
    }

    /**
     * A filter that cuts a streamed response cleanly when {@code streamLimit} says so.
     *
     * @param streamLimit asked after each write of a response; {@code null} switches cutting off
     */
    public AiGuardFilter(Guard guard, StreamLimit streamLimit) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.streamLimit = streamLimit;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
                || request.getDispatcherType() != DispatcherType.REQUEST) {
            chain.doFilter(req, res);
            return;
        }
        BodyPrefix body;
        Verdict verdict;
        try {
            // An IOException reading the body is the client's (gone, malformed chunking): it goes to the container.
            body = RequestTranslator.readBody(request, guard.config().maxBodyBytes());
            verdict = guard.inspect(RequestTranslator.translate(request, body));
        } catch (RuntimeException | Error e) {
            failed(response, e);
            return;
        }
        if (verdict.blocked()) {
            answerBlock(response, verdict);
            return;
        }
        // Only bytes actually taken from the container's stream need replaying.
        BodyPrefix forwarded = body.length() > 0 ? body : null;
        byte[] replaced = verdict.exchange().replacementBody();
        if (replaced != null && forwarded != null && !body.truncated()) {
            // A stage rewrote the body (redacted prompts, a canary): the application reads the rewrite instead.
            forwarded = new BodyPrefix(replaced, replaced.length, false, replaced.length);
        }
        pass(request, response, chain, verdict, forwarded);
    }

    private void answerBlock(HttpServletResponse response, Verdict verdict) throws IOException {
        ResponseInfo.Outcome outcome = ResponseInfo.Outcome.COMPLETED;
        try {
            ProblemResponse.block(response, verdict);
        } catch (IOException e) {
            outcome = ResponseInfo.Outcome.CANCELLED;
            throw e;
        } finally {
            guard.complete(verdict.exchange(), new ResponseInfo(verdict.httpStatus(),
                    ObservedResponse.headersOf(response), Usage.unknown(), outcome));
        }
    }

    private void pass(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Verdict verdict,
                      BodyPrefix body) throws IOException, ServletException {
        ExchangeCompletion completion;
        GuardedRequest guardedRequest;
        ObservedResponse observedResponse;
        try {
            Predicate<Usage> cut = streamLimit == null ? null : u -> streamLimit.exceeded(verdict.exchange(), u);
            ResponseObserver observer = new ResponseObserver(new UsageCapture(response::getContentType), cut);
            if (hasOutputStages()) {
                observer.inspectOutput(type -> guard.responseGuard(verdict.exchange(), type), response::getContentType);
            }
            observedResponse = new ObservedResponse(response, observer);
            completion = new ExchangeCompletion(guard, verdict.exchange(), observedResponse, observer);
            guardedRequest = new GuardedRequest(request, body, completion::asyncStarted);
            guardedRequest.response(observedResponse);
        } catch (IOException e) {
            guard.complete(verdict.exchange(), new ResponseInfo(0, ObservedResponse.headersOf(response),
                    Usage.unknown(), ResponseInfo.Outcome.CANCELLED));
            throw e;
        } catch (RuntimeException | Error e) {
            guard.complete(verdict.exchange(), new ResponseInfo(500, ObservedResponse.headersOf(response),
                    Usage.unknown(), ResponseInfo.Outcome.FAILED));
            failed(response, e);
            return;
        }
        boolean failed = true;
        try {
            chain.doFilter(guardedRequest, observedResponse);
            failed = false;
        } finally {
            if (failed || !completion.isAsync() || !request.isAsyncStarted()) {
                completion.finish(failed);
            }
        }
    }

    /** Whether the guard's configuration has stages that inspect responses (see {@link OutputStage}). */
    private boolean hasOutputStages() {
        for (var stage : guard.config().stages()) {
            if (stage.stage() instanceof OutputStage) {
                return true;
            }
        }
        return false;
    }

    /** AIGuard itself failed: answer 500 and log the failure's type only (its message may quote request data). */
    private static void failed(HttpServletResponse response, Throwable e) throws IOException {
        if (e instanceof OutOfMemoryError oom) {
            throw oom;
        }
        LOG.error("AIGuard filter failed ({}); answered 500", e.getClass().getName());
        if (LOG.isDebugEnabled()) {
            LOG.debug("AIGuard filter failure", e);
        }
        ProblemResponse.internalError(response);
    }
}
