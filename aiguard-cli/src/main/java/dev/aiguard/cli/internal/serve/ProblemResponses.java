package dev.aiguard.cli.internal.serve;

import dev.aiguard.api.Headers;
import dev.aiguard.api.Verdict;
import dev.aiguard.api.adapter.ProblemAnswer;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * Copies AIGuard's framework-independent {@link ProblemAnswer} (RFC 9457 {@code application/problem+json}, the same
 * document every adapter sends) onto a Jetty response, plus {@code X-Request-Id}. Nothing from the request is echoed
 * except the request id.
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    /** Answers a blocked verdict: its status, {@code Retry-After}, its response headers and a problem body. */
    public static void blocked(Response response, Verdict verdict, Callback callback) {
        write(response, ProblemAnswer.forBlock(verdict), verdict.exchange() == null ? null : verdict.exchange().requestId(),
                callback);
    }

    /** Answers an internal error of the guard path (500), saying nothing about its cause. */
    public static void internalError(Response response, String requestId, Callback callback) {
        write(response, ProblemAnswer.internalError(), requestId, callback);
    }

    /** Writes a problem document with {@code status} and reason code {@code reason}. */
    public static void write(Response response, int status, String reason, String requestId, Callback callback) {
        write(response, ProblemAnswer.of(status, reason, requestId), requestId, callback);
    }

    private static void write(Response response, ProblemAnswer answer, String requestId, Callback callback) {
        response.setStatus(answer.status());
        for (Headers.Header header : answer.headers().lines()) {
            response.getHeaders().put(header.name(), header.value());
        }
        if (requestId != null) {
            response.getHeaders().put("X-Request-Id", requestId);
        }
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }
}
