package dev.aiguard.vertx;

import dev.aiguard.api.Guard;
import dev.aiguard.api.GuardRequest;
import dev.aiguard.api.Headers;
import dev.aiguard.api.ResponseInfo;
import dev.aiguard.api.Usage;
import dev.aiguard.api.Verdict;
import dev.aiguard.api.adapter.ProblemAnswer;
import dev.aiguard.api.adapter.StreamLimit;
import dev.aiguard.llm.adapter.ResponseObserver;
import dev.aiguard.llm.adapter.UsageCapture;
import dev.aiguard.vertx.internal.BodyCollector;
import dev.aiguard.vertx.internal.ExchangeCompletion;
import dev.aiguard.vertx.internal.GuardedBody;
import dev.aiguard.vertx.internal.ProblemWriter;
import dev.aiguard.vertx.internal.RequestTranslator;
import dev.aiguard.vertx.internal.UsageTap;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * A Vert.x Web handler that puts a {@link Guard} in front of the routes after it.
 *
 * <p>For each request it collects the body (like {@code BodyHandler}: the routes after it read it with
 * {@code ctx.body()}; a body over {@link Builder#bodyLimit} is refused with 413), asks {@link Guard#inspect} about the
 * request with the body's first {@code maxBodyBytes} bytes, and either answers the block (status,
 * {@code Retry-After}, the verdict's headers, an RFC 9457 {@code application/problem+json} body) or calls
 * {@code ctx.next()}. When the response ends, the connection closes or the response fails, it calls
 * {@link Guard#complete} once, with the status and the token usage read from a JSON or streamed (SSE, NDJSON)
 * response as it passes, without holding the stream back.
 *
 * <p>It never blocks the event loop on a large inspection: a request whose body has at least
 * {@link Builder#workerThreshold} bytes is inspected on a worker thread. The handler decides nothing itself; the
 * guard's policy does. An internal failure of AIGuard answers 500 with a problem body and never reaches Vert.x.
 *
 * <p>Mount it first on the guarded routes: {@code router.route("/v1/*").handler(AiGuardHandler.create(guard))}.
 */
public final class AiGuardHandler implements Handler<RoutingContext> {

    /** Default {@link Builder#workerThreshold}: 8 KiB. */
    public static final int DEFAULT_WORKER_THRESHOLD = 8 * 1024;
    /** Default {@link Builder#bodyLimit}: 16 MiB. */
    public static final long DEFAULT_BODY_LIMIT = 16L << 20;
    /** Reason code of the 413 answer for a body over the handler's body limit. */
    public static final String BODY_LIMIT_REASON = "aiguard.body_limit";

    private static final Logger LOG = LoggerFactory.getLogger(AiGuardHandler.class);
    /** Marks a routing context the handler has seen, so that a reroute does not inspect (or read) twice. */
    private static final String SEEN = "dev.aiguard.vertx.seen";

    private final Guard guard;
    private final int workerThreshold;
    private final long bodyLimit;
    private final StreamLimit streamLimit;
    private final WorkerExecutor workerExecutor;

    private AiGuardHandler(Builder b) {
        this.guard = b.guard;
        this.workerThreshold = b.workerThreshold;
        this.bodyLimit = b.bodyLimit;
        this.streamLimit = b.streamLimit;
        this.workerExecutor = b.workerExecutor;
    }

    /** A handler with the defaults: worker threshold 8 KiB, body limit 16 MiB, no stream cutting. */
    public static AiGuardHandler create(Guard guard) {
        return builder(guard).build();
    }

    /** A builder for a handler in front of {@code guard}. */
    public static Builder builder(Guard guard) {
        return new Builder(guard);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.get(SEEN) != null) {
            ctx.next();
            return;
        }
        ctx.put(SEEN, Boolean.TRUE);
        try {
            // Later BodyHandlers must not try to read the body this handler collects.
            ((RoutingContextInternal) ctx).visitHandler(RoutingContextInternal.BODY_HANDLER);
            readBody(ctx);
        } catch (RuntimeException | Error e) {
            failed(ctx, e);
        }
    }

    private void readBody(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        long declared = contentLength(request);
        boolean hasBody = declared > 0 || request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
                || request.version() == HttpVersion.HTTP_2 && !request.isEnded();
        if (!hasBody) {
            inspect(ctx, null);
            return;
        }
        if (declared > bodyLimit) {
            ProblemWriter.write(ctx.response(), ProblemAnswer.of(413, BODY_LIMIT_REASON));
            return;
        }
        if (request.isEnded()) {
            throw new IllegalStateException("request body already read: mount AiGuardHandler before async handlers");
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))
                && request.version() != HttpVersion.HTTP_1_0) {
            ctx.response().writeContinue();
        }
        if (isForm(request)) {
            // Vert.x decodes the form while the body streams in; the routes read it with formAttributes().
            request.setExpectMultipart(true);
        }
        BodyCollector body = new BodyCollector(bodyLimit, declared);
        request.handler(chunk -> {
            if (body.add(chunk)) {
                ProblemWriter.write(ctx.response(), ProblemAnswer.of(413, BODY_LIMIT_REASON));
            }
        });
        request.endHandler(v -> {
            if (!body.over()) {
                bodyRead(ctx, body.body());
            }
        });
        // The client went away while sending: nothing was inspected, so nothing to complete.
        request.exceptionHandler(e -> LOG.debug("AIGuard: request body failed ({})", e.getClass().getName()));
        request.resume();
    }

    private void bodyRead(RoutingContext ctx, Buffer body) {
        try {
            inspect(ctx, body);
        } catch (RuntimeException | Error e) {
            failed(ctx, e);
        }
    }

    private void inspect(RoutingContext ctx, Buffer body) {
        GuardRequest request = RequestTranslator.translate(ctx.request(), body, guard.config().maxBodyBytes());
        int length = body == null ? 0 : body.length();
        if (length < workerThreshold) {
            decided(ctx, guard.inspect(request), body);
            return;
        }
        Callable<Verdict> task = () -> guard.inspect(request);
        Future<Verdict> verdict = workerExecutor != null ? workerExecutor.executeBlocking(task, false)
                : ctx.vertx().executeBlocking(task, false);
        verdict.onComplete(result -> {
            if (result.failed()) {
                failed(ctx, result.cause());
            } else {
                decided(ctx, result.result(), body);
            }
        });
    }

    private void decided(RoutingContext ctx, Verdict verdict, Buffer body) {
        HttpServerResponse response = ctx.response();
        if (response.closed()) {
            // The client left while the request was inspected.
            guard.complete(verdict.exchange(), new ResponseInfo(0, Headers.empty(), Usage.unknown(),
                    ResponseInfo.Outcome.CANCELLED));
            return;
        }
        if (verdict.blocked()) {
            answerBlock(response, verdict);
            return;
        }
        try {
            pass(ctx, verdict, body);
        } catch (RuntimeException | Error e) {
            guard.complete(verdict.exchange(), new ResponseInfo(500, Headers.empty(), Usage.unknown(),
                    ResponseInfo.Outcome.FAILED));
            failed(ctx, e);
        }
    }

    private void answerBlock(HttpServerResponse response, Verdict verdict) {
        ProblemAnswer answer = ProblemAnswer.forBlock(verdict);
        Future<Void> sent;
        try {
            sent = ProblemWriter.write(response, answer);
        } catch (RuntimeException e) {
            sent = Future.failedFuture(e);
        }
        sent.onComplete(result -> guard.complete(verdict.exchange(), new ResponseInfo(answer.status(),
                RequestTranslator.headers(response.headers()), Usage.unknown(),
                result.succeeded() ? ResponseInfo.Outcome.COMPLETED : ResponseInfo.Outcome.CANCELLED)));
    }

    private void pass(RoutingContext ctx, Verdict verdict, Buffer body) {
        HttpServerResponse response = ctx.response();
        if (body != null) {
            ((RoutingContextInternal) ctx).setBody(body);
        }
        Predicate<Usage> cut = streamLimit == null ? null : u -> streamLimit.exceeded(verdict.exchange(), u);
        ResponseObserver observer = new ResponseObserver(
                new UsageCapture(() -> response.headers().get(HttpHeaders.CONTENT_TYPE)), cut);
        UsageTap tap = UsageTap.of(ctx.request());
        Context context = ctx.vertx().getOrCreateContext();
        // The output stages see the body where the tap does; a cut there ends the Vert.x response afterwards, so the
        // application's next write fails as if the client had gone.
        GuardedBody guarded = tap == null ? null : new GuardedBody(guard, verdict.exchange(),
                () -> context.runOnContext(v -> endQuietly(response)));
        ExchangeCompletion completion = new ExchangeCompletion(guard, verdict.exchange(), observer, response,
                tap == null ? null : tap.eventLoop(), ctx::failed, guarded);
        // The tap trips the limit while a write passes; the response is ended once that write is done.
        observer.onCut(() -> context.runOnContext(v -> completion.cut()));
        ctx.addEndHandler(result -> completion.ended(result.succeeded()));
        if (tap != null) {
            tap.expect(observer, guarded);
        }
        ctx.next();
    }

    private static void endQuietly(HttpServerResponse response) {
        if (!response.ended() && !response.closed()) {
            try {
                response.end();
            } catch (IllegalStateException e) {
                // ended meanwhile
            }
        }
    }

    /** AIGuard itself failed: answer 500 and log the failure's type only (its message may quote request data). */
    private static void failed(RoutingContext ctx, Throwable e) {
        LOG.error("AIGuard handler failed ({}); answered 500", e.getClass().getName());
        if (LOG.isDebugEnabled()) {
            LOG.debug("AIGuard handler failure", e);
        }
        HttpServerResponse response = ctx.response();
        if (!response.headWritten() && !response.ended() && !response.closed()) {
            ProblemWriter.write(response, ProblemAnswer.internalError());
        }
        if (e instanceof OutOfMemoryError oom) {
            throw oom;
        }
    }

    private static long contentLength(HttpServerRequest request) {
        String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isForm(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null) {
            return false;
        }
        String t = type.toLowerCase(Locale.ROOT);
        return t.startsWith("application/x-www-form-urlencoded") || t.startsWith("multipart/form-data");
    }

    /** Builds an {@link AiGuardHandler}. */
    public static final class Builder {
        private final Guard guard;
        private int workerThreshold = DEFAULT_WORKER_THRESHOLD;
        private long bodyLimit = DEFAULT_BODY_LIMIT;
        private StreamLimit streamLimit;
        private WorkerExecutor workerExecutor;

        private Builder(Guard guard) {
            this.guard = Objects.requireNonNull(guard, "guard");
        }

        /**
         * Requests whose body has at least this many bytes are inspected on a worker thread, the others on the
         * event loop. 0 sends every request to a worker (e.g. for a CRS stage, which costs milliseconds even on
         * small requests).
         */
        public Builder workerThreshold(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("workerThreshold must be >= 0");
            }
            this.workerThreshold = bytes;
            return this;
        }

        /** Largest body collected for the application (only the guard's {@code maxBodyBytes} are inspected). */
        public Builder bodyLimit(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("bodyLimit must be >= 0");
            }
            this.bodyLimit = bytes;
            return this;
        }

        /** Cuts a streamed response cleanly when the limit says so; {@code null} (default) never cuts. */
        public Builder streamLimit(StreamLimit streamLimit) {
            this.streamLimit = streamLimit;
            return this;
        }

        /** The worker pool for large inspections; default: the Vert.x instance's worker pool. */
        public Builder workerExecutor(WorkerExecutor workerExecutor) {
            this.workerExecutor = workerExecutor;
            return this;
        }

        public AiGuardHandler build() {
            return new AiGuardHandler(this);
        }
    }
}
